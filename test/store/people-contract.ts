// One contract for every people directory adapter (in memory, SQLite, PostgreSQL): each runs these
// tests. `open` gives a directory over empty records.
import { strict as assert } from 'node:assert';
import { verify, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { describe, it } from 'node:test';
import { fixedClock, partyId } from '../../src/core/index.ts';
import type { PeopleDirectory } from '../../src/store/people.ts';
import type { DirectoryOptions } from '../../src/store/people-directory.ts';

export const CHEAP_SCRYPT = { N: 1024, r: 8, p: 1 };
type Open = (options: DirectoryOptions) => PeopleDirectory | Promise<PeopleDirectory>;

const US = partyId('US');
const MINUTE = 60_000;

async function setup(open: Open): Promise<{ people: PeopleDirectory; clock: ReturnType<typeof fixedClock> }> {
  const clock = fixedClock(Date.UTC(2016, 6, 20));
  const people = await open({
    clock: clock,
    scrypt: CHEAP_SCRYPT,
    sessionIdleMs: 30 * MINUTE,
    sessionMaxMs: 8 * 60 * MINUTE,
  });
  return { people, clock };
}

export function peopleDirectoryContract(name: string, open: Open): void {
  describe(`people directory (${name})`, () => {
    describe('when a person is added', () => {
      it('prints a password and a token that both identify the person', async () => {
        const { people } = await setup(open);
        const added = await people.add({ name: 'alice', party: US, role: 'approver' });
        assert.equal((await people.checkPassword('alice', added.password))?.person, added.person.person);
        assert.deepEqual(await people.authenticateToken(added.token), {
          person: added.person.person,
          name: 'alice',
          party: US,
          role: 'approver',
        });
        assert.equal(added.person.mustChangePassword, true);
      });

      it('refuses a second person of the same name', async () => {
        const { people } = await setup(open);
        await people.add({ name: 'alice', party: US, role: 'approver' });
        await assert.rejects(people.add({ name: 'alice', party: US, role: 'monitor' }));
      });
    });

    describe('passwords', () => {
      it('refuse a wrong password and an unknown name alike', async () => {
        const { people } = await setup(open);
        await people.add({ name: 'alice', party: US, role: 'approver' });
        assert.equal(await people.checkPassword('alice', 'wrong'), undefined);
        assert.equal(await people.checkPassword('nobody', 'wrong'), undefined);
      });

      it('can be changed with the current one, which then stops working', async () => {
        const { people } = await setup(open);
        const added = await people.add({ name: 'alice', party: US, role: 'approver' });
        assert.equal(await people.changePassword(added.person.person, 'wrong', 'next-secret'), false);
        assert.equal(await people.changePassword(added.person.person, added.password, 'next-secret'), true);
        assert.equal(await people.checkPassword('alice', added.password), undefined);
        assert.equal((await people.checkPassword('alice', 'next-secret'))?.mustChangePassword, false);
      });
    });

    describe('tokens', () => {
      it('stop working once revoked', async () => {
        const { people } = await setup(open);
        const added = await people.add({ name: 'alice', party: US, role: 'approver' });
        const second = await people.issueToken(added.person.person);
        await people.revokeToken(added.tokenId);
        assert.equal(await people.authenticateToken(added.token), undefined);
        assert.equal((await people.authenticateToken(second.token))?.name, 'alice');
      });

      it('are unknown when forged', async () => {
        const { people } = await setup(open);
        const added = await people.add({ name: 'alice', party: US, role: 'approver' });
        assert.equal(await people.authenticateToken(added.token.slice(0, -1) + 'x'), undefined);
        assert.equal(await people.authenticateToken(''), undefined);
      });
    });

    describe('sessions', () => {
      it('end after the idle timeout without requests', async () => {
        const { people, clock } = await setup(open);
        const added = await people.add({ name: 'alice', party: US, role: 'approver' });
        const ticket = await people.openSession(added.person.person);
        clock.advance(20 * MINUTE);
        assert.equal((await people.session(ticket.id))?.name, 'alice');
        clock.advance(20 * MINUTE);
        assert.equal((await people.session(ticket.id))?.name, 'alice', 'the idle window slides');
        clock.advance(31 * MINUTE);
        assert.equal(await people.session(ticket.id), undefined);
      });

      it('end at the absolute timeout however active', async () => {
        const { people, clock } = await setup(open);
        const added = await people.add({ name: 'alice', party: US, role: 'approver' });
        const ticket = await people.openSession(added.person.person);
        for (let i = 0; i < 16; i++) {
          clock.advance(29 * MINUTE);
          await people.session(ticket.id);
        }
        clock.advance(20 * MINUTE);
        assert.equal(await people.session(ticket.id), undefined);
      });

      it('end at once on logout, and each login gets a new id', async () => {
        const { people } = await setup(open);
        const added = await people.add({ name: 'alice', party: US, role: 'approver' });
        const a = await people.openSession(added.person.person);
        const b = await people.openSession(added.person.person);
        assert.notEqual(a.id, b.id);
        await people.closeSession(a.id);
        assert.equal(await people.session(a.id), undefined);
        assert.equal((await people.session(b.id))?.name, 'alice');
      });
    });

    describe('keys', () => {
      it('signs for a person whose key the server holds, verifiably', async () => {
        const { people } = await setup(open);
        const added = await people.add({ name: 'alice', party: US, role: 'approver' });
        const signer = await people.signer(added.person.person);
        assert.ok(signer);
        const message = new TextEncoder().encode('checkpoint');
        const spki = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), signer.publicKey]);
        const key = createPublicKey({ key: spki, format: 'der', type: 'spki' });
        assert.ok(verify(null, message, key, signer.sign(message)));
        assert.equal(Buffer.from(signer.publicKey).toString('base64url'), added.person.publicKey);
      });

      it('keeps only the public key of a person who signs on their own device', async () => {
        const { people } = await setup(open);
        const own = generateKeyPairSync('ed25519').publicKey.export({ format: 'der', type: 'spki' });
        const raw = own.subarray(own.length - 32);
        const added = await people.add({ name: 'bob', party: US, role: 'operator', publicKey: raw });
        assert.equal(await people.signer(added.person.person), undefined);
        assert.equal(added.person.publicKey, raw.toString('base64url'));
        assert.equal(added.person.serverSigns, false);
      });
    });
  });
}
