/**
 * Events of the operations slice: plain JSON data (no Maps, Dates or undefined), so that they can
 * be canonically encoded, signed and replayed from the ledger.
 */
import type { EpochMs, ErrorCode, PartyId, RecordId, ReleaseLevel } from '../../core/index.ts';
import type { Geometry, PointGeometry, PolygonGeometry } from '../geometry.ts';
import type { DomainEvent, Protection } from '../model.ts';

export interface TimeWindow {
  readonly from: EpochMs;
  readonly to: EpochMs;
}
export type { PointGeometry, PolygonGeometry };

/**
 * Why a place blocks: in full when the protection is joint, otherwise only what a sealed record
 * may disclose (owner party, category class, distance band), never its id or location.
 */
export type Conflict =
  | {
      readonly disclosure: 'full';
      readonly code: ErrorCode;
      readonly kind: Protection['kind'];
      readonly protection: RecordId;
      readonly owner: PartyId;
      readonly category: string;
      /** Rounded to the metre; the true distance lies within `distanceM ± marginM`. */
      readonly distanceM: number;
      /** 0 when the distance is the exact geodesic; otherwise the engine's stated margin, rounded up. */
      readonly marginM: number;
      readonly bufferM: number;
    }
  | {
      readonly disclosure: 'sealed';
      readonly code: ErrorCode;
      readonly kind: Protection['kind'];
      readonly owner: PartyId;
      readonly categoryClass: string;
      /** Upper bound of the distance band (margin included), metres; `null` beyond the widest band. */
      readonly withinM: number | null;
    };

type E<T extends string, D> = DomainEvent<T, D>;

export type ProtectedSiteRegistered = E<
  'ProtectedSiteRegistered',
  {
    readonly name: string | null;
    readonly category: string;
    readonly geometry: Geometry;
    readonly bufferM: number;
  }
>;
export type ProtectedSiteWithdrawn = E<'ProtectedSiteWithdrawn', { readonly reason: string | null }>;
export type ProtectedSiteDisputed = E<
  'ProtectedSiteDisputed',
  { readonly site: RecordId; readonly siteOwner: PartyId; readonly reason: string }
>;
export type DisputeAnswered = E<
  'DisputeAnswered',
  { readonly site: RecordId; readonly outcome: 'maintained' | 'withdrawn'; readonly reason: string }
>;
export type TargetNominated = E<
  'TargetNominated',
  {
    readonly group: string;
    readonly location: PointGeometry;
    readonly justification: string;
    readonly window: TimeWindow;
    readonly executors: readonly PartyId[];
    readonly conflicts: readonly Conflict[];
  }
>;
export type NominationRechecked = E<'NominationRechecked', { readonly conflicts: readonly Conflict[] }>;
export type NominationDecided = E<
  'NominationDecided',
  { readonly party: PartyId; readonly concur: boolean; readonly reason: string | null }
>;
export type NominationVetted = E<'NominationVetted', { readonly executors: readonly PartyId[] }>;
export type NominationInvalidated = E<
  'NominationInvalidated',
  { readonly conflicts: readonly Conflict[]; readonly notify: readonly PartyId[] }
>;
export type NominationWithdrawn = E<'NominationWithdrawn', { readonly reason: string }>;
export type IntegratedOperationsAuthorized = E<'IntegratedOperationsAuthorized', { readonly party: PartyId }>;
export type ExecutionReported = E<
  'ExecutionReported',
  {
    readonly nomination: RecordId;
    readonly executedAt: EpochMs;
    readonly location: PointGeometry;
    readonly outcome: 'completed' | 'partial' | 'aborted';
    readonly remarks: string | null;
    readonly distanceM: number;
  }
>;
export type ExecutionDeviationFlagged = E<
  'ExecutionDeviationFlagged',
  {
    readonly nomination: RecordId;
    readonly deviations: readonly ('location' | 'window')[];
    readonly distanceM: number;
    readonly toleranceM: number;
    readonly notify: readonly PartyId[];
  }
>;
export type ImminentThreatActionRecorded = E<
  'ImminentThreatActionRecorded',
  {
    readonly group: string;
    readonly actionAt: EpochMs;
    readonly location: PointGeometry;
    readonly threat: string;
    readonly deadline: EpochMs;
    readonly filing: 'on_time' | 'late';
    readonly allegation: RecordId | null;
  }
>;
export type UnilateralActionAlleged = E<
  'UnilateralActionAlleged',
  {
    readonly against: PartyId;
    readonly actionAt: EpochMs;
    readonly location: PointGeometry;
    readonly description: string;
    readonly deadline: EpochMs;
  }
>;
export type NoticeSent = E<
  'NoticeSent',
  {
    readonly group: string;
    readonly area: PolygonGeometry;
    readonly window: TimeWindow;
    readonly remarks: string | null;
  }
>;
export type DeconflictionAlerted = E<
  'DeconflictionAlerted',
  {
    readonly notice: RecordId;
    readonly parties: readonly PartyId[];
    readonly against:
      | { readonly kind: 'notice'; readonly notice: RecordId; readonly party: PartyId }
      | { readonly kind: 'protection'; readonly conflict: Conflict };
  }
>;
export type ReceiptAcknowledged = E<'ReceiptAcknowledged', { readonly party: PartyId }>;

export type OperationsEvent =
  | ProtectedSiteRegistered
  | ProtectedSiteWithdrawn
  | ProtectedSiteDisputed
  | DisputeAnswered
  | TargetNominated
  | NominationRechecked
  | NominationDecided
  | NominationVetted
  | NominationInvalidated
  | NominationWithdrawn
  | IntegratedOperationsAuthorized
  | ExecutionReported
  | ExecutionDeviationFlagged
  | ImminentThreatActionRecorded
  | UnilateralActionAlleged
  | NoticeSent
  | DeconflictionAlerted
  | ReceiptAcknowledged;

/** Records that cross to the other parties and must be acknowledged by each of them. */
export const NOTIFYING_EVENTS: ReadonlySet<string> = new Set([
  'ProtectedSiteRegistered',
  'TargetNominated',
  'NoticeSent',
  'FlightFiled',
  'DesignatedAreaRegistered',
]);

export type { ReleaseLevel };
