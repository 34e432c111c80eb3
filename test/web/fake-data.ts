/**
 * Seed data for the fake API: a small joint picture over Syria with records of both parties at
 * every release level. Records the RU side must never receive carry `CANARY` in their name, so
 * a test can look for that string in everything the RU page received.
 */
export interface FakePerson {
  readonly id: string;
  readonly name: string;
  readonly party: string;
  readonly role: string;
}

export const PEOPLE: readonly FakePerson[] = [
  { id: 'p-us-op', name: 'us.operator', party: 'US', role: 'operator' },
  { id: 'p-us-ap', name: 'us.approver', party: 'US', role: 'approver' },
  { id: 'p-ru-op', name: 'ru.operator', party: 'RU', role: 'operator' },
  { id: 'p-ru-ap', name: 'ru.approver', party: 'RU', role: 'approver' },
];
export const PASSWORD = 'correct horse';
export const CANARY = 'CANARY-US-RESTRICTED';

export type Rec = Record<string, unknown> & {
  id: string;
  owner: string;
  release: string;
  created_at: string;
};

const T0 = Date.parse('2016-07-20T00:00:00Z');
const at = (h: number) => new Date(T0 + h * 3600_000).toISOString();
const pt = (lon: number, lat: number) => ({ type: 'Point', coordinates: [lon, lat] });
const poly = (ring: number[][]) => ({ type: 'Polygon', coordinates: [[...ring, ring[0]]] });

