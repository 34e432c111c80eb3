/**
 * Throwaway PostgreSQL databases for the tests that need a real server: each test file creates its
 * own `jig_test_<random>` database and drops it at the end. When no server answers, the file
 * registers one skipped test that says so, and nothing else.
 */
import { randomBytes } from 'node:crypto';
import { after, it } from 'node:test';
import pg from 'pg';
import { reachable } from '../../src/store/postgres/connect.ts';

/** The maintenance database to create test databases from; CI and the dev machine use trust auth. */
export const ADMIN_URL =
  process.env['JIG_TEST_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  readonly url: string;
  readonly name: string;
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export function urlOf(name: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function createDatabase(): Promise<TestDatabase> {
  const name = `jig_test_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  return { name, url: urlOf(name) };
}

export async function dropDatabase(name: string): Promise<void> {
  // WITH (FORCE) ends connections a failed test left open (PostgreSQL 13+).
  await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

/**
 * A fresh database for this test file, dropped after it; undefined (with one skipped test saying
 * why) when PostgreSQL is not reachable.
 */
export async function postgresForThisFile(): Promise<TestDatabase | undefined> {
  if (!(await reachable(ADMIN_URL))) {
    const where = new URL(ADMIN_URL).host;
    it(`PostgreSQL not reachable on ${where}: skipping`, { skip: true }, () => undefined);
    return undefined;
  }
  const db = await createDatabase();
  after(() => dropDatabase(db.name));
  return db;
}

/** Runs SQL on the test database itself (to empty it, or to tamper with it). */
export async function onDatabase<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
