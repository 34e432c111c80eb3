import Database from 'better-sqlite3';
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { partyId } from '../../src/core/index.ts';
import { openPeopleTables } from '../../src/store/people-sqlite.ts';
import { CHEAP_SCRYPT, peopleDirectoryContract } from './people-contract.ts';

peopleDirectoryContract('SQLite', (options) => openPeopleTables(new Database(':memory:'), options));

describe('people directory (SQLite) storage', () => {
  it('keeps no password, token or session id in clear', async () => {
    const db = new Database(':memory:');
    const people = openPeopleTables(db, { scrypt: CHEAP_SCRYPT });
    const added = await people.add({ name: 'alice', party: partyId('US'), role: 'monitor' });
    const session = await people.openSession(added.person.person);
    const dump = JSON.stringify([
      db.prepare('SELECT * FROM people').all(),
      db.prepare('SELECT * FROM api_tokens').all(),
      db.prepare('SELECT * FROM sessions').all(),
    ]);
    for (const secret of [added.password, added.token, session.id]) assert.ok(!dump.includes(secret));
  });

  it('shares sessions between two directories on one database, as two server instances would', async () => {
    const db = new Database(':memory:');
    const a = openPeopleTables(db, { scrypt: CHEAP_SCRYPT });
    const b = openPeopleTables(db, { scrypt: CHEAP_SCRYPT });
    const added = await a.add({ name: 'alice', party: partyId('US'), role: 'monitor' });
    const ticket = await a.openSession(added.person.person);
    assert.equal((await b.session(ticket.id))?.name, 'alice');
    await b.closeSession(ticket.id);
    assert.equal(await a.session(ticket.id), undefined);
  });
});
