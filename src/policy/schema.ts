/**
 * The agreement as data. One schema for every agreement file; `agreements/jig-2016.yaml` is the
 * reference. Values the public terms of an agreement do not give (buffers, lead times, minima,
 * deadlines) have defaults here, so a file that leaves them out still describes a working
 * agreement; the reference file writes them out and marks them as parameters.
 *
 * Shape only: the checks across fields (ids unique, references resolve) are in `crossChecks.ts`.
 */
import { z } from 'zod';
import { partyId } from '../core/index.ts';

/** Upper-case ids of parties, groups and actors (`US`, `NUSRA`, `SY-AF`). */
const code = z.string().regex(/^[A-Z][A-Z0-9_-]{0,31}$/, 'expected an upper-case code like "US" or "SY-AF"');
/** Lower-case ids of kinds and categories (`hospital`, `air_strike`). */
const kind = z.string().regex(/^[a-z][a-z0-9_]{0,47}$/, 'expected a lower-case id like "air_strike"');
const name = z.string().min(1).max(200);
const positive = z.number().positive();
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date like "2016-07-31"');
const lonLat = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);

export const GROUP_MODES = ['vetted', 'synchronized'] as const;
export type GroupMode = (typeof GROUP_MODES)[number];

export const BASE_VIOLATION_KINDS = ['air_strike', 'shelling', 'ground_attack'] as const;

const party = z.strictObject({
  // Branded so that rules compare it with the parties of people and records.
  id: code.transform(partyId),
  name,
  office: z.strictObject({ name, location: lonLat.optional() }),
});

const group = z.strictObject({
  id: code,
  name,
  mode: z.enum(GROUP_MODES),
  aliases: z.array(name).default([]),
});

const integratedOperations = z.strictObject({
  /** Whether the agreement foresees integrated operations at all. */
  permitted: z.boolean(),
  /** Whether they are authorized from the start; otherwise every national authority must authorize. */
  authorized: z.boolean(),
});

const imminentThreat = z.strictObject({
  allowed: z.boolean(),
  /** Groups against which a party may act unilaterally (vetted groups). */
  groups: z.array(code),
  filingDeadlineHours: positive.default(24),
});

const designatedAreas = z.strictObject({
  restrictedActors: z.array(z.strictObject({ id: code, name })).min(1),
  exemptions: z.array(code).min(1),
});

const siteCategory = z.strictObject({
  id: kind,
  /** What a sealed conflict discloses instead of the category itself. */
  class: z.enum(['civilian', 'humanitarian', 'partner_force', 'infrastructure', 'other']),
  defaultBufferM: positive,
});

const protectedSites = z.strictObject({
  categories: z.array(siteCategory).min(1),
  /** Distance bands (m) in which a sealed conflict is reported, in place of the distance itself. */
  disclosureBandsM: z.array(positive).min(1).default([1000, 3000, 10000]),
});

const humanitarian = z.strictObject({
  /** Hours of notice each movement kind needs before it starts. */
  leadTimesHours: z.record(kind, z.number().nonnegative()).default({ convoy: 72, aid_site: 24, medevac: 0 }),
  /** Half-width of a movement's protected corridor, metres. */
  corridorBufferM: positive.default(1000),
});

const receipts = z.strictObject({
  /** Minutes after which a notice the other party has not acknowledged escalates. */
  deadlineMinutes: positive.default(30),
});

const safetyOfFlight = z.strictObject({
  lateralM: positive.default(9260),
  verticalM: positive.default(300),
  lookAheadS: positive.default(300),
});

const flights = z.strictObject({
  /** Minutes of notice a flight notification needs before its first waypoint. */
  leadTimeMinutes: z.number().nonnegative().default(60),
  /** Shorter notice for exemption categories that cannot wait (by category id). */
  exemptLeadTimeMinutes: z
    .record(code, z.number().nonnegative())
    .default({ MEDEVAC: 0, PERSONNEL_RECOVERY: 0 }),
  /** Half-width of a filed route's corridor (an exemption holds only inside it), metres. */
  corridorM: positive.default(2000),
  /** Seconds without a report after which a track leaves the live picture. */
  trackStaleS: positive.default(60),
});

const execution = z.strictObject({
  /** Distance from the vetted point beyond which an execution is a deviation, metres. */
  toleranceM: positive.default(500),
});

const evidence = z.strictObject({
  maxFiles: z.number().int().positive().default(20),
  maxFileBytes: z
    .number()
    .int()
    .positive()
    .default(50 * 1024 * 1024),
  mediaTypes: z
    .array(z.string().min(3))
    .min(1)
    .default(['image/jpeg', 'image/png', 'video/mp4', 'application/pdf']),
});

const milestone = z.strictObject({ id: kind, date: isoDate, issues: z.array(name).min(1) });

export const AgreementSchema = z.strictObject({
  id: kind,
  name,
  version: z.number().int().positive(),
  parties: z.array(party).min(2),
  jointCenter: z.strictObject({ name, location: lonLat }),
  groups: z.array(group).min(1),
  integratedOperations,
  imminentThreat,
  designatedAreas,
  protectedSites,
  humanitarian: humanitarian.prefault({}),
  receipts: receipts.prefault({}),
  safetyOfFlight: safetyOfFlight.prefault({}),
  flights: flights.prefault({}),
  execution: execution.prefault({}),
  violationKinds: z
    .array(kind)
    .min(1)
    .default([...BASE_VIOLATION_KINDS]),
  evidence: evidence.prefault({}),
  milestones: z.array(milestone).default([]),
});

/** A checked agreement. */
export type Agreement = z.output<typeof AgreementSchema>;
export type SiteCategory = Agreement['protectedSites']['categories'][number];
export type DesignatedGroup = Agreement['groups'][number];
