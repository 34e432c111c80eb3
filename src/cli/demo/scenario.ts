/**
 * The reference scenario of `jig demo`: the joint center of July 2016, as an exercise. Every
 * name, place and figure here is the project's own, plausible but invented, and labelled as an
 * exercise; coordinates are GeoJSON `[lon, lat]`.
 *
 * The scenario is a list of commands, each issued by one demo person through the same service
 * pipeline as any other command (decided by the rules, signed, appended to the ledger). Steps may
 * refer to records created by earlier steps through `ref`.
 */
import type { PartyId, Role } from '../../core/index.ts';
import { toRfc3339 } from '../../core/index.ts';
import { airspace } from './scenario-airspace.ts';
import { EXERCISE, point, polygon, ref, type Pos, type Step } from './scenario-kit.ts';

export { EXERCISE, type Step } from './scenario-kit.ts';

/** Scenario time starts here; the demo clock runs from it (see `demoClock`). */
export const SCENARIO_START = Date.UTC(2016, 6, 20, 6, 0, 0);

export interface DemoPerson {
  readonly name: string;
  readonly party: PartyId;
  readonly role: Role;
  readonly password: string;
  readonly label: string;
}

const ROLE_LABELS: Record<Role, string> = {
  operator: 'watch officer (operator)',
  approver: 'approver',
  national_authority: 'national authority',
  liaison: 'humanitarian liaison',
  monitor: 'monitor (observer)',
};

/** One person of each role in each party. Exercise passwords: printed at start, never secret. */
export const DEMO_PEOPLE: readonly DemoPerson[] = (['US', 'RU'] as const).flatMap((party) =>
  (Object.keys(ROLE_LABELS) as Role[]).map((role) => {
    const short = role === 'national_authority' ? 'authority' : role;
    return {
      name: `${party.toLowerCase()}-${short}`,
      party: party as PartyId,
      role,
      password: `exercise-${party.toLowerCase()}-${short}`,
      label: `${party} ${ROLE_LABELS[role]}`,
    };
  }),
);

/** Places of the scenario. */
export const PLACES = {
  aleppoEast: [37.175, 36.205] as Pos,
  castelloStart: [37.0739, 36.2695] as Pos,
  castelloJunction: [37.1137, 36.2539] as Pos,
  bustanAlQasr: [37.142, 36.192] as Pos,
  azazPartner: [37.046, 36.586] as Pos,
  mareaPartner: [37.048, 36.47] as Pos,
  idlibHospital: [36.636, 35.928] as Pos,
  sarmadaCamp: [36.715, 36.182] as Pos,
  rukbanCamp: [38.68, 33.31] as Pos,
  aleppoSchool: [37.154, 36.214] as Pos,
  darayaCenter: [36.2356, 33.458] as Pos,
  khanTumanTarget: [37.011, 36.121] as Pos,
  idlibTarget: [36.57, 35.97] as Pos,
  anadanTarget: [37.047, 36.3] as Pos,
  hraytanTarget: [37.083, 36.322] as Pos,
  saraqibTarget: [36.8, 35.864] as Pos,
};

