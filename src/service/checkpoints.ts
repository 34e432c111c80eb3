/**
 * Signed checkpoints of the ledger: after appends (at most one a second) and at once on demand,
 * the log key signs the tree head and the store keeps it; listeners (the parties' witnesses) are
 * offered each new one with the consistency proof from the previous one, and their cosignatures
 * come back through `addCosignatures`, verified against the parties' witness keys.
 */
import type { KeyObject } from 'node:crypto';
import { JigError } from '../core/index.ts';
import {
  formatVerifierKey,
  parseCheckpoint,
  parseNote,
  parseVerifierKey,
  signCheckpoint,
  verifyNote,
  SIG_ED25519,
  rawPublicKey,
  type NoteVerifier,
} from '../ledger/index.ts';
import type { LedgerStore, StoredCheckpoint } from '../store/types.ts';
import type { CosignatureReceipt } from './types.ts';

/** A checkpoint offered to a witness: the signed note and the proof from the previous size. */
export interface CheckpointOffer {
  readonly note: string;
  readonly size: number;
}

export type CheckpointListener = (offer: CheckpointOffer) => Promise<void>;

const DEBOUNCE_MS = 1000;

export class Checkpointer {
  readonly #listeners = new Set<CheckpointListener>();
  readonly #witnesses: readonly NoteVerifier[];
  #chain: Promise<unknown> = Promise.resolve();
  #timer: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(
    private readonly store: LedgerStore,
    private readonly origin: string,
    private readonly logKey: KeyObject,
    witnessKeys: readonly string[],
    private readonly onNew: (cp: StoredCheckpoint) => void,
  ) {
    this.#witnesses = witnessKeys.map((k) => {
      const parsed = parseVerifierKey(k);
      if (!parsed.ok) throw new JigError('INVALID_INPUT', `witness key ${k}: ${parsed.error[0]?.reason}`);
      return parsed.value.verifier;
    });
  }

  static logVerifierKey(origin: string, logKey: KeyObject): string {
    return formatVerifierKey(origin, SIG_ED25519, rawPublicKey(logKey));
  }

  onCheckpoint(listener: CheckpointListener): () => void {
    this.#listeners.add(listener);
    return () => void this.#listeners.delete(listener);
  }

  /** After an append: a checkpoint within a second, one for however many appends come meanwhile. */
  schedule(): void {
    if (this.#timer !== undefined || this.#closed) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.now().catch(() => undefined); // a failed one is retried by the next append or request
    }, DEBOUNCE_MS);
    this.#timer.unref();
  }

  /** The latest checkpoint, signing a new one first when the ledger grew since. */
  now(): Promise<StoredCheckpoint> {
    const run = this.#chain.then(() => this.#signIfGrown());
    this.#chain = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#chain;
  }

  async #signIfGrown(): Promise<StoredCheckpoint> {
    const size = await this.store.size();
    const latest = await this.store.latestCheckpoint();
    if (latest !== undefined && latest.size === size) return latest;
    const rootHash = await this.store.rootHash(size);
    const note = signCheckpoint(
      { origin: this.origin, size, rootHash, extensions: [] },
      this.origin,
      this.logKey,
    );
    await this.store.putCheckpoint({ size, rootHash, note });
    for (const listener of this.#listeners) await listener({ note, size }).catch(() => undefined);
    const stored = (await this.store.latestCheckpoint()) as StoredCheckpoint;
    this.onNew(stored);
    return stored;
  }

  /** Keeps every cosignature of the note that a configured witness key verifies. */
  async addCosignatures(note: string): Promise<CosignatureReceipt> {
    const parsed = parseNote(note);
    const text = parsed.ok ? parseCheckpoint(parsed.value.text) : undefined;
    if (!parsed.ok || !text?.ok)
      throw new JigError('INVALID_INPUT', 'not a checkpoint note', {
        issues: [{ pointer: '/note', reason: 'malformed' }],
      });
    const size = text.value.size;
    const stored = (await this.store.checkpoints()).find((c) => c.size === size);
    if (
      stored === undefined ||
      parseNote(stored.note).ok === false ||
      !sameText(stored.note, parsed.value.text)
    )
      throw new JigError('NOT_FOUND', `no checkpoint of size ${size} with that text`);
    const added: string[] = [];
    for (const w of this.#witnesses) {
      const verified = verifyNote(note, [w]);
      if (!verified.ok) continue;
      for (const line of note.split('\n').filter((l) => l.startsWith(`\u2014 ${w.name} `))) {
        if (!verifyNote(`${parsed.value.text}\n${line}\n`, [w]).ok) continue;
        await this.store.addCosignature(size, line);
        added.push(w.name);
      }
    }
    if (added.length === 0)
      throw new JigError('INVALID_SIGNATURE', 'no cosignature verifies against a party witness key', {
        issues: [{ pointer: '/note', reason: 'no valid cosignature' }],
      });
    return { size, added };
  }
}

function sameText(note: string, text: string): boolean {
  const parsed = parseNote(note);
  return parsed.ok && parsed.value.text === text;
}
