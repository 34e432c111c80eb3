/**
 * Picks the adapter from what the operator gave (`--db`, `JIG_DATABASE_URL`): a `postgres://` or
 * `postgresql://` URL opens PostgreSQL, anything else is the path of a SQLite file.
 */
import type { Clock } from '../core/index.ts';
import { openPostgresStore } from './postgres/store.ts';
import { openSqliteStore } from './sqlite/store.ts';
import type { OpenedStore } from './types.ts';

export interface OpenStoreOptions {
  readonly clock?: Clock;
}

export const isPostgresUrl = (urlOrPath: string): boolean => /^postgres(ql)?:\/\//i.test(urlOrPath);

export function openStore(urlOrPath: string, options: OpenStoreOptions = {}): Promise<OpenedStore> {
  const clock = options.clock ? { clock: options.clock } : {};
  return isPostgresUrl(urlOrPath)
    ? openPostgresStore({ url: urlOrPath, ...clock })
    : openSqliteStore({ path: urlOrPath, ...clock });
}
