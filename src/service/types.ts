/**
 * The boundary between the edges (HTTP, WebSocket, CLI) and the pipeline
 *
 *     authorize -> decide (rules) -> sign -> append (ledger, store) -> project -> publish
 *
 * The edges parse and authenticate; everything about who may see or do what to a record is
 * decided behind this interface, so that no edge can widen what a viewer sees. Every read takes
 * the viewer; records the viewer may not see are answered exactly as records that do not exist.
 */
import type { EpochMs, PartyId, RecordId, ReleaseLevel } from '../core/index.ts';
import type { EventView } from '../rules/visibility.ts';
import type { ViolationFigures } from '../rules/figures.ts';
import type { Principal } from '../store/people.ts';

export type { PeopleDirectory, Person, Principal, Signer } from '../store/people.ts';

/** The resources of the API, as named in its paths. */
export const COLLECTIONS = [
  'designated-areas',
  'protected-sites',
  'nominations',
  'notices',
  'imminent-actions',
  'flights',
  'tracks',
  'alerts',
  'violations',
  'movements',
] as const;
export type Collection = (typeof COLLECTIONS)[number];

/** A view as of a past moment (replay): a time, or a ledger size (the first `index` entries). */
export type AsOf = { readonly time: EpochMs } | { readonly index: number };

/**
 * A command, as parsed at the edge: `type` names the rules' command (`NominateTarget`,
 * `DecideNomination`...); the other fields are its parsed, typed body. Commands about an existing
 * record carry its id in a named field (`nomination`, `site`...).
 */
export interface Command {
  readonly type: string;
  readonly [field: string]: unknown;
}

export interface Executed {
  /** Ledger index of the last entry the command appended. */
  readonly index: number;
  /** The events appended, as the acting person sees them. */
  readonly events: readonly EventView[];
}

/** A record as its viewer may see it; `sealed` records of other parties never appear here. */
export interface RecordView {
  readonly id: RecordId;
  readonly owner: PartyId;
  readonly release: ReleaseLevel;
  readonly [field: string]: unknown;
}

/** One message of the live feed; `index` lets a client resume with nothing missed. */
export type FeedMessage =
  | { readonly kind: 'event'; readonly index: number; readonly event: EventView }
  | { readonly kind: 'checkpoint'; readonly index: number; readonly checkpoint: Checkpoint }
  /** The live air picture (every aircraft's latest position), sent about once a second. */
  | { readonly kind: 'tracks'; readonly index: number; readonly tracks: readonly RecordView[] };

/** A signed tree head (RFC 9162 §4.10) with the parties' cosignatures. */
export interface Checkpoint {
  readonly size: number;
  /** SHA-256 root hash, base64. */
  readonly rootHash: string;
  readonly timestamp: EpochMs;
  /** The checkpoint in signed-note form, with every signature line. */
  readonly note: string;
  readonly [field: string]: unknown;
}

/**
 * One ledger entry as a viewer may see it: its own party's `office` and `sealed` events in clear,
 * other parties' as their salted commitment only. Joint events are in clear for everyone.
 */
export interface LedgerEntryView {
  readonly index: number;
  /** SHA-256 leaf hash (RFC 9162 §2.1.1), base64. */
  readonly leafHash: string;
  readonly entry: unknown;
  readonly [field: string]: unknown;
}

export interface InclusionProof {
  readonly index: number;
  readonly size: number;
  readonly leafHash: string;
  /** Audit path, base64 hashes from the leaf up. */
  readonly path: readonly string[];
}

export interface ConsistencyProof {
  readonly size1: number;
  readonly size2: number;
  readonly path: readonly string[];
}

/** What a cosignature submission added. */
export interface CosignatureReceipt {
  readonly size: number;
  /** Key names of the witnesses whose cosignature was verified and kept. */
  readonly added: readonly string[];
}

export interface LedgerViews {
  checkpoint(): Promise<Checkpoint>;
  /** The log's verifier key, then every party's witness (cosigner) verifier key. */
  keys(): Promise<{ readonly keys: readonly string[] }>;
  /**
   * Takes a checkpoint note cosigned by parties' witnesses; keeps each cosignature that verifies
   * against a configured witness key. INVALID_SIGNATURE when none does.
   */
  addCosignatures(note: string): Promise<CosignatureReceipt>;
  /** Entries with index in [from, to). */
  entries(viewer: Principal, from: number, to: number): Promise<readonly LedgerEntryView[]>;
  inclusionProof(index: number, size: number): Promise<InclusionProof>;
  consistencyProof(size1: number, size2: number): Promise<ConsistencyProof>;
}

export type Unsubscribe = () => void;

export interface JigService {
  /**
   * Authorizes, decides, signs, appends, projects and publishes one command. Throws `JigError` on
   * refusal: NOT_FOUND when the command names a record the principal may not see (never
   * NOT_AUTHORIZED, which would tell that it exists), NOT_AUTHORIZED when the role may not act.
   */
  execute(principal: Principal, command: Command): Promise<Executed>;
  /**
   * `execute` for a command the principal signed on their own device (`SignedCommand` in
   * src/ledger): the envelope as received, verified against the key registered for them. Throws
   * NOT_AUTHORIZED (bad signature, key, person or time), CONFLICT (a replayed nonce) or
   * NOT_ALLOWED_BY_POLICY (the server holds the person's key: send the command unsigned).
   */
  executeSigned(principal: Principal, envelope: unknown): Promise<Executed>;
  list(viewer: Principal, collection: Collection, asOf?: AsOf): Promise<readonly RecordView[]>;
  get(viewer: Principal, collection: Collection, id: string, asOf?: AsOf): Promise<RecordView | undefined>;
  /**
   * Calls `onMessage` for every message the viewer may see with index >= `fromIndex`, first those
   * already in the ledger, then live ones, in order and with none missed, until unsubscribed.
   */
  subscribe(viewer: Principal, fromIndex: number, onMessage: (m: FeedMessage) => void): Promise<Unsubscribe>;
  readonly ledger: LedgerViews;
  /** Violation figures by week, governorate, area, kind, alleged perpetrator and status. */
  figures(viewer: Principal, asOf?: AsOf): Promise<ViolationFigures>;
}
