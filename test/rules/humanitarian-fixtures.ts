/** Shared fixtures of the humanitarian rules tests: a 2016 policy, a convoy into Aleppo, a hospital. */
import { epochMs, partyId } from '../../src/core/index.ts';
import { decideHumanitarian, emptyHumanitarian, evolveHumanitarian } from '../../src/rules/humanitarian.ts';
import type {
  HumanitarianCommand,
  HumanitarianEvent,
  HumanitarianPolicy,
  HumanitarianState,
  MovementDetails,
  SiteDetails,
} from '../../src/rules/humanitarian-model.ts';
import { accepted, actor, context, type Decider } from './violations-given.ts';

export const US = partyId('US');
export const RU = partyId('RU');
export const HOUR = 3_600_000;
export const T0 = Date.UTC(2016, 6, 25, 6, 0);
export const policy: HumanitarianPolicy = {
  parties: [US, RU],
  leadTimeMs: { site: 0, convoy: 72 * HOUR, evacuation: 24 * HOUR },
  receiptDeadlineMs: 12 * HOUR,
  siteBuffersM: { hospital: 500, clinic: 300, school: 300, warehouse: 200, shelter: 300, camp: 1000 },
};
export const decider: Decider<HumanitarianState, HumanitarianCommand, HumanitarianEvent, HumanitarianPolicy> =
  {
    initial: emptyHumanitarian,
    decide: decideHumanitarian,
    evolve: evolveHumanitarian,
  };
export const usLiaison = actor('us-liaison', 'US', 'liaison');
export const ruLiaison = actor('ru-liaison', 'RU', 'liaison');
export const ruOperator = actor('ru-operator', 'RU', 'operator');

/** Castello Road into eastern Aleppo, from the north. */
export const convoy: MovementDetails = {
  kind: 'convoy',
  name: 'UN inter-agency convoy 12',
  route: {
    type: 'LineString',
    coordinates: [
      [37.17, 36.3],
      [37.17, 36.25],
      [37.16, 36.21],
    ],
  },
  corridorWidthM: 1000,
  window: { from: epochMs(T0 + 96 * HOUR), to: epochMs(T0 + 104 * HOUR) },
  vehicles: [{ kind: 'truck', count: 40 }],
  destination: {
    name: 'Eastern Aleppo',
    besieged: true,
    geometry: { type: 'Point', coordinates: [37.17, 36.2] },
  },
};
export const hospital: SiteDetails = {
  name: 'M10 hospital',
  category: 'hospital',
  geometry: { type: 'Point', coordinates: [37.17, 36.2] },
  active: { from: epochMs(T0), to: null },
};

export type Step = readonly [HumanitarianCommand, ReturnType<typeof actor>, number];
export function history(...steps: Step[]): HumanitarianEvent[] {
  const events: HumanitarianEvent[] = [];
  steps.forEach(([command, who, at], i) => {
    const state = events.reduce(evolveHumanitarian, emptyHumanitarian());
    events.push(...accepted(decideHumanitarian(state, command, context(policy, who, at, `h${i}`))));
  });
  return events;
}
export const project = (events: readonly HumanitarianEvent[]) =>
  events.reduce(evolveHumanitarian, emptyHumanitarian());
