import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { partyId } from '../../src/core/index.ts';
import { openPostgresStore, type OpenedStore } from '../../src/store/index.ts';
import { createPeopleDirectory } from '../../src/store/people-directory.ts';
import { onDatabase, postgresForThisFile } from '../support/postgres.ts';
import { CHEAP_SCRYPT, peopleDirectoryContract } from './people-contract.ts';

const db = await postgresForThisFile();

if (db) {
  const { url } = db;
  let store: OpenedStore;
  before(async () => {
    store = await openPostgresStore({ url });
  });
  after(() => store.close());
  const empty = () => onDatabase(url, (c) => c.query('TRUNCATE sessions, api_tokens, people'));

  peopleDirectoryContract('PostgreSQL', async (options) => {
    await empty();
    return createPeopleDirectory(store.people, options);
  });

  describe('people directory (PostgreSQL) storage', () => {
    it('keeps no password, token or session id in clear', async () => {
      await empty();
      const people = createPeopleDirectory(store.people, { scrypt: CHEAP_SCRYPT });
      const added = await people.add({ name: 'alice', party: partyId('US'), role: 'monitor' });
      const session = await people.openSession(added.person.person);
      const dump = await onDatabase(url, async (c) => {
        const rows: unknown[] = [];
        for (const t of ['people', 'api_tokens', 'sessions'])
          rows.push((await c.query(`SELECT * FROM ${t}`)).rows);
        return JSON.stringify(rows);
      });
      for (const secret of [added.password, added.token, session.id]) assert.ok(!dump.includes(secret));
    });

    it('shares sessions and revocations between two server instances on one database', async () => {
      await empty();
      const other = await openPostgresStore({ url });
      try {
        const a = createPeopleDirectory(store.people, { scrypt: CHEAP_SCRYPT });
        const b = createPeopleDirectory(other.people, { scrypt: CHEAP_SCRYPT });
        const added = await a.add({ name: 'alice', party: partyId('US'), role: 'monitor' });
        const ticket = await a.openSession(added.person.person);
        assert.equal((await b.session(ticket.id))?.name, 'alice');
        await b.closeSession(ticket.id);
        assert.equal(await a.session(ticket.id), undefined);
        await b.revokeToken(added.tokenId);
        assert.equal(await a.authenticateToken(added.token), undefined);
      } finally {
        await other.close();
      }
    });
  });
}
