/**
 * Planned 4-D routes: waypoints `[lon, lat]` with times and an altitude band, flown as straight
 * segments (WGS 84 geodesics) at constant speed between waypoints, the band changing linearly in
 * time. This file holds the plain data, its parser for the edge, and where an aircraft is at a time.
 */
import { parseRfc3339, type FieldIssue, type Result, err, ok, jsonPointer, JigError } from '../core/index.ts';
import geodesic from 'geographiclib-geodesic';
import { normalizeLon, wgs84Geodesic, type LonLat } from './geodesy.ts';

/** Altitudes in metres; the aircraft may be anywhere in [minM, maxM]. */
export interface AltitudeBand {
  readonly minM: number;
  readonly maxM: number;
}

export interface RouteWaypoint {
  readonly position: LonLat;
  /** Epoch milliseconds, strictly increasing along the route. */
  readonly time: number;
  /** The band at this waypoint; the route's band when absent. */
  readonly altitude?: AltitudeBand;
}

export interface Route {
  readonly id: string;
  readonly waypoints: readonly RouteWaypoint[];
  /** The band for waypoints that give none. */
  readonly altitude?: AltitudeBand;
}

/**
 * Segments longer than this are refused: near the antipode the geodesic between two waypoints is
 * not unique, so "straight" would be ambiguous. No real leg comes close.
 */
export const MAX_SEGMENT_M = 10_000_000;

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function bandIssues(band: unknown, path: (string | number)[]): FieldIssue[] {
  if (!isObj(band)) return [{ pointer: jsonPointer(path), reason: 'must be an object {minM, maxM}' }];
  const issues: FieldIssue[] = [];
  for (const k of ['minM', 'maxM'])
    if (!isNum(band[k]))
      issues.push({ pointer: jsonPointer([...path, k]), reason: 'must be a finite number' });
  if (issues.length === 0 && (band.minM as number) > (band.maxM as number))
    issues.push({ pointer: jsonPointer([...path, 'maxM']), reason: 'must not be below minM' });
  return issues;
}

function positionIssues(p: unknown, path: (string | number)[]): FieldIssue[] {
  const ok = Array.isArray(p) && p.length >= 2 && isNum(p[0]) && isNum(p[1]);
  if (!ok) return [{ pointer: jsonPointer(path), reason: 'must be [lon, lat] in degrees' }];
  const issues: FieldIssue[] = [];
  if (Math.abs(p[0] as number) > 180)
    issues.push({ pointer: jsonPointer([...path, 0]), reason: 'longitude must be within [-180, 180]' });
  if (Math.abs(p[1] as number) > 90)
    issues.push({ pointer: jsonPointer([...path, 1]), reason: 'latitude must be within [-90, 90]' });
  return issues;
}

const toTime = (v: unknown): number | undefined =>
  isNum(v) ? v : typeof v === 'string' ? parseRfc3339(v) : undefined;

/** Everything wrong with one waypoint, including the order of its time after the previous one. */
function waypointIssues(
  w: unknown,
  i: number,
  prevTime: number | undefined,
  routeBand: boolean,
): FieldIssue[] {
  const path = ['waypoints', i];
  if (!isObj(w)) return [{ pointer: jsonPointer(path), reason: 'must be an object' }];
  const issues = positionIssues(w.position, [...path, 'position']);
  const t = toTime(w.time);
  if (t === undefined)
    issues.push({ pointer: jsonPointer([...path, 'time']), reason: 'must be epoch ms or an RFC 3339 time' });
  else if (prevTime !== undefined && !(t > prevTime))
    issues.push({ pointer: jsonPointer([...path, 'time']), reason: 'must be after the previous waypoint' });
  if (w.altitude !== undefined) issues.push(...bandIssues(w.altitude, [...path, 'altitude']));
  else if (!routeBand)
    issues.push({
      pointer: jsonPointer([...path, 'altitude']),
      reason: 'required when the route has no band',
    });
  return issues;
}

