/**
 * The humanitarian and violation rules' view of the agreement file. The rules take small policy
 * interfaces of their own (`HumanitarianPolicy`, `ViolationPolicy`); these functions read them
 * from a checked agreement, typed by the few fields they need so that any agreement shape with
 * those fields fits.
 */
import type { PartyId } from '../core/index.ts';
import type { EvidenceLimits } from './evidence.ts';
import { SITE_CATEGORIES, type HumanitarianPolicy, type SiteCategory } from './humanitarian-model.ts';
import type { ViolationPolicy } from './violations-model.ts';

export interface AgreementFields {
  readonly parties: readonly { readonly id: PartyId }[];
  readonly humanitarian: { readonly leadTimesHours: Readonly<Record<string, number>> };
  readonly receipts: { readonly deadlineMinutes: number };
  readonly protectedSites: {
    readonly categories: readonly { readonly id: string; readonly defaultBufferM: number }[];
  };
  readonly violationKinds: readonly string[];
  readonly evidence: EvidenceLimits;
}

const HOUR_MS = 3_600_000;
/** Buffer of a humanitarian site whose category the agreement does not list. */
export const FALLBACK_SITE_BUFFER_M = 500;

/**
 * Lead times are read by movement kind; a site's lead time is the agreement's `aid_site`, and an
 * evacuation's falls back to `medevac` when the agreement names no `evacuation`. A kind the
 * agreement does not mention needs no lead time.
 */
export function humanitarianPolicyOf(a: AgreementFields): HumanitarianPolicy {
  const hours = a.humanitarian.leadTimesHours;
  const buffers = Object.fromEntries(
    SITE_CATEGORIES.map((c) => [
      c,
      a.protectedSites.categories.find((x) => x.id === c)?.defaultBufferM ?? FALLBACK_SITE_BUFFER_M,
    ]),
  ) as Record<SiteCategory, number>;
  return {
    parties: a.parties.map((p) => p.id),
    leadTimeMs: {
      site: (hours['aid_site'] ?? 0) * HOUR_MS,
      convoy: (hours['convoy'] ?? 0) * HOUR_MS,
      evacuation: (hours['evacuation'] ?? hours['medevac'] ?? 0) * HOUR_MS,
    },
    receiptDeadlineMs: a.receipts.deadlineMinutes * 60_000,
    siteBuffersM: buffers,
    evidence: a.evidence,
  };
}

/** Kinds are closed by the agreement; alleged actors are not (any armed actor may be named). */
export function violationPolicyOf(a: AgreementFields): ViolationPolicy {
  return { parties: a.parties.map((p) => p.id), violationKinds: a.violationKinds, evidence: a.evidence };
}
