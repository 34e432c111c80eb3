/**
 * The ledger export, `application/vnd.jig.ledger-export.v1+jsonl`: one canonical JSON object per
 * line, each ending in `\n`.
 *
 *     {"logKey":<vkey>,"mediaType":...,"origin":...,"witnesses":[<cosigner vkey>, ...]}   header
 *     {"entry":<base64 of the entry's canonical bytes>}                                   seq 0, 1, ...
 *     {"checkpoint":<signed note>,"consistency":[<base64 hash>, ...]}    right after its last entry
 *     {"reveal":{"salt":<base64>,"seq":n,"value":...}}           opens event.commitment of entry n
 *
 * A checkpoint line follows the entry that brings the tree to its size; `consistency` proves it
 * extends the previous checkpoint (absent for the first, or when the previous one is empty).
 */
import { JigError } from '../core/index.ts';
import { toBase64 } from './bytes.ts';
import { canonicalJson } from './canonical.ts';
import { parseCheckpoint } from './checkpoint.ts';
import { leafHash } from './merkle.ts';
import { parseNote } from './note.ts';
import { MemoryNodes, MerkleTree, consistencyProof, type NodeReader } from './tree.ts';

export const EXPORT_MEDIA_TYPE = 'application/vnd.jig.ledger-export.v1+jsonl';

export interface ExportHeader {
  readonly origin: string;
  /** The log's verifier key (Ed25519, its name is the origin). */
  readonly logKey: string;
  /** Every party's cosigner verifier key (cosignature/v1). */
  readonly witnesses: readonly string[];
}

export interface ExportReveal {
  readonly seq: number;
  readonly value: unknown;
  readonly salt: Uint8Array;
}

export interface ExportSource extends ExportHeader {
  /** Entry bytes in seq order. */
  readonly entries: Iterable<Uint8Array>;
  /** Signed (and cosigned) checkpoint notes by increasing size. */
  readonly checkpoints: Iterable<string>;
  readonly reveals?: Iterable<ExportReveal>;
  /** Stored tree nodes for the consistency proofs; kept in memory from the entries when absent. */
  readonly nodes?: NodeReader;
}

const line = (value: unknown) => canonicalJson(value) + '\n';

/** Yields the export line by line (each with its newline), streaming the entries. */
export function* writeExport(source: ExportSource): Generator<string> {
  const { origin, logKey, witnesses } = source;
  yield line({ mediaType: EXPORT_MEDIA_TYPE, origin, logKey, witnesses });
  const own = source.nodes === undefined ? { tree: new MerkleTree(), nodes: new MemoryNodes() } : undefined;
  const nodes: NodeReader = source.nodes ?? (own as { nodes: MemoryNodes }).nodes;
  const checkpoints = source.checkpoints[Symbol.iterator]();
  let pending = nextCheckpoint(checkpoints);
  let previousSize = 0;
  let count = 0;
  const due = function* (): Generator<string> {
    while (pending !== undefined && pending.size === count) {
      const consistency =
        previousSize > 0 ? consistencyProof(previousSize, count, nodes).map(toBase64) : undefined;
      yield line({ checkpoint: pending.note, consistency });
      previousSize = count;
      pending = nextCheckpoint(checkpoints);
    }
  };
  yield* due();
  for (const bytes of source.entries) {
    if (own) own.nodes.put(own.tree.append(leafHash(bytes)));
    count++;
    yield line({ entry: toBase64(bytes) });
    yield* due();
  }
  if (pending !== undefined)
    throw new JigError(
      'INVALID_STATE',
      `checkpoint of size ${pending.size} is out of order or beyond the ${count} entries`,
    );
  for (const r of source.reveals ?? [])
    yield line({ reveal: { seq: r.seq, value: r.value, salt: toBase64(r.salt) } });
}

function nextCheckpoint(it: Iterator<string>): { note: string; size: number } | undefined {
  const next = it.next();
  if (next.done === true) return undefined;
  const note = parseNote(next.value);
  const cp = note.ok ? parseCheckpoint(note.value.text) : undefined;
  if (!cp?.ok) throw new JigError('INVALID_INPUT', 'an exported checkpoint is not a checkpoint note');
  return { note: next.value, size: cp.value.size };
}
