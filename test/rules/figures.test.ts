import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { epochMs, partyId, type PartyId } from '../../src/core/index.ts';
import {
  NO_GOVERNORATE,
  OUTSIDE_AREAS,
  figureInputs,
  governorateOf,
  isoWeek,
  violationFigures,
  type FigureRow,
  type NamedPlace,
} from '../../src/rules/figures.ts';
import { decideViolation, emptyViolations, projectViolations } from '../../src/rules/violations.ts';
import type {
  Assessment,
  PlaceGeometry,
  ReportViolation,
  ViolationEvent,
  ViolationPolicy,
} from '../../src/rules/violations-model.ts';
import { accepted, actor, context } from './violations-given.ts';

const US = partyId('US');
const RU = partyId('RU');
const policy: ViolationPolicy = { parties: [US, RU], violationKinds: ['barrel_bomb', 'sniper'] };
const KINDS = ['air_strike', 'shelling', 'ground_attack', 'barrel_bomb', 'sniper'];
const ACTORS = ['SY-AF', 'SY-AA', 'HEZ'];

/** mulberry32: a small seeded generator, so that every run sees the same 10,000 reports. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Governorates: a 4 x 2 grid of rectangles covering the box the reports fall in.
const BOX = { west: 36, south: 35, east: 38.4, north: 37 };
const STEP = 0.6;
const rect = (w: number, s: number, e: number, n: number) => [
  [w, s],
  [e, s],
  [e, n],
  [w, n],
  [w, s],
];
const governorates: NamedPlace[] = [];
for (let i = 0; i < 4; i++)
  for (let j = 0; j < 2; j++) {
    const [w, s] = [BOX.west + i * STEP, BOX.south + j];
    governorates.push({
      name: `G${i}${j}`,
      geometry: { type: 'Polygon', coordinates: [rect(w, s, w + STEP, s + 1)] },
    });
  }
// Named areas: overlapping, one with a hole, one in two parts.
const areas: NamedPlace[] = [
  {
    name: 'Aleppo city',
    geometry: { type: 'Polygon', coordinates: [rect(36.9, 36.0, 37.4, 36.4), rect(37.0, 36.1, 37.1, 36.2)] },
  },
  { name: 'Castello corridor', geometry: { type: 'Polygon', coordinates: [rect(37.1, 36.2, 37.2, 36.6)] } },
  {
    name: 'Southern pockets',
    geometry: {
      type: 'MultiPolygon',
      coordinates: [[rect(36.0, 35.0, 36.5, 35.3)], [rect(38.0, 35.0, 38.4, 35.5)]],
    },
  },
];

interface Generated {
  readonly command: ReportViolation;
  readonly point: readonly [number, number];
  readonly assessments: readonly (Assessment | null)[];
}

function generate(n: number, seed: number): Generated[] {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const start = Date.UTC(2015, 11, 20); // spans the 2015-W53 / 2016 / 2017-W01 year ends
  const span = Date.UTC(2017, 0, 10) - start;
  return Array.from({ length: n }, () => {
    const lon = BOX.west + rnd() * (BOX.east - BOX.west);
    const lat = BOX.south + rnd() * (BOX.north - BOX.south);
    const d = 0.001 + rnd() * 0.01;
    const place: PlaceGeometry =
      rnd() < 0.5
        ? { type: 'Point', coordinates: [lon, lat] }
        : { type: 'Polygon', coordinates: [rect(lon - d, lat - d, lon + d, lat + d)] };
    const from = start + Math.floor(rnd() * span);
    const who = rnd();
    const command: ReportViolation = {
      type: 'ReportViolation',
      time: { from: epochMs(from), to: epochMs(from + Math.floor(rnd() * 6) * 3_600_000) },
      place,
      kind: pick(KINDS),
      perpetrator:
        who < 0.3
          ? { kind: 'party', party: pick([US, RU]) }
          : who < 0.8
            ? { kind: 'actor', actor: pick(ACTORS) }
            : { kind: 'unknown' },
      casualties: { killed: Math.floor(rnd() * 20), injured: Math.floor(rnd() * 50), confidence: 'medium' },
      narrative: 'generated',
      evidence: [],
    };
    const assessments = [0, 1].map(() =>
      pick<Assessment | null>([null, 'confirmed', 'disputed', 'needs_information']),
    );
    return { command, point: [lon, lat], assessments };
  });
}

/** The ISO week by the ordinal-day formula (not the Thursday shift the code uses). */
function weekByOrdinal(t: number): string {
  const d = new Date(t);
  const y = d.getUTCFullYear();
  const ordinal = (Date.UTC(y, d.getUTCMonth(), d.getUTCDate()) - Date.UTC(y, 0, 1)) / 86_400_000 + 1;
  const weekday = d.getUTCDay() === 0 ? 7 : d.getUTCDay();
  const p = (yr: number) => (yr + Math.floor(yr / 4) - Math.floor(yr / 100) + Math.floor(yr / 400)) % 7;
  const weeks = (yr: number) => (p(yr) === 4 || p(yr - 1) === 3 ? 53 : 52);
  const w = Math.floor((ordinal - weekday + 10) / 7);
  const [year, week] = w < 1 ? [y - 1, weeks(y - 1)] : w > weeks(y) ? [y + 1, 1] : [y, w];
  return `${year}-W${week < 10 ? '0' : ''}${week}`;
}

