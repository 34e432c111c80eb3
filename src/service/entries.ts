/**
 * From decided events to append requests: who signs each entry, and what the joint ledger holds.
 * Joint events go in clear; `office` and `sealed` ones as a salted commitment whose opening (the
 * event and its salt) is kept as the owner's reveal, written in the same transaction.
 */
import { createHash, randomBytes, type KeyObject } from 'node:crypto';
import { JigError, type PartyId } from '../core/index.ts';
import {
  commit,
  MIN_SALT_BYTES,
  rawPublicKey,
  signingKeyFromSeed,
  toBase64,
  toHex,
} from '../ledger/index.ts';
import type { RulesEvent } from '../rules/index.ts';
import { SHIELDED_PERSON } from '../rules/violations-model.ts';
import type { PeopleDirectory, Principal } from '../store/people.ts';
import type { AppendRequest, Reveal } from '../store/types.ts';
import type { LedgerEvent } from '../ledger/index.ts';
import { COMMITMENT_TYPE, type CommitmentEvent } from './history.ts';

export type Random = (bytes: number) => Uint8Array;

/**
 * `crypto.randomBytes`, drawn 4 KiB at a time: one call into the CSPRNG costs about 10 us whatever
 * its size, and a command takes a record id (12 bytes) and a salt (32) or two. Each caller gets
 * its own copy of the bytes, never a view of the page.
 */
export function pooledRandom(pageBytes = 4096): Random {
  let page = randomBytes(pageBytes);
  let at = 0;
  return (n) => {
    if (n > pageBytes) return new Uint8Array(randomBytes(n));
    if (at + n > page.length) {
      page = randomBytes(pageBytes);
      at = 0;
    }
    const bytes = new Uint8Array(page.subarray(at, at + n));
    at += n;
    return bytes;
  };
}

/** Salts are 32 random bytes: twice the minimum, so no value space is small enough to guess. */
const SALT_BYTES = Math.max(32, MIN_SALT_BYTES);

export interface Prepared {
  readonly request: AppendRequest;
  /** The owner's opening of the entry's commitment, without its seq (known after the append). */
  readonly reveal?: Omit<Reveal, 'seq'>;
}

export interface Key {
  readonly id: string;
  readonly party: string;
  readonly privateKey: KeyObject;
  /** Raw public key, standard base64, as the entry names it. */
  readonly publicKey: string;
}

const keyOf = (id: string, party: string, privateKey: KeyObject): Key => ({
  id,
  party,
  privateKey,
  publicKey: toBase64(rawPublicKey(privateKey)),
});

/**
 * The key the server signs with for a person. A person who registered their own public key signs
 * their commands on their own device (`client-signed.ts`): an unsigned command of theirs is
 * refused rather than signed with a key they do not hold.
 */
export function personKeys(people: PeopleDirectory): (principal: Principal) => Promise<Key> {
  // Importing a key costs about a millisecond; a person's key never changes, so it is kept.
  const cache = new Map<string, Key>();
  return async (principal) => {
    const cached = cache.get(principal.person);
    if (cached) return cached;
    const signer = await people.signer(principal.person);
    if (signer === undefined)
      throw new JigError(
        'NOT_AUTHORIZED',
        `${principal.name} signs their commands on their own device: send this command signed (POST /api/v1/commands/signed).`,
        {
          issues: [
            { pointer: '', reason: `unsigned: no signature by the key registered for ${principal.name}` },
          ],
        },
      );
    const key = keyOf(principal.person, principal.party, signer.privateKey);
    cache.set(principal.person, key);
    return key;
  };
}

/**
 * A party's office key, for entries whose author is shielded (`SHIELDED_PERSON`): derived from
 * the log key, so that it survives restarts without another secret to keep, and names the party,
 * never the person.
 */
export function officeKeys(logKey: KeyObject): (party: PartyId) => Key {
  const seed = logKey.export({ format: 'der', type: 'pkcs8' });
  const cache = new Map<PartyId, Key>();
  return (party) => {
    let key = cache.get(party);
    if (key === undefined) {
      const derived = createHash('sha256')
        .update('jig/office-key/v1\u0000')
        .update(seed)
        .update(party)
        .digest();
      key = keyOf(SHIELDED_PERSON, party, signingKeyFromSeed(new Uint8Array(derived)));
      cache.set(party, key);
    }
    return key;
  };
}

export function prepareEntries(
  events: readonly RulesEvent[],
  person: Key,
  office: (party: PartyId) => Key,
  random: Random,
): Prepared[] {
  return events.map((event) => {
    const key = event.by.person === SHIELDED_PERSON ? office(event.by.party) : person;
    const actor = { id: key.id, party: key.party, key: key.publicKey };
    if (event.release === 'joint')
      return { request: { actor, event: event as unknown as LedgerEvent, privateKey: key.privateKey } };
    const salt = random(SALT_BYTES);
    const commitment = toHex(commit(event, salt));
    const ledgerEvent: CommitmentEvent = {
      type: COMMITMENT_TYPE,
      record: event.record,
      owner: event.owner,
      release: event.release,
      at: event.at,
      commitment,
    };
    return {
      request: { actor, event: ledgerEvent as unknown as LedgerEvent, privateKey: key.privateKey },
      reveal: { commitment, ownerParty: event.owner, salt, value: event },
    };
  });
}