export function seed(): Record<string, Rec[]> {
  return {
    'designated-areas': [
      {
        id: 'da-1',
        owner: 'RU',
        release: 'joint',
        created_at: at(0),
        name: 'Idlib north',
        geometry: poly([
          [36.4, 35.9],
          [36.9, 35.9],
          [36.9, 36.3],
          [36.4, 36.3],
        ]),
        valid_from: at(0),
        valid_to: at(24 * 400),
        restricted_actors: 'SY-AF',
      },
      {
        id: 'da-2',
        owner: 'US',
        release: 'joint',
        created_at: at(1),
        name: 'Raqqa east',
        geometry: poly([
          [39.0, 35.8],
          [39.6, 35.8],
          [39.6, 36.2],
          [39.0, 36.2],
        ]),
        valid_from: at(24 * 500),
        valid_to: at(24 * 600),
      },
    ],
    'protected-sites': [
      {
        id: 'ps-1',
        owner: 'US',
        release: 'joint',
        created_at: at(2),
        name: 'Aleppo field hospital',
        category: 'hospital',
        geometry: pt(37.16, 36.21),
        buffer_m: 10000,
      },
      {
        id: 'ps-2',
        owner: 'US',
        release: 'office',
        created_at: at(3),
        name: `Partner HQ ${CANARY}`,
        category: 'partner_force',
        geometry: pt(37.5, 36.37),
        buffer_m: 5000,
      },
      {
        id: 'ps-3',
        owner: 'US',
        release: 'sealed',
        created_at: at(3),
        name: `Sealed ${CANARY}`,
        category: 'partner_force',
        geometry: pt(36.65, 35.1),
        buffer_m: 4000,
      },
      {
        id: 'ps-4',
        owner: 'RU',
        release: 'joint',
        created_at: at(4),
        name: 'Latakia school',
        category: 'school',
        geometry: pt(35.8, 35.54),
        buffer_m: 1000,
      },
    ],
    movements: [
      {
        id: 'mv-1',
        owner: 'JOINT',
        release: 'joint',
        created_at: at(5),
        name: 'Convoy to Daraya',
        destination: 'Daraya',
        corridor_m: 2000,
        geometry: {
          type: 'LineString',
          coordinates: [
            [35.91, 31.95],
            [36.1, 32.62],
            [36.24, 33.46],
          ],
        },
        window: { from: at(30), to: at(40) },
        status: 'planned',
        receipts: [{ party: 'US', at: at(6) }],
      },
    ],
    nominations: [
      {
        id: 'nm-1',
        owner: 'RU',
        release: 'joint',
        created_at: at(10),
        name: 'Nomination N-1',
        group: 'JN',
        status: 'pending',
        geometry: pt(36.7, 36.1),
        justification: 'Staging area',
        checks: [{ check: 'protected_sites', verdict: 'pass', reason: 'no protected site within buffer' }],
        decisions: [{ party: 'RU', decision: 'concur', reason: '' }],
        window: { from: at(48), to: at(72) },
      },
      {
        id: 'nm-2',
        owner: 'US',
        release: 'joint',
        created_at: at(11),
        name: 'Nomination N-2',
        group: 'JN',
        status: 'vetted',
        geometry: pt(36.8, 35.95),
        justification: 'Depot',
        checks: [],
        decisions: [
          { party: 'US', decision: 'concur' },
          { party: 'RU', decision: 'concur' },
        ],
      },
    ],
    notices: [
      {
        id: 'nt-1',
        owner: 'US',
        release: 'joint',
        created_at: at(12),
        name: 'Notice Raqqa',
        group: 'ISIS',
        geometry: poly([
          [38.9, 35.9],
          [39.2, 35.9],
          [39.2, 36.1],
          [38.9, 36.1],
        ]),
        window: { from: at(20), to: at(30) },
      },
    ],
    'imminent-actions': [
      {
        id: 'ia-1',
        owner: 'RU',
        release: 'joint',
        created_at: at(13),
        name: 'Imminent threat A-1',
        geometry: pt(36.5, 35.7),
        time: at(13),
        justification: 'Launcher',
      },
    ],
    flights: [
      {
        id: 'fl-1',
        owner: 'RU',
        release: 'joint',
        created_at: at(14),
        name: 'MEDEVAC 7',
        actor: 'SY-AF',
        category: 'MEDEVAC',
        geometry: {
          type: 'LineString',
          coordinates: [
            [36.29, 33.51],
            [36.72, 34.73],
            [37.13, 36.2],
          ],
        },
        alt_min_m: 1000,
        alt_max_m: 3000,
        window: { from: at(15), to: at(17) },
      },
      {
        id: 'fl-2',
        owner: 'US',
        release: 'office',
        created_at: at(14),
        name: `Flight ${CANARY}`,
        actor: 'US-AF',
        geometry: {
          type: 'LineString',
          coordinates: [
            [38.0, 35.0],
            [39.0, 35.5],
          ],
        },
      },
    ],
    tracks: [
      {
        id: 'tr-1',
        owner: 'RU',
        release: 'joint',
        created_at: at(15),
        actor: 'SY-AF',
        party: 'RU',
        geometry: pt(36.6, 36.05),
        heading_deg: 45,
        speed_mps: 200,
        alt_m: 3000,
        time: at(15),
      },
      {
        id: 'tr-2',
        owner: 'US',
        release: 'joint',
        created_at: at(15),
        actor: 'US-AF',
        party: 'US',
        geometry: pt(38.5, 35.3),
        heading_deg: 270,
        speed_mps: 220,
        alt_m: 8000,
        time: at(15),
      },
    ],
    alerts: [
      {
        id: 'al-1',
        owner: 'JOINT',
        release: 'joint',
        created_at: at(16),
        name: 'Incursion SY-AF in Idlib north',
        kind: 'incursion',
        actor: 'SY-AF',
        geometry: pt(36.6, 36.05),
        time: at(16),
        message: 'Restricted actor inside designated area without exemption',
        acknowledged: false,
      },
      {
        id: 'al-2',
        owner: 'JOINT',
        release: 'joint',
        created_at: at(17),
        name: 'Separation US-AF / RU-AF',
        kind: 'safety_of_flight',
        geometry: pt(38.2, 35.2),
        time: at(17),
        acknowledged: true,
      },
    ],
    violations: [
      {
        id: 'vi-1',
        owner: 'RU',
        release: 'joint',
        created_at: at(18),
        kind: 'shelling',
        status: 'reported',
        geometry: pt(36.24, 33.46),
        time: at(18),
        alleged_perpetrator: 'unknown',
        casualties: 3,
        assessments: [],
      },
      {
        id: 'vi-2',
        owner: 'US',
        release: 'joint',
        created_at: at(19),
        kind: 'airstrike',
        status: 'disputed',
        geometry: pt(38.7, 33.32),
        time: at(19 + 24 * 7),
        alleged_perpetrator: 'unknown',
        casualties: 12,
        assessments: [
          { party: 'US', assessment: 'confirmed' },
          { party: 'RU', assessment: 'disputed' },
        ],
      },
      {
        id: 'vi-3',
        owner: 'US',
        release: 'office',
        created_at: at(19),
        kind: 'airstrike',
        status: 'reported',
        name: `Report ${CANARY}`,
        geometry: pt(37.1, 36.2),
        time: at(19),
      },
      {
        id: 'vi-4',
        owner: 'RU',
        release: 'joint',
        created_at: at(20),
        kind: 'shelling',
        status: 'confirmed',
        geometry: pt(36.3, 33.5),
        time: at(20),
        casualties: 1,
        assessments: [],
      },
    ],
  };
}
