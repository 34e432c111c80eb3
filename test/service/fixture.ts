// A real service on a temporary SQLite ledger, with people of both parties in every role, a clock
// that moves only when told and seeded randomness; `reopen` closes everything and replays.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixedClock, partyId, ROLES, type Role } from '../../src/core/index.ts';
import { signingKeyFromSeed } from '../../src/ledger/index.ts';
import { parseAgreementYaml, type Agreement } from '../../src/policy/index.ts';
import { openJigService, type OpenJigService } from '../../src/service/index.ts';
import type { Person, PeopleDirectory } from '../../src/service/types.ts';
import { memoryPeopleDirectory } from '../../src/store/people-memory.ts';
import { openSqliteStore } from '../../src/store/index.ts';
import type { LedgerStore } from '../../src/store/types.ts';
import { CHEAP_SCRYPT } from '../store/people-contract.ts';
import { repoRoot } from '../support/paths.ts';

export const T0 = Date.parse('2016-07-20T10:00:00Z');
export const HOUR = 3_600_000;
export const iso = (ms: number): string => new Date(ms).toISOString();

const loaded = parseAgreementYaml(readFileSync(join(repoRoot, 'agreements', 'jig-2016.yaml'), 'utf8'));
if (!loaded.ok) throw new Error('the reference agreement does not parse');
export const agreement: Agreement = loaded.value;

/** Deterministic bytes: SHA-256 of a counter, so runs see the same ids and salts. */
export function seededRandom(seed: string): (n: number) => Uint8Array {
  let counter = 0;
  return (n) => {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i += 32)
      out.set(
        createHash('sha256')
          .update(`${seed}/${counter++}`)
          .digest()
          .subarray(0, Math.min(32, n - i)),
        i,
      );
    return out;
  };
}

export type Party = 'US' | 'RU';

export interface Fixture {
  service: OpenJigService;
  store: LedgerStore;
  readonly people: PeopleDirectory;
  readonly clock: ReturnType<typeof fixedClock>;
  readonly path: string;
  person(party: Party, role: Role): Person;
  reopen(): Promise<void>;
  close(): Promise<void>;
}

export const logKey = signingKeyFromSeed(new Uint8Array(32).fill(7));

export async function serviceFixture(options: { witnesses?: readonly string[] } = {}): Promise<Fixture> {
  const dir = mkdtempSync(join(tmpdir(), 'jig-service-'));
  const path = join(dir, 'jig.db');
  const clock = fixedClock(T0);
  const people = memoryPeopleDirectory({ scrypt: CHEAP_SCRYPT, clock });
  const persons = new Map<string, Person>();
  for (const party of ['US', 'RU'] as const)
    for (const role of ROLES) {
      const added = await people.add({ name: `${party.toLowerCase()}-${role}`, party: partyId(party), role });
      persons.set(`${party}/${role}`, added.person);
    }
  const random = seededRandom('service-test');
  const open = async () => {
    const store = await openSqliteStore({ path, clock });
    const service = await openJigService({ store, people, agreement, clock, logKey, random, ...options });
    return { store, service };
  };
  const first = await open();
  const f: Fixture = {
    ...first,
    people,
    clock,
    path,
    person(party, role) {
      const p = persons.get(`${party}/${role}`);
      if (!p) throw new Error(`no ${party} ${role}`);
      return p;
    },
    async reopen() {
      await f.service.close();
      await f.store.close();
      Object.assign(f, await open());
    },
    async close() {
      await f.service.close();
      await f.store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return f;
}

// Commands as they arrive on the wire.
export const point = (c: readonly [number, number]) => ({ type: 'Point', coordinates: c });
export const window = (fromH = 1, toH = 13) => ({ from: iso(T0 + fromH * HOUR), to: iso(T0 + toH * HOUR) });
export const site = (at: readonly [number, number], release = 'joint', category = 'hospital') => ({
  type: 'RegisterProtectedSite',
  category,
  geometry: point(at),
  release,
});
export const nomination = (at: readonly [number, number], executors = ['US']) => ({
  type: 'NominateTarget',
  group: 'NUSRA',
  location: point(at),
  justification: 'command post of the designated group',
  window: window(),
  executors,
});
export const concur = (id: string) => ({ type: 'DecideNomination', nomination: id, concur: true });
export const movement = (route: readonly (readonly [number, number])[]) => ({
  type: 'NotifyMovement',
  movement: {
    kind: 'convoy',
    name: 'Aleppo convoy 7',
    route: { type: 'LineString', coordinates: route },
    corridorWidthM: 1000,
    window: { from: iso(T0 + 48 * HOUR), to: iso(T0 + 52 * HOUR) },
    vehicles: [{ kind: 'truck', count: 12 }],
    destination: { name: 'Aleppo east', besieged: true },
  },
});
export const violation = (at: readonly [number, number]) => ({
  type: 'ReportViolation',
  time: { at: iso(T0 - HOUR) },
  place: point(at),
  kind: 'shelling',
  perpetrator: { kind: 'unknown' },
  casualties: { killed: 0, injured: 2, confidence: 'low' },
  narrative: 'Shells landed near the market.',
});
