/**
 * Commands of the operations slice, validated at the edge. The server parses a request body with
 * `OperationsCommandSchema` (or the root `parseCommand`); times arrive as RFC 3339 and leave as
 * epoch milliseconds, coordinates are GeoJSON `[lon, lat]`.
 */
import { z } from 'zod';
import { parseRfc3339, partyId, recordId, RELEASE_LEVELS } from '../../core/index.ts';

const time = z.string().transform((s, ctx) => {
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
const id = z.string().min(1).max(100).transform(recordId);
const party = z
  .string()
  .regex(/^[A-Z][A-Z0-9_-]{0,31}$/)
  .transform(partyId);
const text = z.string().trim().min(1).max(4000);
const position = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)], z.number());
const ring = z
  .array(position)
  .min(4)
  .refine((r) => r[0]?.[0] === r.at(-1)?.[0] && r[0]?.[1] === r.at(-1)?.[1], 'a ring must be closed');

export const PointSchema = z.strictObject({ type: z.literal('Point'), coordinates: position });
export const PolygonSchema = z.strictObject({
  type: z.literal('Polygon'),
  coordinates: z.array(ring).min(1),
});
const LineStringSchema = z.strictObject({
  type: z.literal('LineString'),
  coordinates: z.array(position).min(2),
});
const MultiPolygonSchema = z.strictObject({
  type: z.literal('MultiPolygon'),
  coordinates: z.array(z.array(ring).min(1)).min(1),
});
const SiteGeometrySchema = z.discriminatedUnion('type', [
  PointSchema,
  LineStringSchema,
  PolygonSchema,
  MultiPolygonSchema,
]);

export const WindowSchema = z
  .strictObject({ from: time, to: time })
  .refine((w) => w.to > w.from, { message: 'the window must end after it starts', path: ['to'] });

export const RegisterProtectedSite = z.strictObject({
  type: z.literal('RegisterProtectedSite'),
  name: text.optional(),
  category: z.string().min(1),
  geometry: SiteGeometrySchema,
  /** Metres; the policy's default for the category when absent. */
  bufferM: z.number().positive().max(100_000).optional(),
  release: z.enum(RELEASE_LEVELS),
});
export const WithdrawProtectedSite = z.strictObject({
  type: z.literal('WithdrawProtectedSite'),
  site: id,
  reason: text.optional(),
});
export const DisputeProtectedSite = z.strictObject({
  type: z.literal('DisputeProtectedSite'),
  site: id,
  reason: text,
});
export const AnswerDispute = z.strictObject({
  type: z.literal('AnswerDispute'),
  dispute: id,
  outcome: z.enum(['maintained', 'withdrawn']),
  reason: text,
});
export const NominateTarget = z.strictObject({
  type: z.literal('NominateTarget'),
  group: z.string().min(1),
  location: PointSchema,
  justification: text,
  window: WindowSchema,
  executors: z.array(party).min(1),
});
export const DecideNomination = z
  .strictObject({
    type: z.literal('DecideNomination'),
    nomination: id,
    concur: z.boolean(),
    reason: text.optional(),
  })
  .refine((c) => c.concur || c.reason !== undefined, {
    message: 'a non-concurrence needs a reason',
    path: ['reason'],
  });
export const WithdrawNomination = z.strictObject({
  type: z.literal('WithdrawNomination'),
  nomination: id,
  reason: text,
});
export const AuthorizeIntegratedOperations = z.strictObject({
  type: z.literal('AuthorizeIntegratedOperations'),
});
export const ReportExecution = z.strictObject({
  type: z.literal('ReportExecution'),
  nomination: id,
  executedAt: time,
  location: PointSchema,
  outcome: z.enum(['completed', 'partial', 'aborted']),
  remarks: text.optional(),
});
export const RecordImminentThreatAction = z.strictObject({
  type: z.literal('RecordImminentThreatAction'),
  group: z.string().min(1),
  actionAt: time,
  location: PointSchema,
  threat: text,
  /** An allegation of another party this filing answers, if any. */
  allegation: id.optional(),
});
export const AllegeUnilateralAction = z.strictObject({
  type: z.literal('AllegeUnilateralAction'),
  against: party,
  actionAt: time,
  location: PointSchema,
  description: text,
});
export const SendNotice = z.strictObject({
  type: z.literal('SendNotice'),
  group: z.string().min(1),
  area: PolygonSchema,
  window: WindowSchema,
  remarks: text.optional(),
});
export const AcknowledgeReceipt = z.strictObject({ type: z.literal('AcknowledgeReceipt'), record: id });

export const OperationsCommandSchema = z.discriminatedUnion('type', [
  RegisterProtectedSite,
  WithdrawProtectedSite,
  DisputeProtectedSite,
  AnswerDispute,
  NominateTarget,
  DecideNomination,
  WithdrawNomination,
  AuthorizeIntegratedOperations,
  ReportExecution,
  RecordImminentThreatAction,
  AllegeUnilateralAction,
  SendNotice,
  AcknowledgeReceipt,
]);

export type OperationsCommand = z.output<typeof OperationsCommandSchema>;
export type CommandOf<T extends OperationsCommand['type']> = Extract<OperationsCommand, { type: T }>;
export const OPERATIONS_COMMAND_TYPES: ReadonlySet<string> = new Set(
  OperationsCommandSchema.options.map((o) => o.shape.type.value),
);
