/**
 * The live air picture's data: position reports in, transitions out. Plain data; the monitor that
 * holds the picture is in `monitor.ts`.
 */
import type { Band } from './events.ts';
import type { LonLat, Polygon, BBox } from './geometry.ts';

/** One position report of one aircraft, as every ingestion path (JSON, WebSocket, CoT) yields it. */
export interface TrackReport {
  /** The aircraft as its sensor names it, verbatim (a CoT uid `00123` stays `00123`). */
  readonly aircraft: string;
  /** Who flies it (`SY-AF`, `RU`), when the source knows; otherwise taken from filed flights. */
  readonly actor: string | null;
  /** Time of the position, epoch ms. */
  readonly at: number;
  readonly lon: number;
  readonly lat: number;
  /** Metres above the WGS84 ellipsoid. */
  readonly altitudeM: number;
  /** Metres per second east, north and up; derived from the previous report when absent. */
  readonly velocity: { readonly eastMps: number; readonly northMps: number; readonly upMps: number } | null;
  /** Which feed it came from (`json`, `ws`, `cot-tcp`, `cot-udp`, a sensor id). */
  readonly source: string;
}

/** What became of a report: only `applied` ones move the picture; every other kind is counted. */
export type Verdict = 'applied' | 'duplicate' | 'late' | 'stale' | 'future';

export type Transition =
  | {
      readonly kind: 'incursion_started';
      readonly aircraft: string;
      readonly actor: string;
      readonly area: string;
      readonly at: number;
      readonly position: { readonly lon: number; readonly lat: number; readonly altitudeM: number };
      readonly cause: 'no_exemption' | 'left_corridor';
      readonly flight: string | null;
      readonly source: string;
    }
  | {
      readonly kind: 'incursion_ended';
      readonly aircraft: string;
      readonly actor: string;
      readonly area: string;
      readonly at: number;
      readonly enteredAt: number;
      readonly cause: 'exited' | 'exempted' | 'track_lost' | 'area_closed';
    }
  | {
      readonly kind: 'separation_risk';
      readonly aircraft: readonly [string, string];
      readonly actors: readonly [string, string];
      readonly at: number;
      readonly lossAt: number;
      readonly cpaAt: number;
      readonly cpaDistanceM: number;
      readonly cpaVerticalM: number;
    }
  | {
      readonly kind: 'separation_cleared';
      readonly aircraft: readonly [string, string];
      readonly at: number;
    };

/** A designated area as the monitor needs it (from `airspaceRecords`). */
export interface AreaRecord {
  readonly id: string;
  readonly area: Polygon;
  readonly from: number;
  readonly to: number;
  readonly band: Band;
  readonly restrictedActors: readonly string[];
  readonly exemptions: readonly string[];
}

/** A filed flight as the monitor needs it; only acknowledged ones exempt. */
export interface FlightRecord {
  readonly id: string;
  readonly actor: string;
  readonly aircraft: string;
  readonly category: string | null;
  readonly route: readonly LonLat[];
  readonly from: number;
  readonly to: number;
  readonly band: Band;
  readonly acknowledged: boolean;
}

export interface MonitorOptions {
  readonly lateralM: number;
  readonly verticalM: number;
  readonly lookAheadS: number;
  readonly corridorM: number;
  readonly trackStaleS: number;
  /** How far ahead of the monitor's clock a report's time may be (sensor clock skew), seconds. */
  readonly futureToleranceS?: number;
}

/** An area prepared for the hot path. */
export interface PreparedArea extends AreaRecord {
  readonly bbox: BBox;
  readonly restricted: ReadonlySet<string>;
  readonly allowed: ReadonlySet<string>;
}
