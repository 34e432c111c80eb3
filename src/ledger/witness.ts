/**
 * A witness: it keeps the last checkpoint it cosigned and cosigns a new one only when the log
 * signed it, it is no smaller, and a consistency proof shows it extends the old one. Anything else
 * is refused; when the log itself signed both checkpoints, the pair is kept as evidence. A server
 * restored from an old backup either offers a smaller checkpoint (rollback) or grows a different
 * tree from the old point (fork, or a proof that fails): all are caught by the same rule.
 */
import type { KeyObject } from 'node:crypto';
import { bytesEqual } from './bytes.ts';
import { cosignCheckpoint, openCheckpoint, type OpenedCheckpoint } from './checkpoint.ts';
import { verifyConsistency } from './merkle.ts';
import type { NoteVerifier } from './note.ts';

export interface WitnessState {
  readonly origin: string;
  /** The last checkpoint note this witness cosigned, or null before the first. */
  readonly checkpoint: string | null;
}

export interface WitnessIdentity {
  readonly name: string;
  readonly key: KeyObject;
  readonly logVerifier: NoteVerifier;
}

export type MisbehaviourKind = 'rollback' | 'fork' | 'inconsistent';

/** Two checkpoints of one log, both signed by it, that cannot both be honest. */
export interface Evidence {
  readonly kind: MisbehaviourKind;
  readonly origin: string;
  readonly previous: string;
  readonly offered: string;
  /** The consistency proof that was offered (base64 hashes are the caller's choice of encoding). */
  readonly proof: readonly Uint8Array[];
}

export type WitnessOutcome =
  | { readonly ok: true; readonly cosigned: string; readonly state: WitnessState; readonly size: number }
  | {
      readonly ok: false;
      readonly reason: 'malformed' | 'bad-log-signature' | 'wrong-origin' | MisbehaviourKind;
      readonly message: string;
      readonly evidence?: Evidence;
    };

/** Decides on an offered checkpoint; `now` is POSIX seconds for the cosignature timestamp. */
export function witnessCheckpoint(
  state: WitnessState,
  offered: { readonly note: string; readonly proof: readonly Uint8Array[] },
  me: WitnessIdentity,
  now: number,
): WitnessOutcome {
  const opened = openCheckpoint(offered.note, me.logVerifier);
  if (!opened.ok)
    return {
      ok: false,
      reason: 'bad-log-signature',
      message: `not signed by the log: ${opened.error[0]?.reason}`,
    };
  const next = opened.value.checkpoint;
  if (next.origin !== state.origin)
    return { ok: false, reason: 'wrong-origin', message: `origin "${next.origin}" is not "${state.origin}"` };
  const cosign = (): WitnessOutcome => {
    const cosigned = cosignCheckpoint(offered.note, me.name, me.key, now);
    return { ok: true, cosigned, size: next.size, state: { origin: state.origin, checkpoint: offered.note } };
  };
  if (state.checkpoint === null) return cosign();
  const previous = openCheckpoint(state.checkpoint, me.logVerifier);
  if (!previous.ok)
    return { ok: false, reason: 'malformed', message: 'the stored checkpoint no longer verifies' };
  const kind = misbehaviour(previous.value, opened.value, offered.proof);
  if (kind === undefined) return cosign();
  const evidence = {
    kind,
    origin: state.origin,
    previous: state.checkpoint,
    offered: offered.note,
    proof: offered.proof,
  };
  return { ok: false, reason: kind, message: describe(kind, previous.value, opened.value), evidence };
}

function misbehaviour(
  prev: OpenedCheckpoint,
  next: OpenedCheckpoint,
  proof: readonly Uint8Array[],
): MisbehaviourKind | undefined {
  const [a, b] = [prev.checkpoint, next.checkpoint];
  if (b.size < a.size) return 'rollback';
  if (b.size === a.size) return bytesEqual(a.rootHash, b.rootHash) ? undefined : 'fork';
  if (a.size === 0) return undefined; // every tree extends the empty one
  return verifyConsistency(a.size, b.size, proof, a.rootHash, b.rootHash) ? undefined : 'inconsistent';
}

function describe(kind: MisbehaviourKind, prev: OpenedCheckpoint, next: OpenedCheckpoint): string {
  const [a, b] = [prev.checkpoint.size, next.checkpoint.size];
  if (kind === 'rollback')
    return `the log went back from size ${a} to ${b}: rolled back or restored from an old copy`;
  if (kind === 'fork') return `the log signed two different trees of size ${a}: a fork`;
  return `no valid proof that size ${b} extends the cosigned size ${a}: the log may have forked`;
}
