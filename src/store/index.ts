export type * from './types.ts';
export { openSqliteStore, type SqliteStoreOptions } from './sqlite/store.ts';
export { cosignedNote, exportSource, type ExportOptions } from './export-source.ts';
