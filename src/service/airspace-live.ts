/**
 * The live air picture inside the service. Position reports update the rules' `AirspaceMonitor`
 * in memory only (the ingest pipeline feeds it); its transitions (an incursion starts or ends, a
 * separation risk is raised or cleared) become ledger events through the `Report*` commands,
 * decided as the air-picture principal, a person with the `monitor` role.
 *
 * Tracks are joint: every party sees the shared air picture. They are not records and are not
 * replayed; a view as of a past moment shows the alerts the ledger holds, not past positions.
 * With other server instances on the same database, each instance's tracks are shared with the
 * others once a second and theirs merged in, so that a client of any instance sees every
 * aircraft, whichever instance its reports reached.
 */
import { epochMs, type EpochMs } from '../core/index.ts';
import type { Agreement } from '../policy/index.ts';
import {
  AirspaceMonitor,
  airspaceRecords,
  type AircraftView,
  type RootState,
  type Transition,
} from '../rules/index.ts';
import type { SharedPictures } from '../store/types.ts';
import type { RecordView } from './types.ts';

/** Another instance's picture older than this is gone (that instance stopped or lost its reports). */
const PICTURE_MAX_AGE_MS = 5_000;

export class LiveAirspace {
  readonly monitor: AirspaceMonitor;

  /** The tracks other instances reported, as of the last exchange of pictures. */
  private others: readonly RecordView[] = [];

  constructor(
    private readonly policy: Agreement,
    /** This instance's name among those sharing the database's air pictures. */
    private readonly instance: string,
  ) {
    this.monitor = AirspaceMonitor.forAgreement(policy);
  }

  /** Reloads designated areas and flights after the ledger changed; returns the resulting transitions. */
  reload(state: RootState, now: EpochMs): Transition[] {
    return this.monitor.load(airspaceRecords(state, this.policy), now);
  }

  /** This instance's tracks with the other instances' (the latest report of an aircraft wins). */
  tracks(): RecordView[] {
    const own = this.monitor.picture().map(trackView);
    if (this.others.length === 0) return own;
    const byId = new Map<string, RecordView>();
    for (const t of [...own, ...this.others]) {
      const seen = byId.get(t.id);
      if (seen === undefined || String(t['time']) > String(seen['time'])) byId.set(t.id, t);
    }
    return [...byId.values()];
  }

  /** Shares this instance's tracks, reads the others' and returns the merged picture. */
  async exchange(pictures: SharedPictures, now: EpochMs): Promise<RecordView[]> {
    await pictures.put(this.instance, now, this.monitor.picture().map(trackView));
    this.others = (await pictures.others(this.instance, epochMs(now - PICTURE_MAX_AGE_MS))) as RecordView[];
    return this.tracks();
  }
}

export function trackView(a: AircraftView): RecordView {
  return {
    id: a.aircraft as RecordView['id'],
    owner: (a.actor ?? 'UNKNOWN') as RecordView['owner'],
    release: 'joint',
    kind: 'track',
    actor: a.actor,
    time: new Date(a.at).toISOString(),
    geometry: { type: 'Point', coordinates: [a.lon, a.lat, a.altitudeM] },
    altitudeM: a.altitudeM,
    headingDeg: a.headingDeg,
    speedMps: a.speedMps,
    incursion: a.incursion,
    separationRisk: a.separationRisk,
  };
}
