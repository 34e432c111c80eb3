/**
 * Violation commands as they arrive at the edge: times as RFC 3339, coordinates as GeoJSON
 * `[lon, lat]`. Parsing yields the typed commands of `violations-model.ts`; the decider then
 * checks what depends on the agreement (kinds, parties, evidence limits).
 */
import { z } from 'zod';
import { geometryField, id, party, time } from './wire.ts';

export const text = z.string().trim().min(1).max(20_000);

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
