/**
 * Ceasefire violations: the commands, events and state of the slice. Decisions are in
 * `violations.ts`, the derived status and open requests in `violations-status.ts`.
 */
import { personId, type EpochMs, type PartyId, type PersonId, type RecordId } from '../core/index.ts';
import type { DomainEvent } from './model.ts';
import type { EvidenceLimits, EvidenceRef } from './evidence.ts';
import type { Geometry } from './humanitarian-geometry.ts';

/**
 * What the violation rules need from the agreement. Kept as a small interface of their own so
 * that the rules do not depend on the whole agreement file.
 */
export interface ViolationPolicy {
  readonly parties: readonly PartyId[];
  /** Kinds beyond the built-in ones (`BUILT_IN_VIOLATION_KINDS`) that the agreement lists. */
  readonly violationKinds: readonly string[];
  /** Actors (such as `SY-AF`) that may be named as perpetrators; any actor id when absent. */
  readonly actors?: readonly string[];
  /** Limits on evidence files; unchecked when absent. */
  readonly evidence?: EvidenceLimits;
}

export const BUILT_IN_VIOLATION_KINDS = ['air_strike', 'shelling', 'ground_attack'] as const;

/** GeoJSON `[lon, lat]` geometries a reported place may take. */
export type PlaceGeometry = Extract<Geometry, { type: 'Point' | 'Polygon' | 'MultiPolygon' }>;

/** When it happened: an instant is a window with `from === to`. */
export interface TimeWindow {
  readonly from: EpochMs;
  readonly to: EpochMs;
}

export type Perpetrator =
  | { readonly kind: 'party'; readonly party: PartyId }
  | { readonly kind: 'actor'; readonly actor: string }
  | { readonly kind: 'unknown' };

export type Confidence = 'low' | 'medium' | 'high';

export interface Casualties {
  readonly killed: number;
  readonly injured: number;
  readonly confidence: Confidence;
}

export type Assessment = 'confirmed' | 'disputed' | 'needs_information';
export type ViolationStatus = 'reported' | 'under_review' | 'confirmed' | 'disputed' | 'dismissed';

/**
 * Stands in for the person on a joint event whose author is shielded: the party stays visible,
 * the person is only in the sealed reporter record.
 */
export const SHIELDED_PERSON: PersonId = personId('shielded');

// ---- commands -------------------------------------------------------------------------------

export interface ReportViolation {
  readonly type: 'ReportViolation';
  readonly time: TimeWindow;
  readonly place: PlaceGeometry;
  readonly kind: string;
  readonly perpetrator: Perpetrator;
  readonly casualties: Casualties;
  readonly narrative: string;
  readonly evidence: readonly EvidenceRef[];
  /** Keep the reporter's identity in a sealed record of the reporting party. */
  readonly shieldReporter?: boolean;
}

export interface AssessViolation {
  readonly type: 'AssessViolation';
  readonly violation: RecordId;
  readonly assessment: Assessment;
  /** Required when disputed. */
  readonly reason?: string;
}

export interface AddViolationEvidence {
  readonly type: 'AddViolationEvidence';
  readonly violation: RecordId;
  readonly evidence: readonly EvidenceRef[];
}

export interface RequestInformation {
  readonly type: 'RequestInformation';
  readonly violation: RecordId;
  /** Addressee; defaults to the alleged party when the perpetrator is a party. */
  readonly to?: PartyId;
  readonly question: string;
  readonly deadline: EpochMs;
}

export interface AnswerInformationRequest {
  readonly type: 'AnswerInformationRequest';
  readonly request: RecordId;
  readonly answer: string;
  readonly evidence: readonly EvidenceRef[];
}

export interface WithdrawViolationReport {
  readonly type: 'WithdrawViolationReport';
  readonly violation: RecordId;
  readonly reason: string;
}

export interface RevealReporter {
  readonly type: 'RevealReporter';
  readonly sealed: RecordId;
}

