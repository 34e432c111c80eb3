/**
 * What the store takes from the ledger module, in one place. The ledger module (`src/ledger`) is
 * being written alongside; until it lands this file points at a minimal stand-in, and switching is
 * the one `export` line below.
 */
export * from './ledger-standin.ts';
