/**
 * The people directory over any `PeopleRecords` adapter: one implementation of the rules for
 * passwords, tokens, sessions and keys, whatever the storage.
 */
import { randomUUID } from 'node:crypto';
import { epochMs, personId, partyId, systemClock, type Clock, type PersonId } from '../core/index.ts';
import type {
  NewCredentials,
  NewPerson,
  PeopleDirectory,
  PeopleRecords,
  Person,
  PersonRow,
  Principal,
  SessionTicket,
  Signer,
} from './people.ts';
import {
  DEFAULT_SCRYPT,
  hashPassword,
  importRawPublicKey,
  newEd25519,
  randomPassword,
  randomSecret,
  sha256Hex,
  signerFor,
  verifyPassword,
  type ScryptCost,
} from './people-secrets.ts';

export interface DirectoryOptions {
  readonly clock?: Clock;
  /** A session ends after this long without a request (default 30 minutes). */
  readonly sessionIdleMs?: number;
  /** A session ends this long after login whatever happens (default 12 hours). */
  readonly sessionMaxMs?: number;
  readonly scrypt?: ScryptCost;
}

const TOKEN_PREFIX = 'jig_t_';
const SESSION_PREFIX = 'jig_s_';

function toPerson(row: PersonRow): Person {
  return {
    person: personId(row.id),
    name: row.name,
    party: partyId(row.party),
    role: row.role,
    publicKey: row.publicKey,
    serverSigns: row.privateKey !== null,
    mustChangePassword: row.mustChangePassword,
  };
}

function toPrincipal(row: PersonRow): Principal {
  return { person: personId(row.id), name: row.name, party: partyId(row.party), role: row.role };
}

export function createPeopleDirectory(
  records: PeopleRecords,
  options: DirectoryOptions = {},
): PeopleDirectory {
  const clock = options.clock ?? systemClock;
  const idleMs = options.sessionIdleMs ?? 30 * 60_000;
  const maxMs = options.sessionMaxMs ?? 12 * 3_600_000;
  const cost = options.scrypt ?? DEFAULT_SCRYPT;

  async function issueToken(id: PersonId) {
    const token = randomSecret(TOKEN_PREFIX);
    const tokenId = randomUUID();
    await records.insertToken({
      id: tokenId,
      person: id,
      hash: sha256Hex(token),
      createdAt: clock.now(),
      revokedAt: null,
    });
    return { tokenId, token };
  }

  async function add(input: NewPerson): Promise<NewCredentials> {
    if (await records.personByName(input.name)) throw new Error(`a person named "${input.name}" exists`);
    const keys = input.publicKey
      ? { publicKey: importRawPublicKey(input.publicKey), privateKey: null }
      : newEd25519();
    const password = randomPassword();
    const row: PersonRow = {
      id: randomUUID(),
      name: input.name,
      party: input.party,
      role: input.role,
      passwordHash: await hashPassword(password, cost),
      mustChangePassword: true,
      publicKey: keys.publicKey,
      privateKey: keys.privateKey,
      createdAt: clock.now(),
    };
    await records.insertPerson(row);
    const { tokenId, token } = await issueToken(personId(row.id));
    return { person: toPerson(row), password, token, tokenId };
  }

  async function checkPassword(name: string, password: string): Promise<Person | undefined> {
    const row = await records.personByName(name);
    const ok = await verifyPassword(password, row?.passwordHash, cost);
    return ok && row ? toPerson(row) : undefined;
  }

  async function changePassword(id: PersonId, current: string, next: string): Promise<boolean> {
    const row = await records.personById(id);
    if (!(await verifyPassword(current, row?.passwordHash, cost)) || !row) return false;
    await records.setPassword(row.id, await hashPassword(next, cost), false);
    return true;
  }

  async function authenticateToken(token: string): Promise<Principal | undefined> {
    if (!token.startsWith(TOKEN_PREFIX)) return undefined;
    const person = await records.holderOfToken(sha256Hex(token));
    return person && toPrincipal(person);
  }

  async function openSession(id: PersonId): Promise<SessionTicket> {
    const sid = randomSecret(SESSION_PREFIX);
    const now = clock.now();
    await records.insertSession({ hash: sha256Hex(sid), person: id, createdAt: now, lastSeenAt: now });
    return { id: sid, idleExpiresAt: epochMs(now + idleMs), absoluteExpiresAt: epochMs(now + maxMs) };
  }

  async function session(sid: string): Promise<Principal | undefined> {
    if (!sid.startsWith(SESSION_PREFIX)) return undefined;
    const hash = sha256Hex(sid);
    const row = await records.sessionByHash(hash);
    const now = clock.now();
    if (!row) return undefined;
    if (now - row.lastSeenAt >= idleMs || now - row.createdAt >= maxMs) {
      await records.deleteSession(hash);
      return undefined;
    }
    const person = await records.personById(row.person);
    // Writing on every request would cost a database write per read; a minute's slack is enough.
    if (person && now - row.lastSeenAt > 60_000) await records.touchSession(hash, now);
    if (!person) return undefined;
    return person.mustChangePassword
      ? { ...toPrincipal(person), mustChangePassword: true }
      : toPrincipal(person);
  }

  async function signer(id: PersonId): Promise<Signer | undefined> {
    const row = await records.personById(id);
    return row?.privateKey ? signerFor(row.publicKey, row.privateKey) : undefined;
  }

  return {
    add,
    get: async (id) => {
      const row = await records.personById(id);
      return row && toPerson(row);
    },
    find: async (name) => {
      const row = await records.personByName(name);
      return row && toPerson(row);
    },
    list: async () => (await records.people()).map(toPerson),
    checkPassword,
    changePassword,
    issueToken,
    authenticateToken,
    revokeToken: async (tokenId) => {
      await records.revokeToken(tokenId, clock.now());
    },
    openSession,
    session,
    closeSession: async (sid) => {
      await records.deleteSession(sha256Hex(sid));
    },
    signer,
  };
}
