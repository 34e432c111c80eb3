/**
 * What an export of the ledger is made of, read from any store: who the log is, every entry, every
 * checkpoint with the cosignatures received since, and (for the owner's own copy) its reveals.
 */
import { JigError } from '../core/index.ts';
import type { ExportSource } from './ledger-port.ts';
import type { LedgerStore, StoredCheckpoint } from './types.ts';

export interface ExportOptions {
  /** Include the reveals owned by this party (never another party's). */
  readonly revealsOf?: string;
}

/**
 * Entries are read into memory: the export writer takes a synchronous iterable. At ~400 bytes an
 * entry a million entries hold ~0.4 GB.
 */
export async function exportSource(store: LedgerStore, options: ExportOptions = {}): Promise<ExportSource> {
  const identity = await store.identity();
  if (!identity) {
    throw new JigError('INVALID_STATE', 'the ledger has no identity (origin, log key) to export under', {
      issues: [{ pointer: '/identity', reason: 'set by the server when the ledger is set up' }],
    });
  }
  const size = await store.size();
  const entries = (await store.entries(0, size)).map((e) => e.bytes);
  const checkpoints = (await store.checkpoints()).filter((c) => c.size <= size).map(cosignedNote);
  const reveals = options.revealsOf === undefined ? [] : await store.reveals(options.revealsOf);
  return { ...identity, entries, checkpoints, reveals };
}

/** A C2SP signed note takes further signature lines at its end: the cosignatures are appended. */
export function cosignedNote(checkpoint: StoredCheckpoint): string {
  const note = checkpoint.note.endsWith('\n') ? checkpoint.note : checkpoint.note + '\n';
  const present = new Set(note.split('\n'));
  return (
    note +
    checkpoint.cosignatures
      .filter((line) => !present.has(line))
      .map((line) => line + '\n')
      .join('')
  );
}
