/** People records in memory: for tests and for a throw-away demo server. */
import type { PeopleRecords, PersonRow, SessionRow, TokenRow } from './people.ts';
import { createPeopleDirectory, type DirectoryOptions } from './people-directory.ts';

export function memoryPeopleRecords(): PeopleRecords {
  const people = new Map<string, PersonRow>();
  const tokens = new Map<string, TokenRow>();
  const sessions = new Map<string, SessionRow>();
  const byName = (name: string) => [...people.values()].find((p) => p.name === name);
  return {
    insertPerson: (row) => void people.set(row.id, row),
    personById: (id) => people.get(id),
    personByName: (name) => byName(name),
    people: () => [...people.values()],
    setPassword: (id, passwordHash, mustChangePassword) => {
      const row = people.get(id);
      if (row) people.set(id, { ...row, passwordHash, mustChangePassword });
    },
    insertToken: (row) => void tokens.set(row.hash, row),
    holderOfToken: (hash) => {
      const token = tokens.get(hash);
      return token && token.revokedAt === null ? people.get(token.person) : undefined;
    },
    revokeToken: (id, at) => {
      for (const [hash, row] of tokens) if (row.id === id) tokens.set(hash, { ...row, revokedAt: at });
    },
    insertSession: (row) => void sessions.set(row.hash, row),
    sessionByHash: (hash) => sessions.get(hash),
    touchSession: (hash, at) => {
      const row = sessions.get(hash);
      if (row) sessions.set(hash, { ...row, lastSeenAt: at });
    },
    deleteSession: (hash) => void sessions.delete(hash),
  };
}

export function memoryPeopleDirectory(options?: DirectoryOptions) {
  return createPeopleDirectory(memoryPeopleRecords(), options);
}
