export type * from './types.ts';
export { openStore, isPostgresUrl, type OpenStoreOptions } from './open-store.ts';
export { openSqliteStore, type SqliteStoreOptions } from './sqlite/store.ts';
export { openPostgresStore, type PostgresStoreOptions } from './postgres/store.ts';
export { cosignedNote, exportSource, type ExportOptions } from './export-source.ts';
