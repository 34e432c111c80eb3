/** What the store takes from the ledger module, in one place. */
export * from '../ledger/index.ts';
