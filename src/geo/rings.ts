/**
 * Validation and normalisation of lines and polygon rings (RFC 7946 §3.1.4, §3.1.6). Faults are
 * collected, not thrown. Longitudes are unwrapped first (see `unwrapLongitudes`), so a ring that
 * crosses the antimeridian is checked as the small ring it is; a ring that winds once around a
 * pole cannot be a ring in longitude/latitude and is refused with that reason.
 */
import Flatbush from 'flatbush';
import { jsonPointer, type FieldIssue } from '../core/index.ts';
import { pointInRing, segmentsIntersect, signedArea2, unwrapLongitudes } from './planar.ts';
import type { LonLat, Ring } from './types.ts';

type Path = readonly (string | number)[];
const MAX_CROSSINGS_REPORTED = 5;

function samePosition(a: LonLat, b: LonLat): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

function dropRepeats(ps: readonly LonLat[]): LonLat[] {
  return ps.filter((p, i) => i === 0 || !samePosition(p, ps[i - 1]!));
}

export function checkLine(ps: readonly LonLat[], path: Path, issues: FieldIssue[]): LonLat[] | undefined {
  const line = dropRepeats(ps);
  if (line.length < 2) {
    issues.push({ pointer: jsonPointer(path), reason: 'a line needs two or more distinct positions' });
    return undefined;
  }
  return line;
}

interface Prepared {
  readonly ring: LonLat[];
  readonly flat: number[];
}

function prepareRing(ps: readonly LonLat[], startLon: number | undefined, path: Path, issues: FieldIssue[]) {
  const fail = (reason: string) => void issues.push({ pointer: jsonPointer(path), reason });
  if (ps.length < 4) return fail(`a linear ring needs four or more positions, got ${ps.length}`);
  if (!samePosition(ps[0]!, ps[ps.length - 1]!))
    return fail('the first and last positions of a ring must be the same');
  const ring = dropRepeats(ps);
  if (ring.length < 4) return fail('a ring needs at least three distinct positions');
  const flat = unwrapLongitudes(ring, startLon);
  if (Math.abs(flat[0]! - flat[flat.length - 2]!) > 1e-9)
    return fail(
      'the ring winds around a pole, which a longitude/latitude ring cannot express: split it into parts',
    );
  const xs = flat.filter((_, i) => i % 2 === 0);
  if (Math.max(...xs) - Math.min(...xs) >= 360)
    return fail('the ring spans 360 degrees of longitude or more');
  if (signedArea2(flat) === 0) return fail('the ring has zero area');
  return { ring, flat } satisfies Prepared;
}

/** Checks a polygon's rings; returns them rewound (exterior counter-clockwise, holes clockwise). */
export function checkPolygon(
  rings: readonly (readonly LonLat[])[],
  path: Path,
  issues: FieldIssue[],
): Ring[] | undefined {
  if (rings.length === 0) {
    issues.push({ pointer: jsonPointer(path), reason: 'a polygon needs an exterior ring' });
    return undefined;
  }
  const before = issues.length;
  const prepared: Prepared[] = [];
  let startLon: number | undefined;
  rings.forEach((r, i) => {
    const p = prepareRing(r, startLon, [...path, i], issues);
    if (p) prepared.push(p);
    startLon ??= p?.flat[0];
  });
  if (issues.length > before) return undefined;
  findCrossings(prepared, path, issues);
  if (issues.length > before) return undefined;
  checkHoles(prepared, path, issues);
  if (issues.length > before) return undefined;
  return prepared.map(({ ring, flat }, i) => {
    const ccw = signedArea2(flat) > 0;
    return ccw === (i === 0) ? ring : [...ring].reverse();
  });
}

function checkHoles(prepared: readonly Prepared[], path: Path, issues: FieldIssue[]): void {
  const shell = prepared[0]!.flat;
  for (let h = 1; h < prepared.length; h++) {
    const hole = prepared[h]!.flat;
    // No edges touch (checked before), so any one vertex tells on which side the whole ring lies.
    if (!pointInRing(hole[0]!, hole[1]!, shell))
      issues.push({ pointer: jsonPointer([...path, h]), reason: 'the hole lies outside its exterior ring' });
    for (let o = 1; o < h; o++) {
      const other = prepared[o]!.flat;
      if (pointInRing(hole[0]!, hole[1]!, other) || pointInRing(other[0]!, other[1]!, hole))
        issues.push({
          pointer: jsonPointer([...path, h]),
          reason: `the hole lies inside or around hole ${o}`,
        });
    }
  }
}

/** Any shared point between edges, except the vertex that two consecutive edges of a ring share. */
function findCrossings(prepared: readonly Prepared[], path: Path, issues: FieldIssue[]): void {
  const edges: { r: number; e: number; n: number }[] = [];
  prepared.forEach((p, r) => {
    const n = p.flat.length / 2 - 1;
    for (let e = 0; e < n; e++) edges.push({ r, e, n });
  });
  const seg = (i: number) => {
    const { r, e } = edges[i]!;
    return prepared[r]!.flat.slice(2 * e, 2 * e + 4) as [number, number, number, number];
  };
  const index = new Flatbush(edges.length);
  for (let i = 0; i < edges.length; i++) {
    const [ax, ay, bx, by] = seg(i);
    index.add(Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by));
  }
  index.finish();
  let reported = 0;
  for (let i = 0; i < edges.length && reported < MAX_CROSSINGS_REPORTED; i++) {
    const [ax, ay, bx, by] = seg(i);
    const a = edges[i]!;
    for (const j of index.search(Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by))) {
      if (j <= i) continue;
      const b = edges[j]!;
      const [cx, cy, dx, dy] = seg(j);
      if (a.r === b.r && (j - i === 1 || (a.e === 0 && b.e === a.n - 1))) {
        // Consecutive edges share a vertex; they are at fault only if they fold back on each other.
        if (!foldsBack(ax, ay, bx, by, cx, cy, dx, dy)) continue;
      } else if (!segmentsIntersect(ax, ay, bx, by, cx, cy, dx, dy)) continue;
      reported++;
      const where =
        a.r === b.r ? 'the ring crosses or touches itself' : `ring ${a.r} and ring ${b.r} cross or touch`;
      issues.push({
        pointer: jsonPointer([...path, a.r, a.e]),
        reason: `${where}: edge from position ${a.e} meets edge from position ${b.e}${a.r === b.r ? '' : ` of ring ${b.r}`}`,
      });
      if (reported >= MAX_CROSSINGS_REPORTED) break;
    }
  }
}

/** Two edges sharing a vertex overlap along a stretch (a spike), rather than meeting at a point. */
function foldsBack(
  ax: number,
  ay: number,
  bx: number,
  by: number,
  cx: number,
  cy: number,
  dx: number,
  dy: number,
) {
  // Shared vertex is b===c (consecutive) or a===d (closing pair). Direction vectors away from it:
  const [sx, sy, px, py, qx, qy] =
    bx === cx && by === cy ? [bx, by, ax, ay, dx, dy] : [ax, ay, bx, by, cx, cy];
  const ux = px - sx,
    uy = py - sy,
    vx = qx - sx,
    vy = qy - sy;
  return ux * vy - uy * vx === 0 && ux * vx + uy * vy > 0;
}
