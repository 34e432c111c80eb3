/**
 * Violation commands as they arrive at the edge: times as RFC 3339, coordinates as GeoJSON
 * `[lon, lat]`. Parsing yields the typed commands of `violations-model.ts`; the decider then
 * checks what depends on the agreement (kinds, parties, evidence limits).
 */
import { z } from 'zod';
import { parseRfc3339, partyId, recordId, type FieldIssue } from '../core/index.ts';
import { parseCoordinate, parseGeometry } from '../geo/index.ts';
import type { Geometry } from './humanitarian-geometry.ts';

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
export const text = z.string().trim().min(1).max(20_000);

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

type GeometryOf<T extends Geometry['type']> = Extract<Geometry, { type: T }>;

/**
 * A geometry in any form the geometry engine reads: GeoJSON (validated, rings rewound), or, for
 * a point, a coordinate as people type it (decimal degrees, DMS or MGRS).
 */
export function geometryField<T extends Geometry['type']>(allowed: readonly T[]) {
  const expected = `expected ${allowed.join(' or ')}`;
  return z.unknown().transform((input, ctx): GeometryOf<T> => {
    if (typeof input === 'string') {
      if (!allowed.includes('Point' as T))
        report(ctx, [{ pointer: '', reason: `a coordinate is a point; ${expected}` }]);
      else {
        const p = parseCoordinate(input);
        if (p.ok) return { type: 'Point', coordinates: p.value } as unknown as GeometryOf<T>;
        report(ctx, p.error);
      }
      return z.NEVER;
    }
    const g = parseGeometry(input);
    if (!g.ok) report(ctx, g.error);
    else if (!allowed.includes(g.value.type as T)) report(ctx, [{ pointer: '/type', reason: expected }]);
    else return g.value as unknown as GeometryOf<T>;
    return z.NEVER;
  });
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
        return p.ok ? p.value : [0, 0];
      });
      return { type: 'LineString', coordinates };
    }),
  geometryField(['LineString']),
]);
export const PointField = geometryField(['Point']);
export const SiteGeometryField = geometryField(['Point', 'Polygon']);
export const PlaceSchema = geometryField(['Point', 'Polygon', 'MultiPolygon']);

export const EvidenceSchema = z.strictObject({
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lower-case hex digits'),
  name: z.string().min(1).max(255),
  mediaType: z.string().min(3).max(100),
  size: z.number().int().nonnegative(),
});
export const PerpetratorSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('party'), party }),
  z.strictObject({ kind: z.literal('actor'), actor: z.string().min(1).max(64) }),
  z.strictObject({ kind: z.literal('unknown') }),
]);

/** An instant (`{at}`) or a window (`{from, to}`, possibly equal). */
const WhenSchema = z.union([
  z.strictObject({ at: time }).transform(({ at }) => ({ from: at, to: at })),
  z
    .strictObject({ from: time, to: time })
    .refine((w) => w.to >= w.from, { message: 'the window must not end before it starts', path: ['to'] }),
]);

const count = z.number().int().nonnegative();
const ReportViolation = z.strictObject({
  type: z.literal('ReportViolation'),
  time: WhenSchema,
  place: PlaceSchema,
  kind: z.string().min(1).max(48),
  perpetrator: PerpetratorSchema,
  casualties: z.strictObject({
    killed: count,
    injured: count,
    confidence: z.enum(['low', 'medium', 'high']),
  }),
  narrative: text,
  evidence: z.array(EvidenceSchema).default([]),
  shieldReporter: z.boolean().optional(),
});
const AssessViolation = z.strictObject({
  type: z.literal('AssessViolation'),
  violation: id,
  assessment: z.enum(['confirmed', 'disputed', 'needs_information']),
  reason: text.optional(),
});
const AddViolationEvidence = z.strictObject({
  type: z.literal('AddViolationEvidence'),
  violation: id,
  evidence: z.array(EvidenceSchema).min(1),
});
const RequestInformation = z.strictObject({
  type: z.literal('RequestInformation'),
  violation: id,
  to: party.optional(),
  question: text,
  deadline: time,
});
const AnswerInformationRequest = z.strictObject({
  type: z.literal('AnswerInformationRequest'),
  request: id,
  answer: text,
  evidence: z.array(EvidenceSchema).default([]),
});
const WithdrawViolationReport = z.strictObject({
  type: z.literal('WithdrawViolationReport'),
  violation: id,
  reason: text,
});
const RevealReporter = z.strictObject({ type: z.literal('RevealReporter'), sealed: id });

export const ViolationCommandSchema = z.discriminatedUnion('type', [
  ReportViolation,
  AssessViolation,
  AddViolationEvidence,
  RequestInformation,
  AnswerInformationRequest,
  WithdrawViolationReport,
  RevealReporter,
]);

export const VIOLATION_COMMAND_TYPES: ReadonlySet<string> = new Set(
  ViolationCommandSchema.options.map((o) => o.shape.type.value),
);
