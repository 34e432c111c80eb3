/**
 * The live air picture. Position reports update memory only; what comes out are transitions
 * (an incursion starts or ends, a separation risk is raised or cleared), and only those become
 * ledger events (through the `Report*` commands, see `transitionCommand`).
 *
 * Deterministic and free of I/O: the clock is the `now` passed to each call. Mutable on purpose:
 * it runs once per report, tens of thousands of times a second, and must not copy the picture.
 */
import type { Agreement } from '../../policy/index.ts';
import { metresPerDegree } from './geometry.ts';
import { exemption, insideArea, prepareArea, type Exemption } from './incursions.ts';
import type {
  AreaRecord,
  FlightRecord,
  MonitorOptions,
  PreparedArea,
  TrackReport,
  Transition,
  Verdict,
} from './picture.ts';
import { SeparationGrid, type Mover } from './separation.ts';

/** One aircraft of the live picture, as views and the feed carry it. */
export interface AircraftView {
  readonly aircraft: string;
  readonly actor: string | null;
  readonly at: number;
  readonly lon: number;
  readonly lat: number;
  readonly altitudeM: number;
  readonly headingDeg: number;
  readonly speedMps: number;
  readonly incursion: boolean;
  readonly separationRisk: boolean;
}

interface Track extends Mover {
  source: string;
  /** Open incursions: area id -> entry time. */
  readonly incursions: Map<string, number>;
}

/** Velocity is derived from two reports only when they are this close in time. */
const DERIVE_WITHIN_S = 30;

export class AirspaceMonitor {
  private readonly tracks = new Map<string, Track>();
  private areas: PreparedArea[] = [];
  private restrictedAny = new Set<string>();
  private flights = new Map<string, FlightRecord[]>();
  private grid: SeparationGrid | null = null;
  private readonly staleMs: number;
  private readonly futureMs: number;

  constructor(readonly options: MonitorOptions) {
    this.staleMs = options.trackStaleS * 1000;
    this.futureMs = (options.futureToleranceS ?? 30) * 1000;
  }

  static forAgreement(policy: Agreement): AirspaceMonitor {
    const { lateralM, verticalM, lookAheadS } = policy.safetyOfFlight;
    const { corridorM, trackStaleS } = policy.flights;
    return new AirspaceMonitor({ lateralM, verticalM, lookAheadS, corridorM, trackStaleS });
  }

  /** Number of aircraft in the picture. */
  get size(): number {
    return this.tracks.size;
  }

  /**
   * Replaces the designated areas and flights (after any change to them in the ledger). Open
   * incursions in an area that is gone end at `now` as `area_closed`.
   */
  load(
    records: { readonly areas: readonly AreaRecord[]; readonly flights: readonly FlightRecord[] },
    now: number,
  ): Transition[] {
    this.areas = records.areas.map(prepareArea);
    this.restrictedAny = new Set(this.areas.flatMap((a) => a.restrictedActors));
    this.flights = new Map();
    for (const f of records.flights)
      this.flights.set(f.aircraft, [...(this.flights.get(f.aircraft) ?? []), f]);
    const ids = new Set(this.areas.map((a) => a.id));
    const out: Transition[] = [];
    for (const t of this.tracks.values())
      for (const [area, enteredAt] of t.incursions)
        if (!ids.has(area)) this.endIncursion(t, area, enteredAt, now, 'area_closed', out);
    return out;
  }

  /** The aircraft in the picture as the map shows them: last position, heading, speed, alerts. */
  picture(): AircraftView[] {
    return [...this.tracks.values()].map((t) => ({
      aircraft: t.aircraft,
      actor: t.actor,
      at: t.at,
      lon: t.lon,
      lat: t.lat,
      altitudeM: t.alt,
      headingDeg: Math.round(((Math.atan2(t.vE, t.vN) * 180) / Math.PI + 360) % 360),
      speedMps: Math.round(Math.hypot(t.vE, t.vN)),
      incursion: t.incursions.size > 0,
      separationRisk: t.partners.size > 0,
    }));
  }

