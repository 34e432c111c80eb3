/**
 * A valid body for every command route (the command without its `type` and without the record
 * field the path gives): shown in the API docs and sent by the tests and benchmarks.
 */
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
const point = (lon: number, lat: number) => ({ type: 'Point', coordinates: [lon, lat] });
const evidence = {
  sha256: 'a'.repeat(64),
  name: 'crater.jpg',
  mediaType: 'image/jpeg',
  size: 123456,
};
const movement = {
  kind: 'convoy',
  name: 'Aleppo convoy 7',
  route: {
    type: 'LineString',
    coordinates: [
      [36.9, 36.0],
      [37.1, 36.2],
    ],
  },
  corridorWidthM: 1000,
  window: { from: '2016-07-20T06:00:00Z', to: '2016-07-20T09:00:00Z' },
  vehicles: [{ kind: 'truck', count: 12 }],
  destination: { name: 'Aleppo east', besieged: true },
};

export const examples: Readonly<Record<string, unknown>> = {
  RegisterProtectedSite: {
    name: 'Field hospital',
    category: 'hospital',
    geometry: point(36.63, 35.93),
    release: 'sealed',
  },
  NotifySite: {
    site: {
      name: 'Aleppo east clinic',
      category: 'clinic',
      geometry: point(37.19, 36.21),
      active: { from: '2016-07-31T00:00:00Z' },
    },
  },
  WithdrawProtectedSite: { reason: 'The hospital has moved.' },
  DisputeProtectedSite: { reason: 'The site shelters fighters of the designated group.' },
  AcknowledgeReceipt: {},
  AcknowledgeAlert: {},
  NominateTarget: {
    group: 'NUSRA',
    location: point(36.71, 36.02),
    justification: 'Command post observed 2016-07-29.',
    window,
    executors: ['US'],
  },
  DecideNomination: { concur: true },
  WithdrawNomination: { reason: 'The target has moved.' },
  ReportExecution: {
    executedAt: '2016-07-31T15:10:00Z',
    location: point(36.71, 36.02),
    outcome: 'completed',
  },
  AuthorizeIntegratedOperations: {},
  SendNotice: { group: 'ISIL', area: square(38.9, 35.9, 0.2), window },
  RecordImminentThreatAction: {
    group: 'NUSRA',
    actionAt: '2016-07-20T03:00:00Z',
    location: point(36.8, 36.1),
    threat: 'Rocket launch team preparing to fire.',
  },
  AllegeUnilateralAction: {
    against: 'RU',
    actionAt: '2016-07-20T04:00:00Z',
    location: point(36.9, 36.2),
    description: 'Air strike on a market, not filed.',
  },
  ReportViolation: {
    time: { at: '2016-07-19T22:00:00Z' },
    place: point(37.16, 36.2),
    kind: 'shelling',
    perpetrator: { kind: 'unknown' },
    casualties: { killed: 0, injured: 3, confidence: 'medium' },
    narrative: 'Shells landed near the market.',
  },
  AssessViolation: { assessment: 'needs_information' },
  AddViolationEvidence: { evidence: [evidence] },
  RequestInformation: {
    to: 'US',
    question: 'Which units were in the area?',
    deadline: '2016-07-22T00:00:00Z',
  },
  WithdrawViolationReport: { reason: 'Reported twice.' },
  NotifyMovement: { movement },
  AmendNotice: { details: { subject: 'movement', movement: { ...movement, corridorWidthM: 2000 } } },
  AcknowledgeNotice: { version: 1 },
  CancelNotice: { reason: 'The convoy is postponed.' },
  RecordOutcome: {
    outcome: 'delivered',
    at: '2016-07-20T08:30:00Z',
    narrative: 'Twelve trucks unloaded.',
  },
};
