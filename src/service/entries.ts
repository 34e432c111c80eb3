/**
 * From decided events to append requests: who signs each entry, and what the joint ledger holds.
 * Joint events go in clear; `office` and `sealed` ones as a salted commitment whose opening (the
 * event and its salt) is kept as the owner's reveal, written in the same transaction.
 */
import { createHash, type KeyObject } from 'node:crypto';
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

/** Salts are 32 random bytes: twice the minimum, so no value space is small enough to guess. */
const SALT_BYTES = Math.max(32, MIN_SALT_BYTES);

export interface Prepared {
  readonly request: AppendRequest;
  /** The owner's opening of the entry's commitment, without its seq (known after the append). */
  readonly reveal?: Omit<Reveal, 'seq'>;
}

interface Key {
  readonly id: string;
  readonly party: string;
  readonly privateKey: KeyObject;
}

/**
 * The key the server signs with for a person. A person who registered their own public key signs
 * on their own device: this is where a client-signed entry would be accepted. Until the API takes
 * client signatures, their commands are refused rather than signed with a key they do not hold.
 */
export async function personKey(people: PeopleDirectory, principal: Principal): Promise<Key> {
  const signer = await people.signer(principal.person);
  if (signer === undefined)
    throw new JigError(
      'NOT_ALLOWED_BY_POLICY',
      `${principal.name} signs on their own device; the server does not sign for them, and client-signed commands are not accepted yet`,
    );
  return { id: principal.person, party: principal.party, privateKey: signer.privateKey };
}

/**
 * A party's office key, for entries whose author is shielded (`SHIELDED_PERSON`): derived from
 * the log key, so that it survives restarts without another secret to keep, and names the party,
 * never the person.
 */
export function officeKeys(logKey: KeyObject): (party: PartyId) => KeyObject {
  const seed = logKey.export({ format: 'der', type: 'pkcs8' });
  const cache = new Map<PartyId, KeyObject>();
  return (party) => {
    let key = cache.get(party);
    if (key === undefined) {
      const derived = createHash('sha256')
        .update('jig/office-key/v1\u0000')
        .update(seed)
        .update(party)
        .digest();
      key = signingKeyFromSeed(new Uint8Array(derived));
      cache.set(party, key);
    }
    return key;
  };
}

export function prepareEntries(
  events: readonly RulesEvent[],
  person: Key,
  office: (party: PartyId) => KeyObject,
  random: Random,
): Prepared[] {
  return events.map((event) => {
    const key: Key =
      event.by.person === SHIELDED_PERSON
        ? { id: SHIELDED_PERSON, party: event.by.party, privateKey: office(event.by.party) }
        : person;
    const actor = { id: key.id, party: key.party, key: toBase64(rawPublicKey(key.privateKey)) };
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
