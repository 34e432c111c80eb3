/**
 * People records in PostgreSQL: the same tables as `people-sqlite.ts`, so that every server
 * instance on one database shares people, token revocations and sessions.
 */
import type { PeopleRecords, PersonRow, SessionRow } from '../people.ts';
import type { Queryable } from './nodes.ts';

export const PG_PEOPLE_MIGRATION = `
CREATE TABLE people (
  id text PRIMARY KEY,
  name text NOT NULL UNIQUE,
  party text NOT NULL,
  role text NOT NULL,
  password_hash text NOT NULL,
  must_change_password boolean NOT NULL,
  public_key text NOT NULL,
  private_key text,
  created_at bigint NOT NULL
);
CREATE TABLE api_tokens (
  id text PRIMARY KEY,
  person text NOT NULL REFERENCES people (id),
  hash text NOT NULL UNIQUE,
  created_at bigint NOT NULL,
  revoked_at bigint
);
CREATE TABLE sessions (
  hash text PRIMARY KEY,
  person text NOT NULL REFERENCES people (id),
  created_at bigint NOT NULL,
  last_seen_at bigint NOT NULL
);
`;

const PERSON_OF = (t: string) => `${t}.id, ${t}.name, ${t}.party, ${t}.role,
  ${t}.password_hash AS "passwordHash", ${t}.must_change_password AS "mustChangePassword",
  ${t}.public_key AS "publicKey", ${t}.private_key AS "privateKey", ${t}.created_at AS "createdAt"`;
const PERSON = PERSON_OF('people');
const SESSION = `hash, person, created_at AS "createdAt", last_seen_at AS "lastSeenAt"`;

export function postgresPeopleRecords(db: Queryable): PeopleRecords {
  const run = async (sql: string, values: unknown[]) => void (await db.query(sql, values));
  const one = async <R extends object>(sql: string, values: unknown[]) =>
    (await db.query<R>(sql, values)).rows[0];
  return {
    insertPerson: (r) =>
      run(`INSERT INTO people VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, [
        r.id,
        r.name,
        r.party,
        r.role,
        r.passwordHash,
        r.mustChangePassword,
        r.publicKey,
        r.privateKey,
        r.createdAt,
      ]),
    personById: (id) => one<PersonRow>(`SELECT ${PERSON} FROM people WHERE id = $1`, [id]),
    personByName: (name) => one<PersonRow>(`SELECT ${PERSON} FROM people WHERE name = $1`, [name]),
    people: async () =>
      (await db.query<PersonRow>(`SELECT ${PERSON} FROM people ORDER BY created_at, name`)).rows,
    setPassword: (id, hash, mustChange) =>
      run(`UPDATE people SET password_hash = $1, must_change_password = $2 WHERE id = $3`, [
        hash,
        mustChange,
        id,
      ]),
    insertToken: (r) =>
      run(`INSERT INTO api_tokens VALUES ($1, $2, $3, $4, $5)`, [
        r.id,
        r.person,
        r.hash,
        r.createdAt,
        r.revokedAt,
      ]),
    holderOfToken: (hash) =>
      one<PersonRow>(
        `SELECT ${PERSON_OF('p')} FROM api_tokens t JOIN people p ON p.id = t.person
         WHERE t.hash = $1 AND t.revoked_at IS NULL`,
        [hash],
      ),
    revokeToken: (id, at) =>
      run(`UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL`, [at, id]),
    insertSession: (r) =>
      run(`INSERT INTO sessions VALUES ($1, $2, $3, $4)`, [r.hash, r.person, r.createdAt, r.lastSeenAt]),
    sessionByHash: (hash) => one<SessionRow>(`SELECT ${SESSION} FROM sessions WHERE hash = $1`, [hash]),
    touchSession: (hash, at) => run(`UPDATE sessions SET last_seen_at = $1 WHERE hash = $2`, [at, hash]),
    deleteSession: (hash) => run(`DELETE FROM sessions WHERE hash = $1`, [hash]),
  };
}
