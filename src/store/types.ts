/**
 * The storage contract of jig. Every adapter (SQLite today, PostgreSQL for several server instances)
 * implements `LedgerStore` and passes the same contract suite (`test/store/contract.ts`).
 *
 * The contract in one paragraph: `append` signs, hashes and persists a batch of entries atomically
 * with whatever the caller projects from them, and its promise resolves only after the transaction
 * that holds them has committed durably. Concurrent appends are grouped into one transaction (group
 * commit); seq and prev are assigned in arrival order, so the ledger stays one contiguous chain.
 * Nothing updates or deletes an entry. Every method is async and takes plain data, so that no
 * driver type leaks to the callers.
 */
import type { KeyObject } from 'node:crypto';
import type { EpochMs } from '../core/index.ts';
import type { EntryActor, LedgerEvent } from './ledger-port.ts';
import type { PeopleRecords } from './people.ts';

/** One entry to append: who acts, what happened, and the actor's Ed25519 private key to sign with. */
export interface AppendRequest {
  readonly actor: EntryActor;
  readonly event: LedgerEvent;
  readonly privateKey: KeyObject;
}

/** An entry as persisted: its position, its Merkle leaf hash and its encoded bytes (the leaf data). */
export interface StoredEntry {
  readonly seq: number;
  readonly leafHash: Uint8Array;
  readonly bytes: Uint8Array;
}

/**
 * A commitment's opening, kept by its owner only: an `office` or `sealed` record enters the joint
 * ledger as a salted commitment, and the owner may reveal it later.
 */
export interface Reveal {
  /** The commitment as it appears in the entry's event (opaque to the store). */
  readonly commitment: string;
  readonly seq: number;
  readonly ownerParty: string;
  readonly salt: Uint8Array;
  /** The committed value (JSON). */
  readonly value: unknown;
}

/** Who the log is, as an export names it: origin, log verifier key, the parties' cosigner keys. */
export interface LedgerIdentity {
  readonly origin: string;
  readonly logKey: string;
  readonly witnesses: readonly string[];
}

/**
 * What a projection may do inside the append transaction: keep derived state (a document per
 * namespace and key, JSON-serializable) and record reveals. Writes land or vanish with the entries.
 */
export interface ProjectionTx {
  get(namespace: string, key: string): Promise<unknown>;
  put(namespace: string, key: string, value: unknown): Promise<void>;
  delete(namespace: string, key: string): Promise<void>;
  putReveal(reveal: Reveal): Promise<void>;
}

/**
 * Called once per `append` call, inside the shared transaction, after that call's entries are
 * inserted. Throwing rolls back that call's entries and projections only (a savepoint); the other
 * appends of the same group commit are unaffected.
 */
export type ProjectionHook = (tx: ProjectionTx, appended: readonly StoredEntry[]) => void | Promise<void>;

/** A checkpoint (signed tree head) as a C2SP signed note, with the cosignature lines added since. */
export interface StoredCheckpoint {
  readonly size: number;
  readonly rootHash: Uint8Array;
  /** The signed note as issued, signature lines included. */
  readonly note: string;
  /** Cosignature lines (`— name base64`) added by other parties, in the order received. */
  readonly cosignatures: readonly string[];
  readonly createdAt: EpochMs;
}

export interface LedgerStore {
  /** Appends a batch atomically; resolves after its transaction commits, with the stored entries. */
  append(batch: readonly AppendRequest[], project?: ProjectionHook): Promise<readonly StoredEntry[]>;
  /** Number of entries (Merkle leaves). */
  size(): Promise<number>;
  /** RFC 9162 root hash of the first `size` entries (default: all). */
  rootHash(size?: number): Promise<Uint8Array>;
  /** Entries with `from <= seq < to`, in order; `to` is clamped to the size. */
  entries(from: number, to: number): Promise<readonly StoredEntry[]>;
  /** RFC 9162 inclusion proof of leaf `index` in the tree of `size` leaves. */
  inclusionProof(index: number, size: number): Promise<readonly Uint8Array[]>;
  /** RFC 9162 consistency proof between tree sizes `size1 <= size2`. */
  consistencyProof(size1: number, size2: number): Promise<readonly Uint8Array[]>;
  /** Records a checkpoint; its size and root must match the ledger's. */
  putCheckpoint(checkpoint: { size: number; rootHash: Uint8Array; note: string }): Promise<void>;
  /** Adds a cosignature line to the checkpoint of that size (idempotent for the same line). */
  addCosignature(size: number, line: string): Promise<void>;
  latestCheckpoint(): Promise<StoredCheckpoint | undefined>;
  /** Every checkpoint, oldest first (for exports). */
  checkpoints(): Promise<readonly StoredCheckpoint[]>;
  /** The reveal of a commitment, only to its owning party; undefined for anyone else. */
  reveal(commitment: string, party: string): Promise<Reveal | undefined>;
  /** Every reveal owned by `party`, by seq (for that party's own exports). */
  reveals(party: string): Promise<readonly Reveal[]>;
  /** Sets who the log is (once at set-up; replaced when called again). */
  setIdentity(identity: LedgerIdentity): Promise<void>;
  identity(): Promise<LedgerIdentity | undefined>;
  /** A projection document written by a `ProjectionHook`. */
  projection(namespace: string, key: string): Promise<unknown>;
  /** Every document of a namespace, ordered by key. */
  projections(namespace: string): Promise<readonly { key: string; value: unknown }[]>;
  close(): Promise<void>;
}

/**
 * Tells subscribers that the ledger grew, with its new size (the number of entries). It carries
 * only the size: a subscriber reads the entries it has not seen from the store, from the last index
 * it handled, so nothing is lost across a missed notification or a restart. Sizes reported to one
 * listener only grow; several commits may be reported as one (the last size).
 *
 * SQLite reports the appends of this process only. PostgreSQL reports the appends of every server
 * instance on the same database (LISTEN/NOTIFY), and the current size again after its listening
 * connection is re-established.
 */
export interface LedgerNotifier {
  /** Calls `listener` after appends commit; returns the function that unsubscribes it. */
  onAppended(listener: (size: number) => void): () => void;
}

/**
 * The live air pictures of the server instances on one database (positions, not records): each
 * instance puts its own and reads the others'.
 */
export interface SharedPictures {
  put(instance: string, at: EpochMs, tracks: readonly unknown[]): Promise<void>;
  /** Every track of the other instances' pictures written at or after `since`. */
  others(instance: string, since: EpochMs): Promise<readonly unknown[]>;
}

/** What `openStore` gives the server: the ledger, its notifier, and the people directory's records. */
export interface OpenedStore extends LedgerStore, LedgerNotifier {
  readonly kind: 'sqlite' | 'postgres';
  /** Present where several server instances may share the database (PostgreSQL). */
  readonly pictures?: SharedPictures;
  /** Records of the people directory in the same database (`createPeopleDirectory` takes them). */
  readonly people: PeopleRecords;
}
