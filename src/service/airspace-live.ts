/**
 * The live air picture inside the service. Position reports update the rules' `AirspaceMonitor`
 * in memory only (the ingest pipeline feeds it); its transitions (an incursion starts or ends, a
 * separation risk is raised or cleared) become ledger events through the `Report*` commands,
 * decided as the air-picture principal, a person with the `monitor` role.
 *
 * Tracks are joint: every party sees the shared air picture. They are not records and are not
 * replayed; a view as of a past moment shows the alerts the ledger holds, not past positions.
 */
import type { EpochMs } from '../core/index.ts';
import type { Agreement } from '../policy/index.ts';
import {
  AirspaceMonitor,
  airspaceRecords,
  type AircraftView,
  type RootState,
  type Transition,
} from '../rules/index.ts';
import type { RecordView } from './types.ts';

export class LiveAirspace {
  readonly monitor: AirspaceMonitor;

  constructor(private readonly policy: Agreement) {
    this.monitor = AirspaceMonitor.forAgreement(policy);
  }

  /** Reloads designated areas and flights after the ledger changed; returns the resulting transitions. */
  reload(state: RootState, now: EpochMs): Transition[] {
    return this.monitor.load(airspaceRecords(state, this.policy), now);
  }

  tracks(): RecordView[] {
    return this.monitor.picture().map(trackView);
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
