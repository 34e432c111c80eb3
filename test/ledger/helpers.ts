/** Deterministic keys and entries for ledger tests. */
import type { KeyObject } from 'node:crypto';
import {
  ENTRY_MEDIA_TYPE,
  encodeEntry,
  leafHash,
  publicKeyToBase64,
  signEntry,
  signingKeyFromSeed,
  toHex,
  type LedgerEvent,
  type SignedEntry,
} from '../../src/ledger/index.ts';

export function keyFromLabel(label: string): KeyObject {
  const seed = new Uint8Array(32);
  seed.set(new TextEncoder().encode(label).subarray(0, 32));
  return signingKeyFromSeed(seed);
}

/** A chain of `n` signed entries by two actors, each linked to the previous by its leaf hash. */
export function chain(
  n: number,
  event: (seq: number) => LedgerEvent = (seq) => ({ type: 'Noted', seq }),
): SignedEntry[] {
  const actors = [
    { key: keyFromLabel('actor us'), actor: { id: 'us-op-1', party: 'US', key: '' } },
    { key: keyFromLabel('actor ru'), actor: { id: 'ru-op-1', party: 'RU', key: '' } },
  ].map((a) => ({ ...a, actor: { ...a.actor, key: publicKeyToBase64(a.key) } }));
  const out: SignedEntry[] = [];
  let prev = '';
  for (let seq = 0; seq < n; seq++) {
    const a = actors[seq % 2]!;
    const time = new Date(Date.UTC(2016, 6, 15) + seq * 60_000).toISOString();
    const signed = signEntry(
      { mediaType: ENTRY_MEDIA_TYPE, seq, prev, time, actor: a.actor, event: event(seq) },
      a.key,
    );
    prev = toHex(leafHash(encodeEntry(signed)));
    out.push(signed);
  }
  return out;
}
