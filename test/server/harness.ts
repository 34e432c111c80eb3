// A server over the fake service, with one person per role of each party, ready for inject().
import type { FastifyInstance } from 'fastify';
import { partyId, ROLES, type Role } from '../../src/core/index.ts';
import { buildServer, type ServerOptions } from '../../src/server/app.ts';
import type { PeopleDirectory } from '../../src/service/types.ts';
import { memoryPeopleDirectory } from '../../src/store/people-memory.ts';
import { CHEAP_SCRYPT } from '../store/people-contract.ts';
import { fakeService, type FakeService } from './fake-service.ts';

export type Party = 'US' | 'RU';

export interface Harness {
  readonly app: FastifyInstance;
  readonly service: FakeService;
  readonly people: PeopleDirectory;
  /** Bearer token of the person of that party and role. */
  token(party: Party, role: Role): string;
  password(party: Party, role: Role): string;
  auth(party: Party, role: Role): { authorization: string };
}

export async function harness(options: Partial<ServerOptions> = {}): Promise<Harness> {
  const service = fakeService();
  const people = memoryPeopleDirectory({ scrypt: CHEAP_SCRYPT });
  const tokens = new Map<string, { token: string; password: string }>();
  for (const party of ['US', 'RU'] as const)
    for (const role of ROLES) {
      const added = await people.add({ name: `${party.toLowerCase()}-${role}`, party: partyId(party), role });
      tokens.set(`${party}/${role}`, added);
    }
  const app = await buildServer({ service, people, ...options });
  const get = (party: Party, role: Role) => {
    const found = tokens.get(`${party}/${role}`);
    if (!found) throw new Error(`no ${party} ${role}`);
    return found;
  };
  return {
    app,
    service,
    people,
    token: (party, role) => get(party, role).token,
    password: (party, role) => get(party, role).password,
    auth: (party, role) => ({ authorization: `Bearer ${get(party, role).token}` }),
  };
}
