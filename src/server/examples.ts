/** A valid body for every command: shown in the API docs and sent by the tests and benchmarks. */
import type { CommandName } from './schemas.ts';

const square = (lon: number, lat: number, d: number) => ({
  type: 'Polygon',
  coordinates: [
    [
      [lon, lat],
      [lon + d, lat],
      [lon + d, lat + d],
      [lon, lat + d],
      [lon, lat],
    ],
  ],
});
const window = { from: '2016-07-31T14:00:00Z', to: '2016-07-31T18:00:00Z' };

export const examples: Readonly<Record<CommandName, unknown>> = {
  DesignateArea: {
    name: 'Idlib north',
    geometry: square(36.5, 35.9, 0.3),
    window: { from: '2016-07-20T00:00:00Z', to: '2016-08-31T00:00:00Z' },
    restrictedActors: ['SYAAF'],
    exemptions: ['MEDEVAC', 'HUMANITARIAN'],
  },
  RegisterProtectedSite: {
    name: 'Field hospital',
    category: 'hospital',
    geometry: { type: 'Point', coordinates: [36.63, 35.93] },
    bufferM: 500,
    release: 'sealed',
  },
  DisputeProtectedSite: { reason: 'The site shelters fighters of the designated group.' },
  NominateTarget: {
    group: 'JAN',
    geometry: { type: 'Point', coordinates: [36.71, 36.02] },
    justification: 'Command post observed 2016-07-29.',
    window,
  },
  DecideNomination: { decision: 'concur' },
  ReportExecution: {
    executedAt: '2016-07-31T15:10:00Z',
    geometry: { type: 'Point', coordinates: [36.71, 36.02] },
  },
  GiveNotice: { group: 'ISIL', geometry: square(38.9, 35.9, 0.2), window },
  RecordImminentAction: {
    group: 'JAN',
    geometry: { type: 'Point', coordinates: [36.8, 36.1] },
    at: '2016-07-30T03:00:00Z',
    justification: 'Rocket launch team preparing to fire.',
  },
  NotifyFlight: {
    actor: 'SYAAF',
    callsign: 'MED01',
    exemption: 'MEDEVAC',
    altitudeM: { min: 300, max: 1500 },
    route: [
      { position: [36.2, 35.5], at: '2016-07-31T09:00:00Z' },
      { position: [36.6, 35.9], at: '2016-07-31T09:30:00Z' },
    ],
  },
  ReportTracks: {
    tracks: [{ track: 'T-1', actor: 'SYAAF', position: [36.6, 35.95, 2000], at: '2016-07-31T09:40:00Z' }],
  },
  ReportViolation: {
    at: '2016-07-28T22:00:00Z',
    geometry: { type: 'Point', coordinates: [37.16, 36.2] },
    kind: 'shelling',
    casualties: { killed: 0, injured: 3 },
  },
  AssessViolation: { status: 'under_review', note: 'Crater analysis requested.' },
  NotifyMovement: {
    kind: 'convoy',
    name: 'Aleppo convoy 7',
    geometry: {
      type: 'LineString',
      coordinates: [
        [36.9, 36.0],
        [37.1, 36.2],
      ],
    },
    bufferM: 1000,
    window,
    destination: 'Aleppo east',
  },
  ReportMovementOutcome: { outcome: 'delivered', at: '2016-07-31T17:00:00Z' },
};
