/** A small log with two party witnesses, for witness and export tests. */
import {
  MemoryNodes,
  MerkleTree,
  SIG_COSIGNATURE_V1,
  SIG_ED25519,
  commit,
  cosignCheckpoint,
  encodeEntry,
  formatVerifierKey,
  leafHash,
  parseVerifierKey,
  rawPublicKey,
  signCheckpoint,
  writeExport,
  type ExportReveal,
  type NoteVerifier,
  type SignedEntry,
} from '../../src/ledger/index.ts';
import { chain, keyFromLabel } from './helpers.ts';

export const origin = 'jig.example/amman';
export const logKey = keyFromLabel('log');
export const logVkey = formatVerifierKey(origin, SIG_ED25519, rawPublicKey(logKey));
export const witnesses = ['US', 'RU'].map((p) => {
  const key = keyFromLabel(`witness ${p}`);
  const name = `${p.toLowerCase()}.witness.example`;
  return { name, key, vkey: formatVerifierKey(name, SIG_COSIGNATURE_V1, rawPublicKey(key)) };
});

export function verifierOf(vkey: string): NoteVerifier {
  const v = parseVerifierKey(vkey);
  if (!v.ok) throw new Error(v.error[0]?.reason);
  return v.value.verifier;
}

/** Grows a tree over entries (or raw leaf data) and signs checkpoints of it. */
export class TestLog {
  readonly tree = new MerkleTree();
  readonly nodes = new MemoryNodes();

  append(data: SignedEntry | Uint8Array): void {
    const bytes = data instanceof Uint8Array ? data : encodeEntry(data);
    this.nodes.put(this.tree.append(leafHash(bytes)));
  }

  checkpoint(cosigners = witnesses, time = 1_468_576_800): string {
    const note = signCheckpoint(
      { origin, size: this.tree.size, rootHash: this.tree.root(), extensions: [] },
      origin,
      logKey,
    );
    return cosigners.reduce((n, w, i) => cosignCheckpoint(n, w.name, w.key, time + i), note);
  }
}

export const salt = (i: number) => new Uint8Array(16).fill(i + 1);
const sealed = (seq: number) => ({ site: `hospital ${seq}`, at: [36.2 + seq / 100, 37.1] });

/** An export of `n` entries (every third sealed), checkpointed at the given sizes. */
export function buildExport(n: number, sizes: readonly number[], cosigners = witnesses): string {
  const entries: SignedEntry[] = chain(n, (seq) =>
    seq % 3 === 2
      ? {
          type: 'ProtectedSiteNotified',
          release: 'sealed',
          commitment: Buffer.from(commit(sealed(seq), salt(seq))).toString('hex'),
        }
      : { type: 'TrackReported', seq },
  );
  const log = new TestLog();
  const notes: string[] = [];
  for (const e of entries) {
    log.append(e);
    for (const s of sizes) if (s === log.tree.size) notes.push(log.checkpoint(cosigners));
  }
  if (sizes.includes(0)) notes.unshift(new TestLog().checkpoint(cosigners));
  const reveals: ExportReveal[] = entries
    .filter((e) => e.seq % 3 === 2)
    .map((e) => ({ seq: e.seq, value: sealed(e.seq), salt: salt(e.seq) }));
  return [
    ...writeExport({
      origin,
      logKey: logVkey,
      witnesses: witnesses.map((w) => w.vkey),
      entries: entries.map(encodeEntry),
      checkpoints: notes,
      reveals,
    }),
  ].join('');
}
