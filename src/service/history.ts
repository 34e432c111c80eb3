/**
 * The service's memory of the ledger: every event with its ledger index, rebuilt at open by reading
 * every entry. Joint events are in clear in their entry; `office` and `sealed` events are a salted
 * commitment there, opened with the owner's reveal (the store keeps every party's reveals, each
 * readable only as its owner). The history is what feeds replay from an index and views as of a
 * past moment.
 */
import { JigError, type PartyId, type RecordId, type ReleaseLevel } from '../core/index.ts';
import { decodeEntry, fromHex, verifyReveal } from '../ledger/index.ts';
import type { RulesEvent } from '../rules/index.ts';
import type { LedgerStore, Reveal } from '../store/types.ts';

export interface Logged {
  readonly index: number;
  readonly event: RulesEvent;
}

/** The type of a ledger event that holds a commitment instead of an office or sealed event. */
export const COMMITMENT_TYPE = 'Commitment';

/** What the joint ledger holds for an office or sealed event. */
export interface CommitmentEvent {
  readonly type: typeof COMMITMENT_TYPE;
  readonly record: RecordId;
  readonly owner: PartyId;
  readonly release: ReleaseLevel;
  readonly at: number;
  /** SHA-256 commitment (`commit(event, salt)` in src/ledger), lowercase hex. */
  readonly commitment: string;
}

export function isCommitment(event: { readonly type: string }): event is CommitmentEvent {
  return event.type === COMMITMENT_TYPE;
}

const PAGE = 5000;

/** Reads the whole ledger back into events, opening every commitment with its owner's reveal. */
export async function readHistory(store: LedgerStore, parties: readonly PartyId[]): Promise<Logged[]> {
  const reveals = new Map<string, Reveal>();
  for (const party of parties) for (const r of await store.reveals(party)) reveals.set(r.commitment, r);
  const size = await store.size();
  const out: Logged[] = [];
  for (let from = 0; from < size; from += PAGE)
    for (const { seq, bytes } of await store.entries(from, Math.min(size, from + PAGE))) {
      const event = entryEvent(seq, bytes);
      out.push({
        index: seq,
        event: isCommitment(event) ? opened(event, seq, reveals.get(event.commitment)) : event,
      });
    }
  return out;
}

/**
 * Reads the entries from `from` to `to` (by default the ledger's current end): those another server
 * instance appended. Opens each commitment with its owner's reveal. The reveals are written in the same
 * transaction as their entries, so they are there when the entries are.
 */
export async function readHistoryFrom(store: LedgerStore, from: number, to?: number): Promise<Logged[]> {
  const size = to ?? (await store.size());
  const out: Logged[] = [];
  for (let at = from; at < size; at += PAGE)
    for (const { seq, bytes } of await store.entries(at, Math.min(size, at + PAGE))) {
      const event = entryEvent(seq, bytes);
      out.push({
        index: seq,
        event: isCommitment(event)
          ? opened(event, seq, await store.reveal(event.commitment, event.owner))
          : event,
      });
    }
  return out;
}

/** The event of an entry: a rules event in clear, or the commitment standing for one. */
function entryEvent(seq: number, bytes: Uint8Array): RulesEvent | CommitmentEvent {
  const decoded = decodeEntry(bytes);
  if (!decoded.ok) throw inconsistent(seq, decoded.error[0]?.reason ?? 'undecodable');
  return decoded.value.event as unknown as RulesEvent | CommitmentEvent;
}

function opened(event: CommitmentEvent, seq: number, reveal: Reveal | undefined): RulesEvent {
  const commitment = fromHex(event.commitment);
  if (reveal === undefined || commitment === undefined)
    throw inconsistent(seq, `no reveal of party ${event.owner} opens its commitment`);
  if (!verifyReveal(commitment, { value: reveal.value, salt: reveal.salt }))
    throw inconsistent(seq, 'its reveal does not open the commitment');
  return reveal.value as RulesEvent;
}

const inconsistent = (seq: number, reason: string) =>
  new JigError('LEDGER_INCONSISTENT', `entry ${seq} cannot be replayed: ${reason}`);

/** Who owns a record and at which release, from the first event that named it. */
export interface RecordEntry {
  readonly owner: PartyId;
  readonly release: ReleaseLevel;
  readonly first: RulesEvent;
}

export type RecordIndex = Map<RecordId, RecordEntry>;

/** Adds the records the events create; returns the ids that were new. */
export function indexRecords(index: RecordIndex, events: readonly RulesEvent[]): RecordId[] {
  const added: RecordId[] = [];
  for (const e of events)
    if (!index.has(e.record)) {
      index.set(e.record, { owner: e.owner, release: e.release, first: e });
      added.push(e.record);
    }
  return added;
}
