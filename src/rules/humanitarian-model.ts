/**
 * Humanitarian access: the commands, events and state of the slice. Liaisons notify static sites
 * and movements; every other party acknowledges each version of a notice with a receipt; while
 * active, notices protect like protected sites (`activeProtections` in `humanitarian.ts`).
 */
import type { EpochMs, PartyId, PersonId, RecordId } from '../core/index.ts';
import type { Attribution, DomainEvent } from './model.ts';
import type { EvidenceLimits, EvidenceRef } from './evidence.ts';
import type { Geometry } from './humanitarian-geometry.ts';
import type { Perpetrator, TimeWindow } from './violations-model.ts';

/**
 * What the humanitarian rules need from the agreement, as a small interface of their own so that
 * they do not depend on the whole agreement file.
 */
export interface HumanitarianPolicy {
  readonly parties: readonly PartyId[];
  /** Minimum notice before a site becomes active or a movement's window opens. */
  readonly leadTimeMs: { readonly site: number; readonly convoy: number; readonly evacuation: number };
  /** How long every other party has to acknowledge a notice (each version) before escalation. */
  readonly receiptDeadlineMs: number;
  /** Buffer around a site of each category, unless the notice gives its own. */
  readonly siteBuffersM: Readonly<Record<SiteCategory, number>>;
  /** Limits on evidence files of outcomes; unchecked when absent. */
  readonly evidence?: EvidenceLimits;
}

export const SITE_CATEGORIES = ['hospital', 'clinic', 'school', 'warehouse', 'shelter', 'camp'] as const;
export type SiteCategory = (typeof SITE_CATEGORIES)[number];
export const MOVEMENT_KINDS = ['convoy', 'evacuation'] as const;
export type MovementKind = (typeof MOVEMENT_KINDS)[number];

/** A window whose end may be open (`to: null`), as a site's period of activity. */
export interface ActivePeriod {
  readonly from: EpochMs;
  readonly to: EpochMs | null;
}

export interface SiteDetails {
  readonly name: string;
  readonly category: SiteCategory;
  readonly geometry: Extract<Geometry, { type: 'Point' | 'Polygon' }>;
  /** Metres around the geometry; the policy's buffer for the category when absent. */
  readonly bufferM?: number;
  readonly active: ActivePeriod;
}

export interface MovementDetails {
  readonly kind: MovementKind;
  readonly name: string;
  readonly route: Extract<Geometry, { type: 'LineString' }>;
  /** Full width of the corridor along the route, in metres. */
  readonly corridorWidthM: number;
  readonly window: TimeWindow;
  readonly vehicles: readonly { readonly kind: string; readonly count: number }[];
  readonly destination: {
    readonly name: string;
    readonly besieged: boolean;
    readonly geometry: Extract<Geometry, { type: 'Point' | 'Polygon' }> | null;
  };
}

export type NoticeDetails =
  | { readonly subject: 'site'; readonly site: SiteDetails }
  | { readonly subject: 'movement'; readonly movement: MovementDetails };

export type OutcomeKind = 'delivered' | 'delayed' | 'denied';

// ---- commands -------------------------------------------------------------------------------

export interface NotifySite {
  readonly type: 'NotifySite';
  readonly site: SiteDetails;
}
export interface NotifyMovement {
  readonly type: 'NotifyMovement';
  readonly movement: MovementDetails;
}
/** Replaces the details of a notice; receipts are owed again for the new version. */
export interface AmendNotice {
  readonly type: 'AmendNotice';
  readonly notice: RecordId;
  readonly details: NoticeDetails;
}
export interface AcknowledgeNotice {
  readonly type: 'AcknowledgeNotice';
  readonly notice: RecordId;
  /** The version acknowledged: a receipt says which coordinates the party was shown. */
  readonly version: number;
}
export interface CancelNotice {
  readonly type: 'CancelNotice';
  readonly notice: RecordId;
  readonly reason: string;
}
export interface RecordOutcome {
  readonly type: 'RecordOutcome';
  readonly notice: RecordId;
  readonly outcome: OutcomeKind;
  /** When it happened. */
  readonly at: EpochMs;
  /** Where it happened; required for a denial. */
  readonly where: Extract<Geometry, { type: 'Point' }> | null;
  /** Who denied access; required for a denial. */
  readonly deniedBy: Perpetrator | null;
  readonly narrative: string;
  readonly evidence: readonly EvidenceRef[];
}

