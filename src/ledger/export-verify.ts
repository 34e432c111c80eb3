/**
 * The offline verifier of a ledger export. It streams: memory stays O(log n) for the tree plus one
 * small record per committed entry. It stops at the first failure and names where it is.
 */
import { bytesEqual, fromBase64, fromHex, toHex } from './bytes.ts';
import { canonicalJson } from './canonical.ts';
import { openCheckpoint, type Checkpoint } from './checkpoint.ts';
import { verifyReveal } from './commitment.ts';
import { openEntry } from './entry.ts';
import { EXPORT_MEDIA_TYPE } from './export-format.ts';
import { leafHash, verifyConsistency } from './merkle.ts';
import { verifyNote, type NoteVerifier } from './note.ts';
import { MemoryNodes, MerkleTree } from './tree.ts';
import { parseVerifierKey } from './vkey.ts';
import { SIGNED_COMMAND_WINDOW_MS, verifySignedCommand } from './signed-command.ts';
import { parseRfc3339 } from '../core/index.ts';

/**
 * How far an entry's time may be from the `at` of the signed command it carries: the server's
 * window, plus a minute for the clocks of several server instances and the time to append.
 */
const SIGNED_COMMAND_SLACK_MS = SIGNED_COMMAND_WINDOW_MS + 60_000;

export interface ExportFailure {
  /** 1-based line number of the export. */
  readonly line: number;
  /** What failed, e.g. `entry 17`, `checkpoint of size 64`, `reveal of entry 5`, `header`. */
  readonly where: string;
  readonly reason: string;
  readonly seq?: number;
  readonly size?: number;
}

export interface ExportReport {
  readonly origin: string;
  readonly entries: number;
  readonly checkpoints: number;
  /** Size of the latest checkpoint that every party cosigned (0 when none). */
  readonly cosignedSize: number;
  /** Size of the latest checkpoint; entries beyond it are signed and chained but not yet checkpointed. */
  readonly checkpointedSize: number;
  readonly reveals: number;
  /** Client-signed commands checked (in entries, and in reveals), each counted once per entry. */
  readonly signedCommands: number;
}

export interface ExportVerifyOptions {
  /** Require every checkpoint to carry every party's cosignature (default true). */
  readonly requireCosigned?: boolean;
  /** Keep every tree node (for a witness that needs proofs afterwards); memory O(n). */
  readonly keepNodes?: boolean;
}

class Failed extends Error {}

interface Header {
  readonly origin: string;
  readonly log: NoteVerifier;
  readonly witnesses: readonly NoteVerifier[];
}

export class ExportVerifier {
  readonly #options: ExportVerifyOptions;
  #line = 0;
  #failure: ExportFailure | undefined;
  #header: Header | undefined;
  readonly #tree = new MerkleTree();
  readonly nodes: MemoryNodes | undefined;
  #prevHash = '';
  #last: Checkpoint | undefined;
  #lastNote = '';
  #checkpoints = 0;
  #cosignedSize = 0;
  #reveals = 0;
  #signedCommands = 0;
  /** Commitments by seq, with their entry's time (RFC 3339). */
  readonly #commitments = new Map<number, { readonly commitment: Uint8Array; readonly time: string }>();
  /** `person/nonce` of each signed command seen -> the time of the entries that carried it. */
  readonly #nonces = new Map<string, string>();

  constructor(options: ExportVerifyOptions = {}) {
    this.#options = options;
    this.nodes = options.keepNodes === true ? new MemoryNodes() : undefined;
  }

  get entries(): number {
    return this.#tree.size;
  }

  /** The latest checkpoint note seen (with its signatures), or "" before the first. */
  get lastCheckpointNote(): string {
    return this.#lastNote;
  }

