// Checkpoints signed by the log key and cosigned by each party's witness (the in-process
// stand-ins), cosignatures verified before they are kept, and keys published for verifiers.
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { JigError, partyId } from '../../src/core/index.ts';
import { isFullyCosigned, parseVerifierKey, signingKeyFromSeed } from '../../src/ledger/index.ts';
import { localWitnessKeys, startLocalWitnesses, type LocalWitness } from '../../src/service/index.ts';
import { logKey, serviceFixture, site, type Fixture } from './fixture.ts';

const witnesses: LocalWitness[] = [
  { party: partyId('US'), key: signingKeyFromSeed(new Uint8Array(32).fill(1)) },
  { party: partyId('RU'), key: signingKeyFromSeed(new Uint8Array(32).fill(2)) },
];
const vkeys = localWitnessKeys(witnesses, 'jig.example/jig_2016');
const verifiers = vkeys.map((k) => {
  const parsed = parseVerifierKey(k);
  assert.ok(parsed.ok);
  return parsed.value.verifier;
});

describe('checkpoints and witnesses', () => {
  let f: Fixture;
  before(async () => {
    f = await serviceFixture({ witnesses: vkeys });
    startLocalWitnesses({ service: f.service, logKey, witnesses });
  });
  after(() => f.close());

  it('signs a checkpoint of the whole ledger that every party’s witness cosigns', async () => {
    await f.service.execute(f.person('US', 'operator'), site([36.2, 35.2]));
    const first = await f.service.ledger.checkpoint();
    assert.equal(first.size, await f.store.size());
    assert.ok(isFullyCosigned(first.note, verifiers));
    await f.service.execute(f.person('RU', 'operator'), site([36.4, 35.4]));
    const second = await f.service.ledger.checkpoint();
    assert.equal(second.size, first.size + 1);
    assert.ok(isFullyCosigned(second.note, verifiers), 'cosigned again after a consistency proof');
  });

  it('publishes the log key and the witness keys', async () => {
    const { keys } = await f.service.ledger.keys();
    assert.equal(keys.length, 3);
    assert.deepEqual(keys.slice(1), vkeys);
  });

  it('refuses a note that carries no valid party cosignature', async () => {
    const cp = await f.service.ledger.checkpoint();
    const logOnly = cp.note
      .split('\n')
      .filter((l) => !l.includes('.witness.'))
      .join('\n');
    await assert.rejects(
      f.service.ledger.addCosignatures(logOnly),
      (e) => e instanceof JigError && e.code === 'INVALID_SIGNATURE',
    );
  });
});
