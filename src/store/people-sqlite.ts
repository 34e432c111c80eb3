/**
 * People records in SQLite (better-sqlite3). The tables are created by `PEOPLE_MIGRATION`, which
 * the store's migration list applies; `openPeopleTables` applies it on its own for a database
 * that holds only people (the `jig user` command before the ledger exists).
 */
import type { Database } from 'better-sqlite3';
import type { PeopleRecords, PersonRow, SessionRow } from './people.ts';
import { createPeopleDirectory, type DirectoryOptions } from './people-directory.ts';

export const PEOPLE_MIGRATION = `
CREATE TABLE IF NOT EXISTS people (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  party TEXT NOT NULL,
  role TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  must_change_password INTEGER NOT NULL,
  public_key TEXT NOT NULL,
  private_key TEXT,
  created_at INTEGER NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS api_tokens (
  id TEXT PRIMARY KEY,
  person TEXT NOT NULL REFERENCES people(id),
  hash TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  revoked_at INTEGER
) STRICT;
CREATE TABLE IF NOT EXISTS sessions (
  hash TEXT PRIMARY KEY,
  person TEXT NOT NULL REFERENCES people(id),
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL
) STRICT;
`;

interface PersonDbRow {
  id: string;
  name: string;
  party: string;
  role: PersonRow['role'];
  password_hash: string;
  must_change_password: number;
  public_key: string;
  private_key: string | null;
  created_at: number;
}

const person = (r: PersonDbRow | undefined): PersonRow | undefined =>
  r && {
    id: r.id,
    name: r.name,
    party: r.party,
    role: r.role,
    passwordHash: r.password_hash,
    mustChangePassword: r.must_change_password === 1,
    publicKey: r.public_key,
    privateKey: r.private_key,
    createdAt: r.created_at,
  };

export function sqlitePeopleRecords(db: Database): PeopleRecords {
  const q = {
    insertPerson: db.prepare(
      `INSERT INTO people VALUES (@id, @name, @party, @role, @passwordHash, @mustChange, @publicKey, @privateKey, @createdAt)`,
    ),
    byId: db.prepare<[string], PersonDbRow>(`SELECT * FROM people WHERE id = ?`),
    byName: db.prepare<[string], PersonDbRow>(`SELECT * FROM people WHERE name = ?`),
    all: db.prepare<[], PersonDbRow>(`SELECT * FROM people ORDER BY created_at, name`),
    setPassword: db.prepare(`UPDATE people SET password_hash = ?, must_change_password = ? WHERE id = ?`),
    insertToken: db.prepare(`INSERT INTO api_tokens VALUES (@id, @person, @hash, @createdAt, @revokedAt)`),
    holder: db.prepare<[string], PersonDbRow>(
      `SELECT people.* FROM api_tokens JOIN people ON people.id = api_tokens.person
       WHERE api_tokens.hash = ? AND api_tokens.revoked_at IS NULL`,
    ),
    revoke: db.prepare(`UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL`),
    insertSession: db.prepare(`INSERT INTO sessions VALUES (@hash, @person, @createdAt, @lastSeenAt)`),
    session: db.prepare<[string], SessionRow>(
      `SELECT hash, person, created_at AS createdAt, last_seen_at AS lastSeenAt FROM sessions WHERE hash = ?`,
    ),
    touch: db.prepare(`UPDATE sessions SET last_seen_at = ? WHERE hash = ?`),
    deleteSession: db.prepare(`DELETE FROM sessions WHERE hash = ?`),
  };
  return {
    insertPerson: (row) => void q.insertPerson.run({ ...row, mustChange: row.mustChangePassword ? 1 : 0 }),
    personById: (id) => person(q.byId.get(id)),
    personByName: (name) => person(q.byName.get(name)),
    people: () => q.all.all().map((r) => person(r) as PersonRow),
    setPassword: (id, hash, mustChange) => void q.setPassword.run(hash, mustChange ? 1 : 0, id),
    insertToken: (row) => void q.insertToken.run(row),
    holderOfToken: (hash) => person(q.holder.get(hash)),
    revokeToken: (id, at) => void q.revoke.run(at, id),
    insertSession: (row) => void q.insertSession.run(row),
    sessionByHash: (hash) => q.session.get(hash),
    touchSession: (hash, at) => void q.touch.run(at, hash),
    deleteSession: (hash) => void q.deleteSession.run(hash),
  };
}

/** Creates the people tables if missing, then the directory over them. */
export function openPeopleTables(db: Database, options?: DirectoryOptions) {
  db.exec(PEOPLE_MIGRATION);
  return createPeopleDirectory(sqlitePeopleRecords(db), options);
}
