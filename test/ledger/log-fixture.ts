/** A small log with two party witnesses, for witness and export tests. */
import {
  MemoryNodes,
  MerkleTree,
  SIG_COSIGNATURE_V1,
  SIG_ED25519,
  cosignCheckpoint,
  encodeEntry,
  formatVerifierKey,
  leafHash,
  parseVerifierKey,
  rawPublicKey,
  signCheckpoint,
  type NoteVerifier,
  type SignedEntry,
} from '../../src/ledger/index.ts';
import { keyFromLabel } from './helpers.ts';

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
