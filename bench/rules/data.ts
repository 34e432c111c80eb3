/**
 * Seeded histories for the rules benchmarks: protected sites, nominations, decisions and receipts
 * scattered over Syria (35.7-42.0E, 32.3-37.3N), as plain events the way the ledger holds them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { epochMs, partyId, personId, recordId, type Role } from '../../src/core/index.ts';
import { lonLat } from '../../src/geo/index.ts';
import { parseAgreementYaml, type Agreement } from '../../src/policy/index.ts';
import type { Context, RulesEvent } from '../../src/rules/index.ts';

/** Mulberry32, seeded: every run sees the same data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

const loaded = parseAgreementYaml(
  readFileSync(join(import.meta.dirname, '..', '..', 'agreements', 'jig-2016.yaml'), 'utf8'),
);
if (!loaded.ok) throw new Error('the reference agreement does not parse');
export const policy: Agreement = loaded.value;

export const T0 = Date.UTC(2016, 6, 20, 6);
const HOUR = 3_600_000;
const US = partyId('US');
const RU = partyId('RU');

export function context(party: 'US' | 'RU', role: Role, now = T0): Context {
  let n = 0;
  return {
    policy,
    actor: { id: personId(`${party.toLowerCase()}-${role}`), party: partyId(party), roles: [role] },
    now: epochMs(now),
    newId: () => recordId(`bench-${party}-${++n}`),
  };
}

export function somewhere(random: () => number) {
  return lonLat(35.7 + random() * 6.3, 32.3 + random() * 5);
}

const by = (party: typeof US) => ({ person: personId(`${party.toLowerCase()}-operator`), party });

function base<T extends string>(type: T, record: string, owner: typeof US, at: number) {
  return { type, record: recordId(record), owner, release: 'joint' as const, at: epochMs(at), by: by(owner) };
}

/**
 * `total` events: a site for every tenth, then nominations, each decided by both parties, and
 * receipts of what crossed. Nominations carry no conflicts (as a clean history would).
 */
export function history(total: number, seed = 2016): RulesEvent[] {
  const random = prng(seed);
  const out: RulesEvent[] = [];
  const window = { from: epochMs(T0 + HOUR), to: epochMs(T0 + 13 * HOUR) };
  for (let i = 0; out.length < total; i++) {
    const at = T0 + i * 1000;
    if (i % 10 === 0) {
      out.push({
        ...base('ProtectedSiteRegistered', `s${i}`, US, at),
        data: {
          name: null,
          category: 'hospital',
          geometry: { type: 'Point', coordinates: somewhere(random) },
          bufferM: 1000,
        },
      });
      continue;
    }
    const id = `n${i}`;
    const location = { type: 'Point', coordinates: somewhere(random) };
    const data = { group: 'NUSRA', location, justification: 'j', window, executors: [RU], conflicts: [] };
    out.push({ ...base('TargetNominated', id, RU, at), data } as RulesEvent);
    out.push({ ...base('ReceiptAcknowledged', id, RU, at), by: by(US), data: { party: US } });
    out.push({
      ...base('NominationDecided', id, RU, at),
      by: by(US),
      data: { party: US, concur: true, reason: null },
    });
  }
  return out.slice(0, total);
}
