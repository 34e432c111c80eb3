/**
 * Commands of the airspace slice, validated at the edge like the operations commands: times as
 * RFC 3339, coordinates as GeoJSON `[lon, lat]`, altitudes in metres above the ellipsoid.
 *
 * Flight notifications and designated areas are filed by people. Incursions and safety-of-flight
 * alerts are reported by the live air picture (`AirspaceMonitor`) acting as a `monitor`: only its
 * transitions reach the ledger, never the position reports themselves. Every alert (an incursion, a
 * safety-of-flight risk, a conflict of filed routes) is acknowledged by each party it concerns.
 */
import { z } from 'zod';
import { recordId } from '../../core/index.ts';
import { PolygonSchema, WindowSchema } from '../operations/commands.ts';

const time = WindowSchema.shape.from;
const id = z.string().min(1).max(100).transform(recordId);
const code = z.string().regex(/^[A-Z][A-Z0-9_-]{0,31}$/, 'expected an upper-case code like "SY-AF"');
const text = z.string().trim().min(1).max(4000);
/** An aircraft's id as its sensors report it (ICAO address, tail number, CoT uid): kept verbatim. */
export const aircraftId = z.string().min(1).max(128);
const lonLat = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);
const altitude = z.number().min(-500).max(30_000);

export const BandSchema = z
  .strictObject({ minM: altitude, maxM: altitude })
  .refine((b) => b.maxM >= b.minM, { message: 'maxM must not be below minM', path: ['maxM'] });

const waypoint = z.strictObject({ position: lonLat, time });

export const FileFlight = z
  .strictObject({
    type: z.literal('FileFlight'),
    /** Who flies: a party, or a restricted actor of the agreement (`SY-AF`). */
    actor: code,
    aircraft: aircraftId,
    route: z.array(waypoint).min(2).max(500),
    band: BandSchema,
    category: code.optional(),
    remarks: text.optional(),
  })
  .superRefine((c, ctx) => {
    c.route.forEach((w, i) => {
      const prev = c.route[i - 1];
      if (prev && w.time <= prev.time)
        ctx.addIssue({ code: 'custom', message: 'waypoint times must increase', path: ['route', i, 'time'] });
    });
  });
export const CancelFlight = z.strictObject({
  type: z.literal('CancelFlight'),
  flight: id,
  reason: text.optional(),
});
export const RegisterDesignatedArea = z.strictObject({
  type: z.literal('RegisterDesignatedArea'),
  name: text,
  area: PolygonSchema,
  window: WindowSchema,
  /** The whole column when absent. */
  band: BandSchema.optional(),
  /** The agreement's restricted actors and exemptions when absent. */
  restrictedActors: z.array(code).min(1).optional(),
  exemptions: z.array(code).optional(),
});
export const WithdrawDesignatedArea = z.strictObject({
  type: z.literal('WithdrawDesignatedArea'),
  area: id,
  reason: text.optional(),
});

const position = z.strictObject({ lon: z.number(), lat: z.number(), altitudeM: z.number() });
export const ReportIncursion = z.strictObject({
  type: z.literal('ReportIncursion'),
  aircraft: aircraftId,
  actor: code,
  area: id,
  enteredAt: time,
  position,
  cause: z.enum(['no_exemption', 'left_corridor']),
  flight: id.nullable(),
  source: z.string().max(200),
});
export const ReportIncursionEnded = z.strictObject({
  type: z.literal('ReportIncursionEnded'),
  aircraft: aircraftId,
  area: id,
  exitedAt: time,
  cause: z.enum(['exited', 'exempted', 'track_lost', 'area_closed']),
});
export const ReportSeparationRisk = z.strictObject({
  type: z.literal('ReportSeparationRisk'),
  aircraft: z.tuple([aircraftId, aircraftId]),
  actors: z.tuple([code, code]),
  detectedAt: time,
  lossAt: time,
  cpaAt: time,
  cpaDistanceM: z.number().nonnegative(),
  cpaVerticalM: z.number().nonnegative(),
});
export const ReportSeparationCleared = z.strictObject({
  type: z.literal('ReportSeparationCleared'),
  aircraft: z.tuple([aircraftId, aircraftId]),
  clearedAt: time,
});

/** A party the alert concerns says it has seen it: once per party, by any of its people. */
export const AcknowledgeAlert = z.strictObject({
  type: z.literal('AcknowledgeAlert'),
  alert: id,
  remarks: text.optional(),
});

export const AirspaceCommandSchema = z.discriminatedUnion('type', [
  FileFlight,
  CancelFlight,
  RegisterDesignatedArea,
  WithdrawDesignatedArea,
  ReportIncursion,
  ReportIncursionEnded,
  ReportSeparationRisk,
  ReportSeparationCleared,
  AcknowledgeAlert,
]);

export type AirspaceCommand = z.output<typeof AirspaceCommandSchema>;
export type AirspaceCommandOf<T extends AirspaceCommand['type']> = Extract<AirspaceCommand, { type: T }>;
export const AIRSPACE_COMMAND_TYPES: ReadonlySet<string> = new Set(
  AirspaceCommandSchema.options.map((o) => o.shape.type.value),
);