export function scenarioSteps(t0: number): readonly Step[] {
  const at = (hours: number) => toRfc3339(t0 + hours * 3_600_000);
  const window = (fromH: number, toH: number) => ({ from: at(fromH), to: at(toH) });
  return [
    // Protected sites: partner-force positions that US shares only as sealed records.
    {
      as: 'us-operator',
      ref: 'partnerAzaz',
      command: () => ({
        type: 'RegisterProtectedSite',
        name: `${EXERCISE} partner force position A`,
        category: 'partner_force',
        geometry: point(PLACES.azazPartner),
        release: 'sealed',
      }),
    },
    {
      as: 'us-operator',
      ref: 'partnerMarea',
      command: () => ({
        type: 'RegisterProtectedSite',
        name: `${EXERCISE} partner force position B`,
        category: 'partner_force',
        geometry: point(PLACES.mareaPartner),
        release: 'sealed',
      }),
    },
    {
      as: 'ru-operator',
      command: () => ({
        type: 'RegisterProtectedSite',
        name: 'Idlib national hospital (exercise)',
        category: 'hospital',
        geometry: point(PLACES.idlibHospital),
        release: 'joint',
      }),
    },
    {
      as: 'us-operator',
      command: () => ({
        type: 'RegisterProtectedSite',
        name: 'School, Aleppo old city (exercise)',
        category: 'school',
        geometry: point(PLACES.aleppoSchool),
        release: 'joint',
      }),
    },
    // Humanitarian access: camps, a clinic, and the UN convoy along the Castello Road.
    {
      as: 'us-liaison',
      ref: 'rukban',
      command: () => ({
        type: 'NotifySite',
        site: {
          name: 'Rukban camp, Jordanian border berm (exercise)',
          category: 'camp',
          geometry: point(PLACES.rukbanCamp),
          active: { from: at(-96), to: null },
        },
      }),
    },
    {
      as: 'ru-liaison',
      command: () => ({
        type: 'NotifySite',
        site: {
          name: 'Sarmada displacement camp (exercise)',
          category: 'camp',
          geometry: point(PLACES.sarmadaCamp),
          active: { from: at(-96), to: null },
        },
      }),
    },
    {
      as: 'us-liaison',
      ref: 'convoy',
      command: () => ({
        type: 'NotifyMovement',
        movement: {
          kind: 'convoy',
          name: 'UN inter-agency convoy to eastern Aleppo (exercise)',
          route: {
            type: 'LineString',
            coordinates: [
              [36.95, 36.3],
              [...PLACES.castelloStart],
              [...PLACES.castelloJunction],
              [37.14, 36.235],
              [...PLACES.aleppoEast],
            ],
          },
          corridorWidthM: 2000,
          window: window(-1, 14),
          vehicles: [
            { kind: 'truck', count: 38 },
            { kind: 'ambulance', count: 4 },
          ],
          destination: {
            name: 'Besieged eastern Aleppo',
            besieged: true,
            geometry: point(PLACES.aleppoEast),
          },
        },
      }),
    },
    // Vetted nominations (NUSRA) at different stages.
    {
      as: 'us-operator',
      ref: 'nVetted',
      command: () => ({
        type: 'NominateTarget',
        group: 'NUSRA',
        location: point(PLACES.idlibTarget),
        justification: `${EXERCISE} command post west of Idlib city, observed over three days`,
        window: window(4, 28),
        executors: ['US'],
      }),
    },
    {
      as: 'us-approver',
      command: (r) => ({ type: 'DecideNomination', nomination: ref(r, 'nVetted'), concur: true }),
    },
    {
      as: 'ru-approver',
      command: (r) => ({ type: 'DecideNomination', nomination: ref(r, 'nVetted'), concur: true }),
    },
    {
      as: 'ru-operator',
      ref: 'nBlocked',
      command: () => ({
        type: 'NominateTarget',
        group: 'NUSRA',
        location: point([37.05, 36.48]),
        justification: `${EXERCISE} vehicle depot north of Aleppo`,
        window: window(6, 30),
        executors: ['RU'],
      }),
    },
    {
      as: 'ru-operator',
      ref: 'nConvoy',
      command: () => ({
        type: 'NominateTarget',
        group: 'NUSRA',
        location: point([37.1, 36.258]),
        justification: `${EXERCISE} firing position near the Castello Road`,
        window: window(2, 12),
        executors: ['RU'],
      }),
    },
    {
      as: 'ru-operator',
      ref: 'nPending',
      command: () => ({
        type: 'NominateTarget',
        group: 'NUSRA',
        location: point(PLACES.khanTumanTarget),
        justification: `${EXERCISE} artillery position south-west of Aleppo`,
        window: window(8, 32),
        executors: ['RU'],
      }),
    },
    {
      as: 'ru-approver',
      command: (r) => ({ type: 'DecideNomination', nomination: ref(r, 'nPending'), concur: true }),
    },
    {
      as: 'us-operator',
      ref: 'nRefused',
      command: () => ({
        type: 'NominateTarget',
        group: 'NUSRA',
        location: point(PLACES.saraqibTarget),
        justification: `${EXERCISE} logistics node at Saraqib`,
        window: window(10, 34),
        executors: ['US'],
      }),
    },
    {
      as: 'ru-approver',
      command: (r) => ({
        type: 'DecideNomination',
        nomination: ref(r, 'nRefused'),
        concur: false,
        reason: 'The location is a market; civilians present in daytime.',
      }),
    },
    // Synchronized operations (ISIL): notices, no approval.
    {
      as: 'ru-operator',
      command: () => ({
        type: 'SendNotice',
        group: 'ISIL',
        area: polygon([
          [38.2, 34.5],
          [38.45, 34.5],
          [38.45, 34.65],
          [38.2, 34.65],
        ]),
        window: window(3, 9),
        remarks: `${EXERCISE} strikes east of Palmyra`,
      }),
    },
    {
      as: 'us-operator',
      command: () => ({
        type: 'SendNotice',
        group: 'ISIL',
        area: polygon([
          [38.9, 35.9],
          [39.1, 35.9],
          [39.1, 36.0],
          [38.9, 36.0],
        ]),
        window: window(5, 11),
        remarks: `${EXERCISE} strikes near Raqqa`,
      }),
    },
    // Ceasefire violations around Aleppo and Daraya.
    ...violations(at),
    ...airspace(at),
  ];
}

function violations(at: (h: number) => string): Step[] {
  const reports: [Pos, string, Record<string, unknown>, number, number, string, string][] = [
    [
      PLACES.bustanAlQasr,
      'shelling',
      { kind: 'unknown' },
      2,
      7,
      'us-monitor',
      'Mortar rounds on a market street.',
    ],
    [
      [37.16, 36.225],
      'air_strike',
      { kind: 'actor', actor: 'SY-AF' },
      5,
      12,
      'us-monitor',
      'Two strikes near a bakery.',
    ],
    [
      [37.12, 36.24],
      'barrel_bomb',
      { kind: 'actor', actor: 'SY-AF' },
      3,
      9,
      'ru-monitor',
      'Reported by local council.',
    ],
    [
      PLACES.darayaCenter,
      'siege_denial',
      { kind: 'actor', actor: 'SY-AF' },
      0,
      0,
      'us-monitor',
      'Aid convoy turned back at checkpoint.',
    ],
    [[36.24, 33.46], 'shelling', { kind: 'unknown' }, 1, 4, 'ru-monitor', 'Shelling of residential blocks.'],
    [
      [37.09, 36.16],
      'ground_attack',
      { kind: 'unknown' },
      4,
      10,
      'ru-monitor',
      'Assault on a government position.',
    ],
  ];
  return reports.map(([place, kind, perpetrator, killed, injured, as, narrative], i) => ({
    as,
    ref: `violation${i}`,
    command: () => ({
      type: 'ReportViolation',
      time: { at: at(-30 + i * 4) },
      place: point(place),
      kind,
      perpetrator,
      casualties: { killed, injured, confidence: i % 2 === 0 ? 'medium' : 'low' },
      narrative: `${EXERCISE} ${narrative}`,
      shieldReporter: i === 0,
    }),
  }));
}
