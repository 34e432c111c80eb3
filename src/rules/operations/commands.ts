/**
 * Commands of the operations slice, validated at the edge. The server parses a request body with
 * `OperationsCommandSchema` (or the root `parseCommand`); times arrive as RFC 3339 and leave as
 * epoch milliseconds. Geometries are read by the geometry engine (`wire.ts`): GeoJSON `[lon, lat]`
 * everywhere, and a typed coordinate (DD, DMS or MGRS) wherever a point is expected.
 */
import { z } from 'zod';
import { RELEASE_LEVELS } from '../../core/index.ts';
import { geometryField, id, party, PointField, time } from '../wire.ts';

const text = z.string().trim().min(1).max(4000);

/** A point: GeoJSON, or a coordinate as typed (decimal degrees, DMS or MGRS). */
export const PointSchema = PointField;
export const PolygonSchema = geometryField(['Polygon']);
const SiteGeometrySchema = geometryField(['Point', 'LineString', 'Polygon', 'MultiPolygon']);

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