  /** Checks one line (without its newline); returns the first failure, then keeps returning it. */
  push(text: string): ExportFailure | undefined {
    if (this.#failure) return this.#failure;
    this.#line++;
    try {
      this.#check(text);
    } catch (e) {
      if (!(e instanceof Failed)) throw e;
    }
    return this.#failure;
  }

  /** The verdict once every line is in. */
  finish(): { ok: true; report: ExportReport } | { ok: false; failure: ExportFailure } {
    if (!this.#failure && !this.#header)
      this.#failure = { line: 0, where: 'header', reason: 'the export is empty' };
    if (this.#failure) return { ok: false, failure: this.#failure };
    return {
      ok: true,
      report: {
        origin: this.#header?.origin ?? '',
        entries: this.#tree.size,
        checkpoints: this.#checkpoints,
        cosignedSize: this.#cosignedSize,
        checkpointedSize: this.#last?.size ?? 0,
        reveals: this.#reveals,
        signedCommands: this.#signedCommands,
      },
    };
  }

  /** Records a failure found outside the lines themselves (framing, encoding). */
  fail(where: string, reason: string): ExportFailure {
    this.#failure ??= { line: this.#line + 1, where, reason };
    return this.#failure;
  }

  #fail(where: string, reason: string, at: { seq?: number; size?: number } = {}): never {
    this.#failure = { line: this.#line, where, reason, ...at };
    throw new Failed(reason);
  }

  #check(text: string): void {
    const b64 = this.#header ? entryLine(text) : undefined;
    if (b64 !== undefined) return this.#entry(b64);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      this.#fail(this.#line === 1 ? 'header' : `line ${this.#line}`, 'not JSON');
    }
    let canonical = false;
    try {
      canonical = canonicalJson(value) === text;
    } catch {
      // no canonical form: reported below
    }
    if (!canonical) this.#fail(this.#line === 1 ? 'header' : `line ${this.#line}`, 'not canonical JSON');
    if (!this.#header) return this.#readHeader(value);
    const obj = isObject(value) ? value : {};
    const keys = Object.keys(obj).sort().join(',');
    if (keys === 'entry' && typeof obj.entry === 'string') return this.#entry(obj.entry);
    if ((keys === 'checkpoint' || keys === 'checkpoint,consistency') && typeof obj.checkpoint === 'string')
      return this.#checkpoint(obj.checkpoint, obj.consistency);
    if (keys === 'reveal') return this.#reveal(obj.reveal);
    this.#fail(`line ${this.#line}`, 'not an entry, checkpoint or reveal line');
  }

  #readHeader(value: unknown): void {
    const h = isObject(value) ? value : {};
    const where = 'header';
    if (Object.keys(h).sort().join(',') !== 'logKey,mediaType,origin,witnesses')
      this.#fail(where, 'expected exactly logKey, mediaType, origin and witnesses');
    if (h.mediaType !== EXPORT_MEDIA_TYPE) this.#fail(where, `the media type is not ${EXPORT_MEDIA_TYPE}`);
    if (typeof h.origin !== 'string' || h.origin === '') this.#fail(where, 'no origin');
    const log = parseVerifierKey(h.logKey as string);
    if (!log.ok) this.#fail(where, `log key: ${log.error[0]?.reason}`);
    if (log.value.verifier.name !== h.origin) this.#fail(where, 'the log key is not named after the origin');
    if (!Array.isArray(h.witnesses)) this.#fail(where, 'witnesses is not a list');
    const witnesses = h.witnesses.map((w: unknown, i) => {
      const k = parseVerifierKey(w as string);
      if (!k.ok) this.#fail(where, `witness ${i}: ${k.error[0]?.reason}`);
      return k.value.verifier;
    });
    this.#header = { origin: h.origin, log: log.value.verifier, witnesses };
  }