export type HumanitarianCommand =
  NotifySite | NotifyMovement | AmendNotice | AcknowledgeNotice | CancelNotice | RecordOutcome;

// ---- events ---------------------------------------------------------------------------------

/** How much notice was given: `late` when less than the policy's lead time. */
export interface NoticeTiming {
  readonly leadTimeMs: number;
  /** From notification to the start of the activity (negative when already started). */
  readonly givenMs: number;
  readonly late: boolean;
}

export type NoticeGiven = DomainEvent<
  'NoticeGiven',
  { readonly version: 1; readonly details: NoticeDetails; readonly timing: NoticeTiming }
>;
export type NoticeAmended = DomainEvent<
  'NoticeAmended',
  { readonly version: number; readonly details: NoticeDetails; readonly timing: NoticeTiming }
>;
/** A receipt; its own record, owned by the acknowledging party. */
export type NoticeAcknowledged = DomainEvent<
  'NoticeAcknowledged',
  { readonly notice: RecordId; readonly version: number }
>;
export type NoticeCancelled = DomainEvent<'NoticeCancelled', { readonly reason: string }>;
export type ReceiptsEscalated = DomainEvent<
  'ReceiptsEscalated',
  {
    readonly notice: RecordId;
    readonly version: number;
    readonly dueAt: EpochMs;
    readonly missing: readonly PartyId[];
  }
>;
export type OutcomeRecorded = DomainEvent<
  'OutcomeRecorded',
  {
    readonly notice: RecordId;
    readonly outcome: OutcomeKind;
    readonly happenedAt: EpochMs;
    readonly where: Extract<Geometry, { type: 'Point' }> | null;
    readonly deniedBy: Perpetrator | null;
    readonly narrative: string;
    readonly evidence: readonly EvidenceRef[];
  }
>;

export type HumanitarianEvent =
  NoticeGiven | NoticeAmended | NoticeAcknowledged | NoticeCancelled | ReceiptsEscalated | OutcomeRecorded;

// ---- state ----------------------------------------------------------------------------------

export interface NoticeVersion {
  readonly version: number;
  readonly at: EpochMs;
  readonly by: Attribution;
  readonly details: NoticeDetails;
  readonly timing: NoticeTiming;
}

export interface Receipt {
  readonly record: RecordId;
  readonly party: PartyId;
  readonly person: PersonId;
  readonly version: number;
  readonly at: EpochMs;
}

export interface Outcome {
  readonly record: RecordId;
  readonly outcome: OutcomeKind;
  readonly happenedAt: EpochMs;
  readonly recordedAt: EpochMs;
  readonly by: Attribution;
  readonly where: Extract<Geometry, { type: 'Point' }> | null;
  readonly deniedBy: Perpetrator | null;
  readonly narrative: string;
  readonly evidence: readonly EvidenceRef[];
}

export interface Notice {
  readonly id: RecordId;
  readonly owner: PartyId;
  /** Every version, oldest first; the last one is in force. */
  readonly versions: readonly NoticeVersion[];
  readonly receipts: readonly Receipt[];
  readonly escalations: readonly {
    readonly version: number;
    readonly at: EpochMs;
    readonly missing: readonly PartyId[];
  }[];
  readonly cancelled: { readonly at: EpochMs; readonly reason: string } | null;
  readonly outcomes: readonly Outcome[];
}

export interface HumanitarianState {
  readonly notices: ReadonlyMap<RecordId, Notice>;
}