function segmentIssues(ws: readonly RouteWaypoint[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (let i = 1; i < ws.length; i++) {
    const [a, b] = [ws[i - 1]!.position, ws[i]!.position];
    const s = wgs84Geodesic.Inverse(a[1], a[0], b[1], b[0], geodesic.Geodesic.DISTANCE).s12 ?? NaN;
    if (!(s <= MAX_SEGMENT_M))
      issues.push({
        pointer: jsonPointer(['waypoints', i, 'position']),
        reason: `leg of ${Math.round(s / 1000)} km is longer than ${MAX_SEGMENT_M / 1000} km (near-antipodal legs are ambiguous)`,
      });
  }
  return issues;
}

/** Parses a route from untrusted input, reporting every invalid field with its JSON pointer. */
export function parseRoute(input: unknown): Result<Route> {
  const shaped = parseShape(input);
  if (!shaped.ok) return shaped;
  const more = segmentIssues(shaped.value.waypoints);
  return more.length > 0 ? err(more) : shaped;
}

/** The structural checks of `parseRoute`, without measuring legs (callers that do it themselves). */
function parseShape(input: unknown): Result<Route> {
  if (!isObj(input)) return err([{ pointer: '', reason: 'must be an object' }]);
  const issues: FieldIssue[] = [];
  if (typeof input.id !== 'string' || input.id === '')
    issues.push({ pointer: '/id', reason: 'must be a non-empty string' });
  const routeBand = input.altitude !== undefined;
  if (routeBand) issues.push(...bandIssues(input.altitude, ['altitude']));
  const ws = input.waypoints;
  if (!Array.isArray(ws) || ws.length < 2)
    return err([...issues, { pointer: '/waypoints', reason: 'must be an array of at least 2 waypoints' }]);
  let prev: number | undefined;
  ws.forEach((w: unknown, i) => {
    issues.push(...waypointIssues(w, i, prev, routeBand));
    prev = isObj(w) ? (toTime(w.time) ?? prev) : prev;
  });
  if (issues.length > 0) return err(issues);
  const waypoints = (ws as Record<string, unknown>[]).map((w) => ({
    position: [(w.position as number[])[0]!, (w.position as number[])[1]!] as const,
    time: toTime(w.time)!,
    ...(w.altitude ? { altitude: w.altitude as AltitudeBand } : {}),
  }));
  return ok({
    id: input.id as string,
    waypoints,
    ...(routeBand ? { altitude: input.altitude as AltitudeBand } : {}),
  });
}

/**
 * Checks a route built in code (not parsed) and throws INVALID_GEOMETRY listing every issue. Leg
 * lengths are left to `prepareRoute`, which measures them anyway.
 */
export function assertRouteShape(route: Route, pointer = ''): void {
  const parsed = parseShape(route);
  if (!parsed.ok)
    throw new JigError('INVALID_GEOMETRY', `route ${route.id} is invalid`, {
      issues: parsed.error.map((i) => ({ pointer: pointer + i.pointer, reason: i.reason })),
    });
}

/** The altitude band at waypoint i. */
export function bandAt(route: Route, i: number): AltitudeBand {
  const band = route.waypoints[i]?.altitude ?? route.altitude;
  if (!band)
    throw new JigError('INVALID_GEOMETRY', `route ${route.id} has no altitude band at waypoint ${i}`);
  return band;
}

/**
 * Where the aircraft is at `time` along its geodesic legs, and its band then; undefined outside
 * the route's time span.
 */
export function positionAt(
  route: Route,
  time: number,
): { position: LonLat; altitude: AltitudeBand } | undefined {
  const ws = route.waypoints;
  const first = ws[0];
  const last = ws[ws.length - 1];
  if (!first || !last || time < first.time || time > last.time) return undefined;
  let lo = 0;
  let hi = ws.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (ws[mid]!.time <= time) lo = mid;
    else hi = mid;
  }
  const [a, b] = [ws[lo]!, ws[hi]!];
  const f = (time - a.time) / (b.time - a.time);
  const line = wgs84Geodesic.InverseLine(a.position[1], a.position[0], b.position[1], b.position[0]);
  const p = line.Position(line.s13 * f, geodesic.Geodesic.LATITUDE | geodesic.Geodesic.LONGITUDE);
  const [ba, bb] = [bandAt(route, lo), bandAt(route, hi)];
  return {
    position: [normalizeLon(p.lon2 ?? NaN), p.lat2 ?? NaN],
    altitude: { minM: ba.minM + f * (bb.minM - ba.minM), maxM: ba.maxM + f * (bb.maxM - ba.maxM) },
  };
}