function statusByTable(a: readonly (Assessment | null)[]): string {
  const [x, y] = a;
  if (x === 'disputed' && y === 'disputed') return 'dismissed';
  if (x === null && y === null) return 'reported';
  if (x === null || y === null || x === 'needs_information' || y === 'needs_information')
    return 'under_review';
  return x === y ? 'confirmed' : 'disputed';
}

/** Counts written as plain objects keyed by string, then turned into sorted rows. */
function independentCount(gen: readonly Generated[]) {
  const count: Record<string, Record<string, [number, number, number]>> = {};
  const bump = (dim: string, key: string, g: Generated) => {
    const rows = (count[dim] ??= {});
    const row = (rows[key] ??= [0, 0, 0]);
    row[0]++;
    row[1] += g.command.casualties.killed;
    row[2] += g.command.casualties.injured;
  };
  for (const g of gen) {
    const [lon, lat] = g.point;
    bump('week', weekByOrdinal(g.command.time.from), g);
    const gi = Math.floor((lon - BOX.west) / STEP);
    bump('gov', `G${gi}${Math.floor(lat - BOX.south)}`, g);
    const inside = areas
      .filter((a) => booleanPointInPolygon([lon, lat], a.geometry as never))
      .map((a) => a.name);
    for (const name of inside.length > 0 ? inside : [OUTSIDE_AREAS]) bump('area', name, g);
    bump('kind', g.command.kind, g);
    const p = g.command.perpetrator;
    bump(
      'perp',
      p.kind === 'unknown' ? 'unknown' : p.kind === 'party' ? 'party:' + p.party : 'actor:' + p.actor,
      g,
    );
    bump('status', statusByTable(g.assessments), g);
  }
  const rows = (dim: string): FigureRow[] =>
    Object.keys(count[dim] ?? {})
      .sort()
      .map((key) => {
        const [reports, killed, injured] = count[dim]![key]!;
        return { key, reports, killed, injured };
      });
  return {
    week: rows('week'),
    gov: rows('gov'),
    area: rows('area'),
    kind: rows('kind'),
    perp: rows('perp'),
    status: rows('status'),
  };
}

function record(gen: readonly Generated[]) {
  const reporter = actor('us-monitor', 'US', 'monitor');
  const events: ViolationEvent[] = gen.flatMap((g, i) =>
    accepted(
      decideViolation(emptyViolations(), g.command, context(policy, reporter, Date.UTC(2017, 1, 1), `v${i}`)),
    ),
  );
  const reported = projectViolations(events);
  const assessors = [actor('us-a', 'US', 'approver'), actor('ru-a', 'RU', 'approver')];
  gen.forEach((g, i) =>
    g.assessments.forEach((assessment, p) => {
      if (assessment === null) return;
      const command = {
        type: 'AssessViolation',
        violation: events[i]!.record,
        assessment,
        reason: 'seen',
      } as const;
      events.push(
        ...accepted(decideViolation(reported, command, context(policy, assessors[p]!, Date.UTC(2017, 1, 2)))),
      );
    }),
  );
  return projectViolations(events);
}

describe('violation figures', () => {
  describe('given 10,000 seeded reports', () => {
    const gen = generate(10_000, 20160731);
    const figures = violationFigures(figureInputs(record(gen), [US, RU] as PartyId[]), {
      areas,
      governorates,
    });
    const expected = independentCount(gen);

    it('counts the total reports and casualties', () => {
      const killed = gen.reduce((s, g) => s + g.command.casualties.killed, 0);
      const injured = gen.reduce((s, g) => s + g.command.casualties.injured, 0);
      assert.deepEqual(figures.total, { key: 'total', reports: 10_000, killed, injured });
    });
    it('matches an independent count by ISO week', () => assert.deepEqual(figures.byWeek, expected.week));
    it('matches an independent count by governorate', () =>
      assert.deepEqual(figures.byGovernorate, expected.gov));
    it('matches an independent count by named area', () => assert.deepEqual(figures.byArea, expected.area));
    it('matches an independent count by kind', () => assert.deepEqual(figures.byKind, expected.kind));
    it('matches an independent count by alleged perpetrator', () =>
      assert.deepEqual(figures.byPerpetrator, expected.perp));
    it('matches an independent count by status', () => assert.deepEqual(figures.byStatus, expected.status));
  });

  describe('ISO weeks', () => {
    it('put the first days of January in the last week of the year before when due', () => {
      assert.equal(isoWeek(Date.UTC(2016, 0, 1)), '2015-W53');
      assert.equal(isoWeek(Date.UTC(2016, 0, 4)), '2016-W01');
      assert.equal(isoWeek(Date.UTC(2016, 6, 31, 23, 59)), '2016-W30');
      assert.equal(isoWeek(Date.UTC(2018, 11, 31)), '2019-W01');
    });
  });

  describe('governorates', () => {
    it('take the nearest region when none contains the place', () => {
      assert.equal(governorateOf(governorates, 35.9, 35.5), 'G00');
      assert.equal(governorateOf(governorates, 38.5, 36.9), 'G31');
    });
    it('may be given as points standing for the region', () => {
      const capitals: NamedPlace[] = [
        { name: 'Aleppo', geometry: { type: 'Point', coordinates: [37.16, 36.2] } },
        { name: 'Idlib', geometry: { type: 'Point', coordinates: [36.63, 35.93] } },
      ];
      assert.equal(governorateOf(capitals, 36.7, 35.9), 'Idlib');
    });
    it('are marked missing when no region is given', () =>
      assert.equal(governorateOf([], 37, 36), NO_GOVERNORATE));
  });
});
