/** The ledger, for anyone who wants to check it: checkpoint, entries and proofs (RFC 9162). */
import { JigError } from '../core/index.ts';
import { must, type AnyRoute, type Call } from './route.ts';
import { cosignatures, ledgerQueries } from './schemas.ts';

/** One page of entries at most, so that a request cannot ask the server for the whole ledger. */
const MAX_ENTRIES = 1000;

function range(ok: boolean, pointer: string, reason: string) {
  if (!ok) throw new JigError('INVALID_INPUT', 'The range is invalid.', { issues: [{ pointer, reason }] });
}

export const ledgerRoutes = (): AnyRoute[] => [
  {
    method: 'GET',
    path: '/api/v1/ledger/checkpoint',
    summary: 'The latest signed checkpoint (tree head) with its cosignatures',
    tag: 'Ledger',
    success: 200,
    handler: ({ deps }) => deps.service.ledger.checkpoint(),
  },
  {
    method: 'GET',
    path: '/api/v1/ledger/keys',
    summary: "The log's verifier key, then every party's witness key (signed-note vkeys)",
    tag: 'Ledger',
    success: 200,
    handler: ({ deps }) => deps.service.ledger.keys(),
  },
  {
    method: 'POST',
    path: '/api/v1/ledger/cosignatures',
    summary: "A checkpoint cosigned by a party's witness: each cosignature is verified, then kept",
    tag: 'Ledger',
    success: 201,
    body: cosignatures,
    handler: ({ body, deps }: Call<unknown, unknown, { note: string }>) =>
      deps.service.ledger.addCosignatures(body.note),
  },
  {
    method: 'GET',
    path: '/api/v1/ledger/entries',
    summary: 'Entries [from, to): yours in clear, other parties’ office and sealed ones as commitments',
    tag: 'Ledger',
    success: 200,
    query: ledgerQueries.entries,
    example: { query: { from: '0', to: '10' } },
    handler: async ({ principal, query, deps }: Call<unknown, { from: number; to: number }, unknown>) => {
      range(query.from <= query.to, '/to', 'must not be below from');
      range(query.to - query.from <= MAX_ENTRIES, '/to', `at most ${MAX_ENTRIES} entries per request`);
      return { items: await deps.service.ledger.entries(must(principal), query.from, query.to) };
    },
  },
  {
    method: 'GET',
    path: '/api/v1/ledger/proofs/inclusion',
    summary: 'Proof that entry `index` is in the tree of size `size`',
    tag: 'Ledger',
    success: 200,
    query: ledgerQueries.inclusion,
    example: { query: { index: '0', size: '1' } },
    handler: ({ query, deps }: Call<unknown, { index: number; size: number }, unknown>) => {
      range(query.index < query.size, '/index', 'must be below size');
      return deps.service.ledger.inclusionProof(query.index, query.size);
    },
  },
  {
    method: 'GET',
    path: '/api/v1/ledger/proofs/consistency',
    summary: 'Proof that the tree of size `size1` is a prefix of the tree of size `size2`',
    tag: 'Ledger',
    success: 200,
    query: ledgerQueries.consistency,
    example: { query: { size1: '1', size2: '1' } },
    handler: ({ query, deps }: Call<unknown, { size1: number; size2: number }, unknown>) => {
      range(query.size1 <= query.size2, '/size1', 'must not exceed size2');
      return deps.service.ledger.consistencyProof(query.size1, query.size2);
    },
  },
];
