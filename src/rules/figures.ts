/**
 * Violation figures as plain data: counts and casualties by ISO week, governorate, named area,
 * kind, alleged perpetrator and status. Rendering for print is in `figures-render.ts`.
 *
 * How a report is placed: its place stands as one point (the point itself, or the mean of an
 * area's outer-ring vertices: `representativePoint`). Its governorate is the first region that
 * contains that point, else the nearest region; its named areas are every area that contains it
 * (areas may overlap, so the `byArea` rows may add up to more than the total; a report in none
 * counts under `OUTSIDE_AREAS`). Its week is the ISO 8601 week of the start of its time window,
 * in UTC.
 */
import type { Geometry } from './humanitarian-geometry.ts';
import { containsPoint, distanceToGeometryM, representativePoint } from './humanitarian-geometry.ts';
import type { PartyId } from '../core/index.ts';
import type { Perpetrator, ViolationReport, ViolationsState, ViolationStatus } from './violations-model.ts';
import { violationStatuses } from './violations-status.ts';

export interface NamedPlace {
  readonly name: string;
  readonly geometry: Geometry;
}

export interface FigureRow {
  readonly key: string;
  readonly reports: number;
  readonly killed: number;
  readonly injured: number;
}

export interface ViolationFigures {
  readonly total: FigureRow;
  readonly byWeek: readonly FigureRow[];
  readonly byGovernorate: readonly FigureRow[];
  readonly byArea: readonly FigureRow[];
  readonly byKind: readonly FigureRow[];
  readonly byPerpetrator: readonly FigureRow[];
  readonly byStatus: readonly FigureRow[];
}

/** What figures need of a report: the report and, where known, its status. */
export type FigureInput = Pick<ViolationReport, 'time' | 'place' | 'kind' | 'perpetrator' | 'casualties'> & {
  readonly status?: ViolationStatus;
};

export interface FigurePlaces {
  /** Designated or named polygons. */
  readonly areas: readonly NamedPlace[];
  /** Governorates (or any administrative regions): polygons, or points standing for them. */
  readonly governorates: readonly NamedPlace[];
}

export const OUTSIDE_AREAS = '(outside named areas)';
export const NO_GOVERNORATE = '(no governorate)';
export const NO_STATUS = '(not given)';
const DAY_MS = 86_400_000;

/** ISO 8601 week of an instant in UTC, as `2016-W30`. */
export function isoWeek(t: number): string {
  const day = Math.floor(t / DAY_MS);
  const weekday = (((day + 3) % 7) + 7) % 7; // 1970-01-01 was a Thursday: Monday = 0
  const thursday = new Date((day - weekday + 3) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY_MS)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

export function perpetratorKey(p: Perpetrator): string {
  return p.kind === 'party' ? `party:${p.party}` : p.kind === 'actor' ? `actor:${p.actor}` : 'unknown';
}

/** The governorate of a point: the first containing, else the nearest. */
export function governorateOf(governorates: readonly NamedPlace[], lon: number, lat: number): string {
  let best = NO_GOVERNORATE;
  let bestM = Infinity;
  for (const g of governorates) {
    const d = distanceToGeometryM(g.geometry, lon, lat);
    if (d === 0 && g.geometry.type !== 'Point') return g.name;
    if (d < bestM) [best, bestM] = [g.name, d];
  }
  return best;
}

type Tally = Map<string, { reports: number; killed: number; injured: number }>;

function add(t: Tally, key: string, r: FigureInput): void {
  const row = t.get(key) ?? { reports: 0, killed: 0, injured: 0 };
  row.reports += 1;
  row.killed += r.casualties.killed;
  row.injured += r.casualties.injured;
  t.set(key, row);
}

function rows(t: Tally): FigureRow[] {
  return [...t]
    .map(([key, v]) => ({ key, ...v }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

export function violationFigures(reports: Iterable<FigureInput>, places: FigurePlaces): ViolationFigures {
  const tally = (): Tally => new Map();
  const tallies = { total: tally(), week: tally(), gov: tally(), area: tally() };
  const more = { kind: tally(), perp: tally(), status: tally() };
  for (const r of reports) {
    const [lon, lat] = representativePoint(r.place);
    add(tallies.total, 'total', r);
    add(tallies.week, isoWeek(r.time.from), r);
    add(tallies.gov, governorateOf(places.governorates, lon, lat), r);
    const areas = places.areas.filter((a) => containsPoint(a.geometry, lon, lat));
    if (areas.length === 0) add(tallies.area, OUTSIDE_AREAS, r);
    for (const a of new Set(areas.map((x) => x.name))) add(tallies.area, a, r);
    add(more.kind, r.kind, r);
    add(more.perp, perpetratorKey(r.perpetrator), r);
    add(more.status, r.status ?? NO_STATUS, r);
  }
  return {
    total: rows(tallies.total)[0] ?? { key: 'total', reports: 0, killed: 0, injured: 0 },
    byWeek: rows(tallies.week),
    byGovernorate: rows(tallies.gov),
    byArea: rows(tallies.area),
    byKind: rows(more.kind),
    byPerpetrator: rows(more.perp),
    byStatus: rows(more.status),
  };
}

/** Every report of the state with its derived status, ready for `violationFigures`. */
export function figureInputs(state: ViolationsState, parties: readonly PartyId[]): FigureInput[] {
  const statuses = violationStatuses(state, parties);
  return [...state.reports.values()].map((r) => ({ ...r, status: statuses.get(r.id) ?? 'reported' }));
}
