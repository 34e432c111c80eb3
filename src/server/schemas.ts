/**
 * Wire schemas of the API. Command bodies are parsed here until the rules publish their own Zod
 * command schemas, which then replace these one by one. Every object is strict: an unknown field
 * is an error, not something silently dropped.
 */
import { z } from 'zod';
import { parseRfc3339, RELEASE_LEVELS } from '../core/index.ts';

export const time = z
  .string()
  .max(40)
  .refine((s) => parseRfc3339(s) !== undefined, 'expected an RFC 3339 time with a time zone')
  .meta({ format: 'date-time', example: '2016-07-31T14:00:00Z' });

const window = z
  .strictObject({ from: time, to: time })
  .refine((w) => !((parseRfc3339(w.from) ?? -Infinity) > (parseRfc3339(w.to) ?? Infinity)), {
    message: 'the window ends before it starts',
    path: ['to'],
  });

const text = (max: number) => z.string().trim().min(1).max(max);
const release = z.enum(RELEASE_LEVELS as ['office', 'joint', 'sealed']);

// GeoJSON (RFC 7946) positions are [lon, lat] or [lon, lat, altitude in metres].
const position = z.union([
  z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]),
  z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90), z.number().min(-500).max(100_000)]),
]);
const ring = z
  .array(position)
  .min(4)
  .max(10_000)
  .refine((r) => r[0]?.[0] === r.at(-1)?.[0] && r[0]?.[1] === r.at(-1)?.[1], 'a linear ring must be closed');
const point = z.strictObject({ type: z.literal('Point'), coordinates: position });
const lineString = z.strictObject({
  type: z.literal('LineString'),
  coordinates: z.array(position).min(2).max(10_000),
});
const polygon = z.strictObject({ type: z.literal('Polygon'), coordinates: z.array(ring).min(1).max(100) });
const multiPolygon = z.strictObject({
  type: z.literal('MultiPolygon'),
  coordinates: z.array(z.array(ring).min(1).max(100)).min(1).max(100),
});
export const areaGeometry = z.discriminatedUnion('type', [polygon, multiPolygon]);
export const anyGeometry = z.discriminatedUnion('type', [point, lineString, polygon, multiPolygon]);

const actor = text(64);
const exemption = z.enum(['MEDEVAC', 'PERSONNEL_RECOVERY', 'HUMANITARIAN']);

export const commands = {
  DesignateArea: z.strictObject({
    name: text(200),
    geometry: areaGeometry,
    window,
    restrictedActors: z.array(actor).min(1).max(50),
    exemptions: z.array(exemption).max(3).optional(),
  }),
  RegisterProtectedSite: z.strictObject({
    name: text(200),
    category: text(64),
    geometry: anyGeometry,
    bufferM: z.number().min(0).max(100_000),
    release,
    window: window.optional(),
  }),
  DisputeProtectedSite: z.strictObject({ reason: text(4000) }),
  NominateTarget: z.strictObject({
    group: text(64),
    geometry: z.discriminatedUnion('type', [point, polygon]),
    justification: text(4000),
    window,
  }),
  DecideNomination: z.strictObject({
    decision: z.enum(['concur', 'non_concur']),
    reason: text(4000).optional(),
  }),
  ReportExecution: z.strictObject({
    executedAt: time,
    geometry: point,
    executor: text(64).optional(),
    note: text(4000).optional(),
  }),
  GiveNotice: z.strictObject({
    group: text(64),
    geometry: areaGeometry,
    window,
    release: release.optional(),
  }),
  RecordImminentAction: z.strictObject({
    group: text(64),
    geometry: point,
    at: time,
    justification: text(4000),
  }),
  NotifyFlight: z.strictObject({
    actor,
    callsign: text(32),
    exemption: exemption.optional(),
    altitudeM: z.strictObject({ min: z.number().min(-500), max: z.number().max(30_000) }),
    route: z
      .array(z.strictObject({ position, at: time }))
      .min(2)
      .max(1000),
    release: release.optional(),
  }),
  ReportTracks: z.strictObject({
    tracks: z
      .array(
        z.strictObject({
          track: text(64),
          actor,
          position,
          at: time,
          headingDeg: z.number().min(0).max(360).optional(),
          speedMps: z.number().min(0).max(1500).optional(),
        }),
      )
      .min(1)
      .max(1000),
  }),
  ReportViolation: z.strictObject({
    at: time,
    geometry: anyGeometry,
    kind: text(64),
    allegedPerpetrator: text(200).optional(),
    casualties: z
      .strictObject({ killed: z.int().min(0).max(1e6), injured: z.int().min(0).max(1e6) })
      .optional(),
    evidence: z
      .array(z.strictObject({ sha256: z.string().regex(/^[0-9a-f]{64}$/), name: text(200) }))
      .max(100)
      .optional(),
  }),
  AssessViolation: z.strictObject({
    status: z.enum(['under_review', 'confirmed', 'disputed', 'dismissed']),
    note: text(4000),
  }),
  NotifyMovement: z.strictObject({
    kind: z.enum(['convoy', 'aid_site']),
    name: text(200),
    geometry: anyGeometry,
    bufferM: z.number().min(0).max(100_000),
    window,
    destination: text(200).optional(),
    release: release.optional(),
  }),
  ReportMovementOutcome: z.strictObject({
    outcome: z.enum(['delivered', 'denied']),
    at: time,
    note: text(4000).optional(),
  }),
} as const;
export type CommandName = keyof typeof commands;

const index = z
  .string()
  .regex(/^\d{1,15}$/, 'expected a ledger index (a whole number)')
  .transform(Number);

/** `?asOf=` (RFC 3339) or `?asOfIndex=` on every read. */
export const readQuery = z
  .strictObject({ asOf: time.optional(), asOfIndex: index.optional() })
  .refine((q) => q.asOf === undefined || q.asOfIndex === undefined, 'give asOf or asOfIndex, not both');

export const idParams = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9._:-]{1,128}$/, 'not a record id'),
});

export const ledgerQueries = {
  entries: z.strictObject({ from: index, to: index }),
  inclusion: z.strictObject({ index, size: index }),
  consistency: z.strictObject({ size1: index, size2: index }),
  feed: z.strictObject({ from: index.optional() }),
};

export const login = z.strictObject({ name: text(200), password: z.string().min(1).max(1024) });
export const passwordChange = z.strictObject({
  current: z.string().min(1).max(1024),
  next: z.string().min(12).max(1024),
});
