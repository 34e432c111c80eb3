/**
 * Wire fields every slice's commands share: RFC 3339 times, record ids, party codes, and
 * geometries read through the geometry engine (`src/geo`), so that every command accepts the same
 * GeoJSON (validated, rings rewound, self-intersections and antimeridian cases handled as in
 * docs/geo.md) and, where a point is typed, the same decimal degrees, DMS or MGRS text, and
 * refuses them with the engine's JSON pointers and reasons.
 */
import { z } from 'zod';
import { parseRfc3339, partyId, recordId, type FieldIssue } from '../core/index.ts';
import { lonLat, parseCoordinate, parseGeometry, type SimpleGeometry } from '../geo/index.ts';

export const time = z.string().transform((s, ctx) => {
  const t = parseRfc3339(s);
  if (t === undefined) {
    ctx.addIssue({
      code: 'custom',
      message: 'expected an RFC 3339 time with a zone, e.g. 2016-07-20T10:00:00Z',
    });
    return z.NEVER;
  }
  return t;
});
export const id = z.string().min(1).max(100).transform(recordId);
export const party = z
  .string()
  .regex(/^[A-Z][A-Z0-9_-]{0,31}$/)
  .transform(partyId);

/** RFC 6901 pointer to Zod path segments. */
function pathOf(pointer: string): (string | number)[] {
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

interface IssueSink {
  addIssue(issue: { code: 'custom'; message: string; path?: (string | number)[] }): void;
}

function report(ctx: IssueSink, issues: readonly FieldIssue[], prefix: (string | number)[] = []): void {
  for (const i of issues)
    ctx.addIssue({ code: 'custom', message: i.reason, path: [...prefix, ...pathOf(i.pointer)] });
}

export type GeometryOf<T extends SimpleGeometry['type']> = Extract<SimpleGeometry, { type: T }>;

/**
 * A geometry in any form the geometry engine reads: GeoJSON (validated, rings rewound), or, for
 * a point, a coordinate as people type it (decimal degrees, DMS or MGRS).
 */
export function geometryField<T extends SimpleGeometry['type']>(allowed: readonly T[]) {
  const expected = `expected ${allowed.join(' or ')}`;
  const typed = allowed.includes('Point' as T) ? ', or a typed coordinate (DD, DMS or MGRS)' : '';
  return z
    .unknown()
    .transform((input, ctx): GeometryOf<T> => {
      if (typeof input === 'string') {
        if (!allowed.includes('Point' as T))
          report(ctx, [{ pointer: '', reason: `a coordinate is a point; ${expected}` }]);
        else {
          const p = parseCoordinate(input);
          if (p.ok) return { type: 'Point', coordinates: p.value } as GeometryOf<T>;
          report(ctx, p.error);
        }
        return z.NEVER;
      }
      const g = parseGeometry(input);
      if (!g.ok) report(ctx, g.error);
      else if (!allowed.includes(g.value.type as T)) report(ctx, [{ pointer: '/type', reason: expected }]);
      else return g.value as GeometryOf<T>;
      return z.NEVER;
    })
    .meta({ description: `GeoJSON (RFC 7946) ${allowed.join(' or ')}${typed}` });
}

/** A route: a GeoJSON LineString, or a list of typed coordinates (DD, DMS or MGRS). */
export const RouteField = z.union([
  z
    .array(z.string())
    .min(2)
    .transform((points, ctx): GeometryOf<'LineString'> => {
      const coordinates = points.map((text, i) => {
        const p = parseCoordinate(text);
        if (!p.ok) report(ctx, p.error, [i]);
        return p.ok ? p.value : lonLat(0, 0);
      });
      return { type: 'LineString', coordinates };
    }),
  geometryField(['LineString']),
]);

export const PointField = geometryField(['Point']);
