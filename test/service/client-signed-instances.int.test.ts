// Two server instances on one PostgreSQL database: a signed command accepted by one is refused
// when replayed to the other, whose memory has never seen its nonce; the append transaction does.
import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { after, describe, it } from 'node:test';
import { fixedClock, partyId } from '../../src/core/index.ts';
import { generateSigningKey, rawPublicKey, signCommand } from '../../src/ledger/index.ts';
import { openJigService, type OpenJigService } from '../../src/service/index.ts';
import { openStore } from '../../src/store/index.ts';
import { memoryPeopleDirectory } from '../../src/store/people-memory.ts';
import type { LedgerStore } from '../../src/store/types.ts';
import { CHEAP_SCRYPT } from '../store/people-contract.ts';
import { postgresForThisFile } from '../support/postgres.ts';
import { agreement, iso, logKey, nomination, seededRandom, T0 } from './fixture.ts';

const db = await postgresForThisFile();

describe('client-signed commands on several instances', { skip: db === undefined }, () => {
  const opened: { store: LedgerStore; service: OpenJigService }[] = [];
  after(async () => {
    for (const { service, store } of opened) {
      await service.close();
      await store.close();
    }
  });

  it('refuses on one instance the replay of a command accepted by another', async () => {
    const clock = fixedClock(T0);
    const people = memoryPeopleDirectory({ scrypt: CHEAP_SCRYPT, clock });
    const device = generateSigningKey();
    const { person: alice } = await people.add({
      name: 'alice',
      party: partyId('US'),
      role: 'operator',
      publicKey: rawPublicKey(device),
    });
    for (const seed of ['a', 'b']) {
      const store = await openStore(db?.url ?? '', { clock });
      const service = await openJigService({
        store,
        people,
        agreement,
        clock,
        logKey,
        random: seededRandom(seed),
      });
      opened.push({ store, service });
    }
    const [a, b] = opened.map((o) => o.service);
    assert.ok(a && b);
    const signed = signCommand(device, a.origin, {
      person: alice.person,
      command: nomination([36.5, 36.5]),
      at: iso(T0),
      nonce: randomBytes(16).toString('base64url'),
    });
    await a.executeSigned(alice, signed);
    const size = await opened[0]?.store.size();
    await assert.rejects(b.executeSigned(alice, signed), { code: 'CONFLICT', message: /accepted before/ });
    assert.equal(await opened[1]?.store.size(), size);
  });
});
