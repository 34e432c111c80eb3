/**
 * The example of a client-signed command in the API docs: a real envelope, signed with a key from
 * a fixed seed for the reference agreement's log (`jig.example/jig_2016`), by person `p-example`.
 */
import { signCommand, signingKeyFromSeed, type SignedCommand } from '../ledger/index.ts';
import { examples } from './examples.ts';

export const signedExample: SignedCommand = signCommand(
  signingKeyFromSeed(new Uint8Array(32).fill(1)),
  'jig.example/jig_2016',
  {
    person: 'p-example',
    command: { type: 'NominateTarget', ...(examples['NominateTarget'] as object) },
    at: '2016-07-20T10:00:00Z',
    nonce: 'q83vASNFZ4mrze8BI0VniQ',
  },
);