  #entry(b64: string): void {
    const seq = this.#tree.size;
    const where = `entry ${seq}`;
    const bytes = fromBase64(b64);
    if (bytes === undefined) this.#fail(where, 'entry bytes are not canonical base64', { seq });
    const opened = openEntry(bytes);
    if (!opened.ok) {
      const issue = opened.error[0];
      this.#fail(where, `malformed entry: ${issue?.pointer || '/'} ${issue?.reason}`, { seq });
    }
    const { entry, signatureValid } = opened.value;
    if (entry.seq !== seq) this.#fail(where, `carries seq ${entry.seq}`, { seq });
    if (entry.prev !== this.#prevHash)
      this.#fail(where, 'prev is not the hash of the previous entry', { seq });
    if (!signatureValid) this.#fail(where, `bad signature by ${entry.actor.id}`, { seq });
    const leaf = leafHash(bytes);
    const added = this.#tree.append(leaf);
    this.nodes?.put(added);
    this.#prevHash = toHex(leaf);
    const commitment = entry.event.commitment;
    const c = typeof commitment === 'string' ? fromHex(commitment) : undefined;
    if (c !== undefined && c.length === 32) this.#commitments.set(seq, { commitment: c, time: entry.time });
    if ('signedCommand' in entry.event) {
      const person = this.#signedCommand(entry.event.signedCommand, entry.time, where, seq);
      if (person !== entry.actor.id)
        this.#fail(where, `attributed to ${entry.actor.id}, but its command was signed by ${person}`, {
          seq,
        });
    }
  }

  /**
   * A client-signed command carried by an entry (or a reveal): its signature for this log, its time
   * against the entry's, and its nonce, which one append may carry in several entries but no later
   * entry may carry again. Returns the signer's person id.
   */
  #signedCommand(value: unknown, time: string, where: string, seq: number): string {
    const { origin } = this.#header as Header;
    const verified = verifySignedCommand(origin, value);
    if (!verified.ok) {
      const issue = verified.error[0];
      this.#fail(where, `signed command: ${issue?.pointer || '/'} ${issue?.reason}`, { seq });
    }
    const c = verified.value;
    const drift = Math.abs((parseRfc3339(time) ?? 0) - (parseRfc3339(c.at) ?? 0));
    if (drift > SIGNED_COMMAND_SLACK_MS)
      this.#fail(where, `signed command: signed at ${c.at}, appended at ${time}`, { seq });
    const nonce = `${c.person}/${c.nonce}`;
    const earlier = this.#nonces.get(nonce);
    if (earlier !== undefined && earlier !== time)
      this.#fail(where, `signed command: replays the one appended at ${earlier}`, { seq });
    this.#nonces.set(nonce, time);
    this.#signedCommands++;
    return c.person;
  }

  #checkpoint(note: string, consistency: unknown): void {
    const header = this.#header as Header;
    const size = this.#tree.size;
    const where = `checkpoint of size ${size}`;
    const opened = openCheckpoint(note, header.log);
    if (!opened.ok) this.#fail(where, `log signature: ${opened.error[0]?.reason}`, { size });
    const cp = opened.value.checkpoint;
    if (cp.size !== size) this.#fail(where, `claims size ${cp.size} after ${size} entries`, { size });
    if (cp.origin !== header.origin) this.#fail(where, `origin "${cp.origin}" is not the export's`, { size });
    if (!bytesEqual(cp.rootHash, this.#tree.root()))
      this.#fail(where, 'root hash does not match the entries', { size });
    this.#checkConsistency(cp, consistency, where);
    this.#checkCosignatures(note, where, size);
    this.#last = cp;
    this.#lastNote = note;
    this.#checkpoints++;
  }

  #checkConsistency(cp: Checkpoint, consistency: unknown, where: string): void {
    const prev = this.#last;
    const size = cp.size;
    if (prev === undefined || prev.size === 0) {
      if (consistency !== undefined) this.#fail(where, 'a consistency proof from no checkpoint', { size });
      return;
    }
    const proof = Array.isArray(consistency)
      ? consistency.map((h) => (typeof h === 'string' ? fromBase64(h) : undefined))
      : undefined;
    if (proof === undefined || proof.some((h) => h === undefined))
      this.#fail(where, 'no consistency proof from the previous checkpoint', { size });
    if (!verifyConsistency(prev.size, size, proof as Uint8Array[], prev.rootHash, cp.rootHash))
      this.#fail(where, `not consistent with the checkpoint of size ${prev.size}`, { size });
  }

  #checkCosignatures(note: string, where: string, size: number): void {
    const { witnesses } = this.#header as Header;
    if (witnesses.length === 0) return;
    const verified = verifyNote(note, witnesses);
    if (!verified.ok && verified.error[0]?.pointer !== '')
      this.#fail(where, `cosignature: ${verified.error[0]?.reason}`, { size });
    const missing = witnesses.filter((w) => !verified.ok || !verified.value.verifiedBy.includes(w));
    if (missing.length === 0) this.#cosignedSize = size;
    else if (this.#options.requireCosigned !== false)
      this.#fail(where, `not cosigned by ${missing.map((w) => w.name).join(', ')}`, { size });
  }

  #reveal(r: unknown): void {
    const o = isObject(r) ? r : {};
    const seq = o.seq;
    const where = `reveal of entry ${String(seq)}`;
    if (Object.keys(o).sort().join(',') !== 'salt,seq,value')
      this.#fail(where, 'expected salt, seq and value');
    if (typeof seq !== 'number') this.#fail(where, 'seq is not a number');
    const committed = this.#commitments.get(seq);
    if (committed === undefined)
      this.#fail(where, 'no earlier entry with that seq holds a commitment', { seq });
    const salt = typeof o.salt === 'string' ? fromBase64(o.salt) : undefined;
    if (salt === undefined || !verifyReveal(committed.commitment, { value: o.value, salt }))
      this.#fail(where, 'does not open the commitment', { seq });
    if (isObject(o.value) && 'signedCommand' in o.value)
      this.#signedCommand(o.value.signedCommand, committed.time, where, seq);
    this.#reveals++;
  }
}

const ENTRY_PREFIX = '{"entry":"';
const ENTRY_SUFFIX = '"}';
const BASE64_TEXT = /^[A-Za-z0-9+/=]*$/;

/**
 * The base64 of an entry line, read without JSON parsing or re-encoding: most lines are entries,
 * and `{"entry":"<base64>"}` is canonical JSON as it stands, since base64 needs no escapes.
 * Undefined for any other text, which then takes the general path.
 */
function entryLine(text: string): string | undefined {
  if (text.length < ENTRY_PREFIX.length + ENTRY_SUFFIX.length) return undefined;
  if (!text.startsWith(ENTRY_PREFIX) || !text.endsWith(ENTRY_SUFFIX)) return undefined;
  const b64 = text.slice(ENTRY_PREFIX.length, text.length - ENTRY_SUFFIX.length);
  return BASE64_TEXT.test(b64) ? b64 : undefined;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
