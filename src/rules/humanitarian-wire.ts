/**
 * Humanitarian commands as they arrive at the edge (RFC 3339 times, GeoJSON `[lon, lat]`),
 * parsed into the typed commands of `humanitarian-model.ts`.
 */
import { z } from 'zod';
import { EvidenceSchema, PerpetratorSchema, SiteGeometryField, text } from './violations-wire.ts';
import { PointField, RouteField, id, time } from './wire.ts';
import { MOVEMENT_KINDS, SITE_CATEGORIES } from './humanitarian-model.ts';

const name = z.string().trim().min(1).max(500);
const SiteGeometry = SiteGeometryField;

const SiteSchema = z.strictObject({
  name,
  category: z.enum(SITE_CATEGORIES),
  geometry: SiteGeometry,
  bufferM: z.number().nonnegative().max(100_000).optional(),
  active: z
    .strictObject({ from: time, to: time.nullable().default(null) })
    .refine((a) => a.to === null || a.to > a.from, { message: 'must end after it starts', path: ['to'] }),
});
const MovementSchema = z.strictObject({
  kind: z.enum(MOVEMENT_KINDS),
  name,
  route: RouteField,
  corridorWidthM: z.number().positive().max(50_000),
  window: z
    .strictObject({ from: time, to: time })
    .refine((w) => w.to > w.from, { message: 'the window must end after it starts', path: ['to'] }),
  vehicles: z.array(z.strictObject({ kind: name, count: z.number().int().positive() })).min(1),
  destination: z.strictObject({
    name,
    besieged: z.boolean(),
    geometry: SiteGeometry.nullable().default(null),
  }),
});

export const HumanitarianCommandSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('NotifySite'), site: SiteSchema }),
  z.strictObject({ type: z.literal('NotifyMovement'), movement: MovementSchema }),
  z.strictObject({
    type: z.literal('AmendNotice'),
    notice: id,
    details: z.discriminatedUnion('subject', [
      z.strictObject({ subject: z.literal('site'), site: SiteSchema }),
      z.strictObject({ subject: z.literal('movement'), movement: MovementSchema }),
    ]),
  }),
  z.strictObject({ type: z.literal('AcknowledgeNotice'), notice: id, version: z.number().int().positive() }),
  z.strictObject({ type: z.literal('CancelNotice'), notice: id, reason: text }),
  z.strictObject({
    type: z.literal('RecordOutcome'),
    notice: id,
    outcome: z.enum(['delivered', 'delayed', 'denied']),
    at: time,
    where: PointField.nullable().default(null),
    deniedBy: PerpetratorSchema.nullable().default(null),
    narrative: text,
    evidence: z.array(EvidenceSchema).default([]),
  }),
]);

export const HUMANITARIAN_COMMAND_TYPES: ReadonlySet<string> = new Set(
  HumanitarianCommandSchema.options.map((o) => o.shape.type.value),
);
