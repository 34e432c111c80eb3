// A server over the real service (a temporary SQLite ledger, the reference agreement, a clock
// fixed at 2016-07-20T10:00Z), with one person per role of each party, ready for inject().
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { fixedClock, partyId, ROLES, type Role } from '../../src/core/index.ts';
import { buildServer, type ServerOptions } from '../../src/server/app.ts';
import { openJigService, type OpenJigService } from '../../src/service/index.ts';
import type { PeopleDirectory, Principal } from '../../src/service/types.ts';
import { openSqliteStore } from '../../src/store/index.ts';
import { memoryPeopleDirectory } from '../../src/store/people-memory.ts';
import type { LedgerStore } from '../../src/store/types.ts';
import { CHEAP_SCRYPT } from '../store/people-contract.ts';
import { agreement, logKey, seededRandom, T0 } from '../service/fixture.ts';

export type Party = 'US' | 'RU';

export interface Harness {
  readonly app: FastifyInstance;
  readonly service: OpenJigService;
  readonly store: LedgerStore;
  readonly people: PeopleDirectory;
  principal(party: Party, role: Role): Principal;
  /** Bearer token of the person of that party and role. */
  token(party: Party, role: Role): string;
  password(party: Party, role: Role): string;
  auth(party: Party, role: Role): { authorization: string };
  close(): Promise<void>;
}

export async function harness(options: Partial<ServerOptions> = {}): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'jig-server-'));
  const clock = fixedClock(T0);
  const store = await openSqliteStore({ path: join(dir, 'jig.db'), clock });
  const people = memoryPeopleDirectory({ scrypt: CHEAP_SCRYPT });
  const service = await openJigService({
    store,
    people,
    agreement,
    clock,
    logKey,
    random: seededRandom('server-test'),
  });
  const added = new Map<string, Awaited<ReturnType<PeopleDirectory['add']>>>();
  for (const party of ['US', 'RU'] as const)
    for (const role of ROLES)
      added.set(
        `${party}/${role}`,
        await people.add({ name: `${party.toLowerCase()}-${role}`, party: partyId(party), role }),
      );
  const app = await buildServer({ service, people, policy: agreement, ...options });
  const get = (party: Party, role: Role) => {
    const found = added.get(`${party}/${role}`);
    if (!found) throw new Error(`no ${party} ${role}`);
    return found;
  };
  return {
    app,
    service,
    store,
    people,
    principal: (party, role) => get(party, role).person,
    token: (party, role) => get(party, role).token,
    password: (party, role) => get(party, role).password,
    auth: (party, role) => ({ authorization: `Bearer ${get(party, role).token}` }),
    async close() {
      await app.close();
      await service.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
