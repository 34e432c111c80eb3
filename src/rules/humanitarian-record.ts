/**
 * Settling "you gave us the wrong coordinates" from the record. Given the events (as read from
 * the ledger), `noticeRecord` returns every version of a notice (what was notified, when, by
 * whom), who acknowledged which version and when, and the event behind each fact, so that each
 * can be proved by its ledger entry and inclusion proof. `coordinatesAt` answers the usual
 * question: at the moment of an incident, which coordinates were in force, who had acknowledged
 * them, and how far the incident was from them.
 */
import type { EpochMs, PartyId, RecordId } from '../core/index.ts';
import type { Attribution, DomainEvent } from './model.ts';
import { geometryDistance, lonLat, type Geometry as GeoGeometry } from '../geo/index.ts';
import type {
  HumanitarianEvent,
  NoticeAcknowledged,
  NoticeAmended,
  NoticeDetails,
  NoticeGiven,
  NoticeTiming,
} from './humanitarian-model.ts';

export interface Acknowledgement {
  readonly party: PartyId;
  readonly at: EpochMs;
  readonly by: Attribution;
  readonly proof: NoticeAcknowledged;
}

export interface NotifiedVersion {
  readonly version: number;
  readonly notifiedAt: EpochMs;
  readonly by: Attribution;
  readonly details: NoticeDetails;
  readonly timing: NoticeTiming;
  readonly proof: NoticeGiven | NoticeAmended;
  readonly acknowledgements: readonly Acknowledgement[];
  /** Parties other than the owner with no receipt for this version. */
  readonly unacknowledgedBy: readonly PartyId[];
}

export interface NoticeRecord {
  readonly notice: RecordId;
  readonly owner: PartyId;
  readonly versions: readonly NotifiedVersion[];
  /** Every event of the record, in ledger order. */
  readonly events: readonly HumanitarianEvent[];
}

const TYPES = new Set([
  'NoticeGiven',
  'NoticeAmended',
  'NoticeAcknowledged',
  'NoticeCancelled',
  'ReceiptsEscalated',
  'OutcomeRecorded',
]);

function concerns(e: DomainEvent, notice: RecordId): e is HumanitarianEvent {
  if (!TYPES.has(e.type)) return false;
  const data = e.data as { notice?: unknown };
  return e.record === notice || data.notice === notice;
}

/** The record of one notice, or null when the events hold no notice with that id. */
export function noticeRecord(
  events: readonly DomainEvent[],
  notice: RecordId,
  parties: readonly PartyId[],
): NoticeRecord | null {
  const mine = events.filter((e) => concerns(e, notice));
  const given = mine.find((e): e is NoticeGiven => e.type === 'NoticeGiven');
  if (!given) return null;
  const receipts = mine.filter((e): e is NoticeAcknowledged => e.type === 'NoticeAcknowledged');
  const versions = mine
    .filter((e): e is NoticeGiven | NoticeAmended => e.type === 'NoticeGiven' || e.type === 'NoticeAmended')
    .map((e): NotifiedVersion => {
      const acknowledgements = receipts
        .filter((r) => r.data.version === e.data.version)
        .map((r) => ({ party: r.by.party, at: r.at, by: r.by, proof: r }));
      const acked = new Set(acknowledgements.map((a) => a.party));
      return {
        ...{ version: e.data.version, notifiedAt: e.at, by: e.by, details: e.data.details },
        ...{ timing: e.data.timing, proof: e, acknowledgements },
        unacknowledgedBy: parties.filter((p) => p !== given.owner && !acked.has(p)),
      };
    });
  return { notice, owner: given.owner, versions, events: mine };
}

export interface CoordinatesAt {
  /** The version in force at the moment (null when the notice came later). */
  readonly inForce: NotifiedVersion | null;
  /** Parties that had acknowledged the version in force by then. */
  readonly acknowledgedBy: readonly PartyId[];
  /** Distance from the incident to the notified geometry, for every version. */
  readonly distances: readonly {
    readonly version: number;
    readonly distanceM: number;
    readonly withinM: number;
  }[];
}

function protectedGeometry(d: NoticeDetails) {
  return d.subject === 'site'
    ? { geometry: d.site.geometry, withinM: d.site.bufferM ?? 0 }
    : { geometry: d.movement.route, withinM: d.movement.corridorWidthM / 2 };
}

/** What was notified and acknowledged at `at`, and how far `[lon, lat]` was from each version. */
export function coordinatesAt(record: NoticeRecord, at: EpochMs, lon: number, lat: number): CoordinatesAt {
  const inForce = record.versions.filter((v) => v.notifiedAt <= at).at(-1) ?? null;
  const acknowledgedBy = inForce
    ? inForce.acknowledgements.filter((a) => a.at <= at).map((a) => a.party)
    : [];
  const distances = record.versions.map((v) => {
    const { geometry, withinM } = protectedGeometry(v.details);
    // Exact on the WGS 84 ellipsoid: a dispute turns on metres.
    const incident: GeoGeometry = { type: 'Point', coordinates: lonLat(lon, lat) };
    const { distanceM } = geometryDistance(incident, geometry as unknown as GeoGeometry);
    return { version: v.version, distanceM, withinM };
  });
  return { inForce, acknowledgedBy, distances };
}
