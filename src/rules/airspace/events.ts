/**
 * Events of the airspace slice: plain JSON data, canonically encodable. Designated areas, flights
 * and alerts are joint: every party sees them (an exemption or an alert nobody else may see would
 * protect nothing).
 */
import type { EpochMs, PartyId, RecordId } from '../../core/index.ts';
import type { DomainEvent } from '../model.ts';
import type { PolygonGeometry, TimeWindow } from '../operations/events.ts';

type E<T extends string, D> = DomainEvent<T, D>;

export interface Band {
  readonly minM: number;
  readonly maxM: number;
}
export interface Waypoint {
  readonly position: readonly [number, number];
  readonly at: EpochMs;
}
export interface ReportedPosition {
  readonly lon: number;
  readonly lat: number;
  readonly altitudeM: number;
}

export type FlightFiled = E<
  'FlightFiled',
  {
    readonly actor: string;
    readonly aircraft: string;
    readonly route: readonly Waypoint[];
    readonly band: Band;
    readonly category: string | null;
    readonly remarks: string | null;
  }
>;
export type FlightCancelled = E<'FlightCancelled', { readonly reason: string | null }>;
/** Two filed routes come inside the separation minima: both owners are told before anyone flies. */
export type FlightConflictAlerted = E<
  'FlightConflictAlerted',
  {
    readonly flight: RecordId;
    readonly against: RecordId;
    readonly parties: readonly PartyId[];
    readonly at: EpochMs;
    readonly distanceM: number;
    readonly verticalGapM: number;
  }
>;
export type DesignatedAreaRegistered = E<
  'DesignatedAreaRegistered',
  {
    readonly name: string;
    readonly area: PolygonGeometry;
    readonly window: TimeWindow;
    readonly band: Band;
    readonly restrictedActors: readonly string[];
    readonly exemptions: readonly string[];
  }
>;
export type DesignatedAreaWithdrawn = E<'DesignatedAreaWithdrawn', { readonly reason: string | null }>;
export type IncursionDetected = E<
  'IncursionDetected',
  {
    readonly aircraft: string;
    readonly actor: string;
    readonly area: RecordId;
    readonly enteredAt: EpochMs;
    readonly position: ReportedPosition;
    readonly cause: 'no_exemption' | 'left_corridor';
    readonly flight: RecordId | null;
    readonly source: string;
  }
>;
export type IncursionEnded = E<
  'IncursionEnded',
  {
    readonly aircraft: string;
    readonly area: RecordId;
    readonly enteredAt: EpochMs;
    readonly exitedAt: EpochMs;
    readonly dwellS: number;
    readonly cause: 'exited' | 'exempted' | 'track_lost' | 'area_closed';
  }
>;
export type SafetyOfFlightAlerted = E<
  'SafetyOfFlightAlerted',
  {
    readonly aircraft: readonly [string, string];
    readonly actors: readonly [string, string];
    readonly parties: readonly PartyId[];
    readonly detectedAt: EpochMs;
    readonly lossAt: EpochMs;
    readonly cpaAt: EpochMs;
    readonly cpaDistanceM: number;
    readonly cpaVerticalM: number;
  }
>;
export type SafetyOfFlightCleared = E<
  'SafetyOfFlightCleared',
  { readonly aircraft: readonly [string, string]; readonly clearedAt: EpochMs }
>;

/** A party the alert concerns has seen it; the person and the time are the event's `by` and `at`. */
export type AlertAcknowledged = E<
  'AlertAcknowledged',
  { readonly party: PartyId; readonly remarks: string | null }
>;

export type AirspaceEvent =
  | FlightFiled
  | FlightCancelled
  | FlightConflictAlerted
  | DesignatedAreaRegistered
  | DesignatedAreaWithdrawn
  | IncursionDetected
  | IncursionEnded
  | SafetyOfFlightAlerted
  | SafetyOfFlightCleared
  | AlertAcknowledged;

export const AIRSPACE_EVENT_TYPES: ReadonlySet<string> = new Set<AirspaceEvent['type']>([
  'FlightFiled',
  'FlightCancelled',
  'FlightConflictAlerted',
  'DesignatedAreaRegistered',
  'DesignatedAreaWithdrawn',
  'IncursionDetected',
  'IncursionEnded',
  'SafetyOfFlightAlerted',
  'SafetyOfFlightCleared',
  'AlertAcknowledged',
]);
