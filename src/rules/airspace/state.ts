/**
 * The airspace slice's state and fold. Only what people filed and what the live picture reported
 * as a transition is here; the positions themselves live in the monitor's memory.
 */
import type { EpochMs, PartyId, PersonId, RecordId } from '../../core/index.ts';
import { put, patch } from '../operations/state.ts';
import type { PolygonGeometry, TimeWindow } from '../operations/events.ts';
import type { AirspaceEvent, Band, ReportedPosition, Waypoint } from './events.ts';

export interface DesignatedArea {
  readonly id: RecordId;
  readonly owner: PartyId;
  readonly release: 'joint';
  readonly name: string;
  readonly area: PolygonGeometry;
  readonly window: TimeWindow;
  readonly band: Band;
  readonly restrictedActors: readonly string[];
  readonly exemptions: readonly string[];
  readonly withdrawnAt: EpochMs | null;
}

export interface Flight {
  readonly id: RecordId;
  readonly owner: PartyId;
  readonly release: 'joint';
  readonly actor: string;
  readonly aircraft: string;
  readonly route: readonly Waypoint[];
  readonly band: Band;
  readonly category: string | null;
  readonly filedAt: EpochMs;
  readonly cancelledAt: EpochMs | null;
}

export interface Incursion {
  readonly id: RecordId;
  readonly aircraft: string;
  readonly actor: string;
  readonly area: RecordId;
  readonly enteredAt: EpochMs;
  readonly position: ReportedPosition;
  readonly cause: 'no_exemption' | 'left_corridor';
  readonly flight: RecordId | null;
  readonly exitedAt: EpochMs | null;
  readonly endCause: string | null;
}

export interface SeparationAlert {
  readonly id: RecordId;
  readonly aircraft: readonly [string, string];
  readonly parties: readonly PartyId[];
  readonly detectedAt: EpochMs;
  readonly lossAt: EpochMs;
  readonly cpaDistanceM: number;
  readonly clearedAt: EpochMs | null;
}

/** Two filed routes predicted inside the separation minima: both owners are told. */
export interface FlightConflict {
  readonly id: RecordId;
  readonly flight: RecordId;
  readonly against: RecordId;
  readonly parties: readonly PartyId[];
  readonly raisedAt: EpochMs;
  /** When the routes come closest. */
  readonly at: EpochMs;
  readonly distanceM: number;
  readonly verticalGapM: number;
}

/** One party's acknowledgement of an alert. */
export interface Acknowledgement {
  readonly party: PartyId;
  readonly person: PersonId;
  readonly at: EpochMs;
  readonly remarks: string | null;
}

export interface AirspaceState {
  readonly areas: ReadonlyMap<RecordId, DesignatedArea>;
  readonly flights: ReadonlyMap<RecordId, Flight>;
  readonly incursions: ReadonlyMap<RecordId, Incursion>;
  /** The open incursion of an aircraft in an area, keyed by `incursionKey`. */
  readonly openIncursions: ReadonlyMap<string, RecordId>;
  readonly separations: ReadonlyMap<RecordId, SeparationAlert>;
  /** The open alert of a pair, keyed by `pairKey`. */
  readonly openSeparations: ReadonlyMap<string, RecordId>;
  readonly conflicts: ReadonlyMap<RecordId, FlightConflict>;
  /** Acknowledgements of any alert (incursion, separation, conflict), by alert id, in order. */
  readonly acknowledgements: ReadonlyMap<RecordId, readonly Acknowledgement[]>;
}

export const initialAirspace: AirspaceState = {
  areas: new Map(),
  flights: new Map(),
  incursions: new Map(),
  openIncursions: new Map(),
  separations: new Map(),
  openSeparations: new Map(),
  conflicts: new Map(),
  acknowledgements: new Map(),
};

export const incursionKey = (aircraft: string, area: string): string => `${area}\u0000${aircraft}`;
/** Order-free key of a pair of aircraft. */
export const pairKey = (a: string, b: string): string => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);

const without = <K, V>(m: ReadonlyMap<K, V>, k: K): ReadonlyMap<K, V> => {
  const next = new Map(m);
  next.delete(k);
  return next;
};

function apply(s: AirspaceState, e: AirspaceEvent): AirspaceState {
  switch (e.type) {
    case 'FlightFiled': {
      const f = {
        id: e.record,
        owner: e.owner,
        release: 'joint' as const,
        ...e.data,
        filedAt: e.at,
        cancelledAt: null,
      };
      return { ...s, flights: put(s.flights, e.record, f) };
    }
    case 'FlightCancelled':
      return { ...s, flights: patch(s.flights, e.record, (f) => ({ ...f, cancelledAt: e.at })) };
    case 'FlightConflictAlerted': {
      const c = { id: e.record, ...e.data, raisedAt: e.at };
      return { ...s, conflicts: put(s.conflicts, e.record, c) };
    }
    case 'DesignatedAreaRegistered': {
      const a = { id: e.record, owner: e.owner, release: 'joint' as const, ...e.data, withdrawnAt: null };
      return { ...s, areas: put(s.areas, e.record, a) };
    }
    case 'DesignatedAreaWithdrawn':
      return { ...s, areas: patch(s.areas, e.record, (a) => ({ ...a, withdrawnAt: e.at })) };
    case 'IncursionDetected': {
      const { aircraft, actor, area, enteredAt, position, cause, flight } = e.data;
      const i = {
        id: e.record,
        aircraft,
        actor,
        area,
        enteredAt,
        position,
        cause,
        flight,
        exitedAt: null,
        endCause: null,
      };
      const key = incursionKey(aircraft, area);
      return {
        ...s,
        incursions: put(s.incursions, e.record, i),
        openIncursions: put(s.openIncursions, key, e.record),
      };
    }
    case 'IncursionEnded': {
      const key = incursionKey(e.data.aircraft, e.data.area);
      const ended = patch(s.incursions, e.record, (i) => ({
        ...i,
        exitedAt: e.data.exitedAt,
        endCause: e.data.cause,
      }));
      return { ...s, incursions: ended, openIncursions: without(s.openIncursions, key) };
    }
    case 'SafetyOfFlightAlerted': {
      const { aircraft, parties, detectedAt, lossAt, cpaDistanceM } = e.data;
      const a = { id: e.record, aircraft, parties, detectedAt, lossAt, cpaDistanceM, clearedAt: null };
      const key = pairKey(aircraft[0], aircraft[1]);
      return {
        ...s,
        separations: put(s.separations, e.record, a),
        openSeparations: put(s.openSeparations, key, e.record),
      };
    }
    case 'SafetyOfFlightCleared': {
      const key = pairKey(e.data.aircraft[0], e.data.aircraft[1]);
      const cleared = patch(s.separations, e.record, (a) => ({ ...a, clearedAt: e.data.clearedAt }));
      return { ...s, separations: cleared, openSeparations: without(s.openSeparations, key) };
    }
    case 'AlertAcknowledged': {
      const ack = { party: e.data.party, person: e.by.person, at: e.at, remarks: e.data.remarks };
      const acks = [...(s.acknowledgements.get(e.record) ?? []), ack];
      return { ...s, acknowledgements: put(s.acknowledgements, e.record, acks) };
    }
  }
}

export const evolveAirspace = apply;
