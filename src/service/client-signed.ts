/**
 * Commands that a person signed on their own device (`src/ledger/signed-command.ts`). The server
 * holds no key of such a person, so it cannot forge their commands: it accepts one only with a
 * signature by the key registered for them, signed for this log, within `SIGNED_COMMAND_WINDOW_MS`
 * of its clock, and with a nonce never accepted before. The entries decided from it are signed by
 * the person's party office key, under the person's id, and every event carries the envelope
 * (`signedCommand`), inside the commitment of office and sealed events.
 *
 * Nonces are remembered twice: in memory for the window (a replay is refused before the rules
 * run), and in the append transaction itself (projection namespace `signed-command-nonces`), so
 * that a replay sent to another server instance, or after a restart, is refused as well.
 */
import { JigError, parseRfc3339, type Clock, type PartyId } from '../core/index.ts';
import {
  SIGNED_COMMAND_WINDOW_MS,
  bytesEqual,
  fromBase64,
  parseSignedCommand,
  verifySignedCommand,
  type SignedCommand,
} from '../ledger/index.ts';
import type { RulesEvent } from '../rules/index.ts';
import { SHIELDED_PERSON } from '../rules/violations-model.ts';
import type { PeopleDirectory, Principal } from '../store/people.ts';
import type { ProjectionTx } from '../store/types.ts';
import type { Key } from './entries.ts';

export const NONCE_NAMESPACE = 'signed-command-nonces';

const refused = (pointer: string, reason: string, message = 'The command signature is not accepted.') =>
  new JigError('NOT_AUTHORIZED', message, { issues: [{ pointer, reason }] });

const replayed = () =>
  new JigError('CONFLICT', 'This signed command was accepted before: sign the command again.', {
    issues: [{ pointer: '/nonce', reason: 'already used' }],
  });

export class ClientSignatures {
  readonly #people: PeopleDirectory;
  readonly #origin: string;
  readonly #clock: Clock;
  readonly #office: (party: PartyId) => Key;
  /**
   * `person/nonce` -> when it may be forgotten: two windows after it was accepted, when its `at`
   * is surely outside the window. Insertion order is expiry order, so the oldest go first.
   */
  readonly #seen = new Map<string, number>();

  constructor(people: PeopleDirectory, origin: string, clock: Clock, office: (party: PartyId) => Key) {
    this.#people = people;
    this.#origin = origin;
    this.#clock = clock;
    this.#office = office;
  }

  /**
   * The envelope, verified for `principal`: the authenticated caller must be the signer, the key
   * the one registered for them, the signature good, `at` within the window and the nonce new.
   * Throws, in this order, `INVALID_INPUT` (malformed), `NOT_ALLOWED_BY_POLICY` (the server holds
   * the person's key: their commands go unsigned), `NOT_AUTHORIZED` (403: person, key, signature,
   * time) or `CONFLICT` (409: a replay).
   */
  async check(principal: Principal, envelope: unknown): Promise<SignedCommand> {
    const parsed = parseSignedCommand(envelope);
    if (!parsed.ok)
      throw new JigError('INVALID_INPUT', 'The signed command is invalid.', { issues: parsed.error });
    const person = await this.#people.get(principal.person);
    if (person === undefined) throw refused('/person', 'no such person');
    if (person.serverSigns)
      throw new JigError(
        'NOT_ALLOWED_BY_POLICY',
        `The server holds the key of ${principal.name} and signs for them: send the command unsigned.`,
        { issues: [{ pointer: '/key', reason: `no public key is registered for ${principal.name}` }] },
      );
    if (parsed.value.person !== principal.person)
      throw refused('/person', `must be the person of the credentials (${principal.person})`);
    const registered = new Uint8Array(Buffer.from(person.publicKey, 'base64url'));
    if (!bytesEqual(fromBase64(parsed.value.key) ?? new Uint8Array(), registered))
      throw refused('/key', `is not the key registered for ${principal.name}`);
    const verified = verifySignedCommand(this.#origin, envelope);
    if (!verified.ok) throw refused('/sig', `does not verify with the key registered for ${principal.name}`);
    const signed = verified.value;
    const now = this.#clock.now();
    const at = parseRfc3339(signed.at) ?? 0;
    if (Math.abs(now - at) > SIGNED_COMMAND_WINDOW_MS)
      throw refused('/at', `more than ${SIGNED_COMMAND_WINDOW_MS / 60_000} minutes from the server's clock`);
    this.#forgetExpired(now);
    const id = nonceKey(signed);
    if (this.#seen.has(id)) throw replayed();
    this.#seen.set(id, now + 2 * SIGNED_COMMAND_WINDOW_MS);
    return signed;
  }

  /** The key that signs the entries of a client-signed command: the party's, under the person's id. */
  key(principal: Principal): Key {
    return { ...this.#office(principal.party), id: principal.person };
  }

  /** In the append transaction: refuses a nonce already in the ledger's projections, else keeps it. */
  async remember(tx: ProjectionTx, signed: SignedCommand): Promise<void> {
    const id = nonceKey(signed);
    if ((await tx.get(NONCE_NAMESPACE, id)) !== undefined) throw replayed();
    await tx.put(NONCE_NAMESPACE, id, { at: signed.at });
  }

  #forgetExpired(now: number): void {
    for (const [id, until] of this.#seen) {
      if (until >= now) return;
      this.#seen.delete(id);
    }
  }
}

const nonceKey = (s: SignedCommand) => `${s.person}/${s.nonce}`;

/**
 * The events with the envelope that decided them. It goes in clear only when every event is
 * joint and attributed to the person; otherwise (a shielded reporter, a sealed or office record)
 * only the office and sealed events carry it, inside their commitments, so that the command's
 * content and its signer never reach parties who may not see them.
 */
export function withSignedCommand(events: readonly RulesEvent[], signed: SignedCommand): RulesEvent[] {
  const clear = events.every((e) => e.release === 'joint' && e.by.person !== SHIELDED_PERSON);
  return events.map((e) =>
    clear || e.release !== 'joint' ? ({ ...e, signedCommand: signed } as unknown as RulesEvent) : e,
  );
}