  /** Applies one report; transitions it causes are pushed to `out`. */
  update(r: TrackReport, now: number, out: Transition[]): Verdict {
    if (r.at > now + this.futureMs) return 'future';
    if (r.at < now - this.staleMs) return 'stale';
    let t = this.tracks.get(r.aircraft);
    if (t !== undefined) {
      if (r.at === t.at) return 'duplicate';
      if (r.at < t.at) return 'late';
    }
    t = this.move(t, r);
    this.checkAreas(t, r, out);
    this.grid ??= new SeparationGrid(this.options, r.lat);
    this.grid.place(t);
    this.grid.check(t, this.staleMs, out);
    return 'applied';
  }

  /** Drops aircraft silent for longer than `trackStaleS`, closing what they had open. */
  expire(now: number, out: Transition[]): number {
    let dropped = 0;
    for (const t of this.tracks.values()) {
      if (now - t.at <= this.staleMs) continue;
      for (const [area, enteredAt] of t.incursions)
        this.endIncursion(t, area, enteredAt, t.at, 'track_lost', out);
      for (const c of [...t.partners]) this.grid?.clear(t, c, now, out);
      this.grid?.remove(t);
      this.tracks.delete(t.aircraft);
      dropped++;
    }
    return dropped;
  }

  private move(t: Track | undefined, r: TrackReport): Track {
    const actor = r.actor ?? t?.actor ?? this.flights.get(r.aircraft)?.[0]?.actor ?? null;
    let vE = r.velocity?.eastMps ?? 0;
    let vN = r.velocity?.northMps ?? 0;
    let vU = r.velocity?.upMps ?? 0;
    if (r.velocity === null && t !== undefined && r.at - t.at <= DERIVE_WITHIN_S * 1000) {
      const m = metresPerDegree(r.lat);
      const dt = (r.at - t.at) / 1000;
      vE = ((r.lon - t.lon) * m.x) / dt;
      vN = ((r.lat - t.lat) * m.y) / dt;
      vU = (r.altitudeM - t.alt) / dt;
    }
    if (t === undefined) {
      t = {
        aircraft: r.aircraft,
        actor,
        at: r.at,
        lon: r.lon,
        lat: r.lat,
        alt: r.altitudeM,
        vE,
        vN,
        vU,
        speed: 0,
        cell: -1,
        slot: -1,
        seen: 0,
        partners: new Set(),
        source: r.source,
        incursions: new Map(),
      };
      this.tracks.set(r.aircraft, t);
      return t;
    }
    t.actor = actor;
    t.at = r.at;
    t.lon = r.lon;
    t.lat = r.lat;
    t.alt = r.altitudeM;
    t.vE = vE;
    t.vN = vN;
    t.vU = vU;
    t.source = r.source;
    return t;
  }

  private checkAreas(t: Track, r: TrackReport, out: Transition[]): void {
    if (t.incursions.size === 0 && (t.actor === null || !this.restrictedAny.has(t.actor))) return;
    let violating: Map<string, Exemption> | null = null;
    if (t.actor !== null)
      for (const a of this.areas) {
        if (!a.restricted.has(t.actor) || !insideArea(a, r)) continue;
        const ex = exemption(a, r, this.flights.get(t.aircraft), this.options.corridorM);
        if (!ex.exempt) (violating ??= new Map()).set(a.id, ex);
      }
    for (const [area, enteredAt] of t.incursions) {
      if (violating?.has(area)) continue;
      const a = this.areas.find((x) => x.id === area);
      const cause = a === undefined ? 'area_closed' : insideArea(a, r) ? 'exempted' : 'exited';
      this.endIncursion(t, area, enteredAt, r.at, cause, out);
    }
    for (const [area, ex] of violating ?? []) {
      if (t.incursions.has(area) || ex.exempt) continue;
      t.incursions.set(area, r.at);
      const position = { lon: r.lon, lat: r.lat, altitudeM: r.altitudeM };
      out.push({
        kind: 'incursion_started',
        aircraft: t.aircraft,
        actor: t.actor!,
        area,
        at: r.at,
        position,
        cause: ex.cause,
        flight: ex.flight,
        source: r.source,
      });
    }
  }

  private endIncursion(
    t: Track,
    area: string,
    enteredAt: number,
    at: number,
    cause: 'exited' | 'exempted' | 'track_lost' | 'area_closed',
    out: Transition[],
  ): void {
    t.incursions.delete(area);
    out.push({
      kind: 'incursion_ended',
      aircraft: t.aircraft,
      actor: t.actor ?? 'UNKNOWN',
      area,
      at,
      enteredAt,
      cause,
    });
  }
}