export type ViolationCommand =
  | ReportViolation
  | AssessViolation
  | AddViolationEvidence
  | RequestInformation
  | AnswerInformationRequest
  | WithdrawViolationReport
  | RevealReporter;

// ---- events ---------------------------------------------------------------------------------

/** The joint report. It never names the reporter when `shielded` (see `ReporterSealed`). */
export type ViolationReported = DomainEvent<
  'ViolationReported',
  {
    readonly time: TimeWindow;
    readonly place: PlaceGeometry;
    readonly kind: string;
    readonly perpetrator: Perpetrator;
    readonly casualties: Casualties;
    readonly narrative: string;
    readonly evidence: readonly EvidenceRef[];
    readonly shielded: boolean;
  }
>;
/** The sealed record of who reported, owned by the reporting party, linked to the report. */
export type ReporterSealed = DomainEvent<
  'ReporterSealed',
  { readonly violation: RecordId; readonly reporter: PersonId }
>;
export type ReporterRevealed = DomainEvent<
  'ReporterRevealed',
  { readonly violation: RecordId; readonly reporter: PersonId }
>;
export type ViolationAssessed = DomainEvent<
  'ViolationAssessed',
  { readonly assessment: Assessment; readonly reason: string | null }
>;
export type ViolationEvidenceAdded = DomainEvent<
  'ViolationEvidenceAdded',
  { readonly evidence: readonly EvidenceRef[] }
>;
export type InformationRequested = DomainEvent<
  'InformationRequested',
  {
    readonly violation: RecordId;
    readonly to: PartyId;
    readonly question: string;
    readonly deadline: EpochMs;
  }
>;
export type InformationProvided = DomainEvent<
  'InformationProvided',
  { readonly violation: RecordId; readonly answer: string; readonly evidence: readonly EvidenceRef[] }
>;
export type ViolationReportWithdrawn = DomainEvent<'ViolationReportWithdrawn', { readonly reason: string }>;

export type ViolationEvent =
  | ViolationReported
  | ReporterSealed
  | ReporterRevealed
  | ViolationAssessed
  | ViolationEvidenceAdded
  | InformationRequested
  | InformationProvided
  | ViolationReportWithdrawn;

// ---- state ----------------------------------------------------------------------------------

export interface PartyAssessment {
  readonly assessment: Assessment;
  readonly reason: string | null;
  readonly at: EpochMs;
  readonly by: PersonId;
}

export interface ViolationReport {
  readonly id: RecordId;
  readonly reportingParty: PartyId;
  /** The reporter, unless shielded (then only in the sealed record, or once revealed). */
  readonly reporter: PersonId | null;
  readonly shielded: boolean;
  readonly reportedAt: EpochMs;
  readonly time: TimeWindow;
  readonly place: PlaceGeometry;
  readonly kind: string;
  readonly perpetrator: Perpetrator;
  readonly casualties: Casualties;
  readonly narrative: string;
  readonly evidence: readonly EvidenceRef[];
  /** Each party's latest assessment. */
  readonly assessments: ReadonlyMap<PartyId, PartyAssessment>;
  readonly withdrawn: { readonly at: EpochMs; readonly reason: string } | null;
}

export interface InformationRequest {
  readonly id: RecordId;
  readonly violation: RecordId;
  readonly from: PartyId;
  readonly to: PartyId;
  readonly question: string;
  readonly requestedAt: EpochMs;
  readonly deadline: EpochMs;
  readonly answer: { readonly at: EpochMs; readonly text: string; readonly by: PersonId } | null;
}

export interface SealedReporter {
  readonly id: RecordId;
  readonly violation: RecordId;
  readonly owner: PartyId;
  readonly reporter: PersonId;
  readonly revealedAt: EpochMs | null;
}

export interface ViolationsState {
  readonly reports: ReadonlyMap<RecordId, ViolationReport>;
  readonly requests: ReadonlyMap<RecordId, InformationRequest>;
  readonly sealedReporters: ReadonlyMap<RecordId, SealedReporter>;
}
