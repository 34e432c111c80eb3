// A person who registered their own public key: their commands count only when signed on their own
// device, the ledger carries each envelope (inside the commitment of office and sealed events),
// and a replay is refused in memory, after a restart and from the ledger's own projections.
import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { partyId, type PersonId } from '../../src/core/index.ts';
import {
  decodeEntry,
  generateSigningKey,
  rawPublicKey,
  signCommand,
  verifySignedCommand,
  type SignedCommand,
} from '../../src/ledger/index.ts';
import type { Principal } from '../../src/service/types.ts';
import { examples } from '../../src/server/examples.ts';
import { iso, nomination, serviceFixture, site, T0, type Fixture } from './fixture.ts';

const deviceKey = generateSigningKey();
const nonce = () => randomBytes(16).toString('base64url');

describe('client-signed commands', () => {
  let f: Fixture;
  let alice: Principal;
  const sign = (command: { type: string }, at = iso(T0)): SignedCommand =>
    signCommand(deviceKey, f.service.origin, { person: alice.person, command, at, nonce: nonce() });

  before(async () => {
    f = await serviceFixture();
    const added = await f.people.add({
      name: 'alice',
      party: partyId('US'),
      role: 'operator',
      publicKey: rawPublicKey(deviceKey),
    });
    alice = added.person;
  });
  after(() => f.close());

  async function entryAt(index: number) {
    const [stored] = await f.store.entries(index, index + 1);
    const decoded = decodeEntry(stored?.bytes ?? new Uint8Array());
    assert.ok(decoded.ok);
    return decoded.value;
  }

  it('refuses an unsigned command of the person, naming the signed route', async () => {
    await assert.rejects(f.service.execute(alice, nomination([36.5, 36.5])), (e: Error) => {
      assert.match(e.message, /signs their commands on their own device.*commands\/signed/);
      return true;
    });
  });

  it('decides a signed command, and its joint entries carry the envelope in clear', async () => {
    const signed = sign(nomination([36.5, 36.5]));
    const done = await f.service.executeSigned(alice, JSON.parse(JSON.stringify(signed)));
    const entry = await entryAt(done.index);
    assert.equal(entry.event.type, 'TargetNominated');
    assert.deepEqual(entry.actor, { ...entry.actor, id: alice.person, party: 'US' });
    assert.notEqual(entry.actor.key, Buffer.from(rawPublicKey(deviceKey)).toString('base64'));
    const carried = entry.event['signedCommand'];
    assert.deepEqual(carried, signed);
    assert.ok(verifySignedCommand(f.service.origin, carried).ok);
  });

  it('keeps the envelope inside the commitment of a sealed record', async () => {
    const signed = sign(site([36.1, 36.1], 'sealed'));
    const done = await f.service.executeSigned(alice, signed);
    const entry = await entryAt(done.index);
    assert.equal(entry.event.type, 'Commitment');
    assert.doesNotMatch(JSON.stringify(entry), /signedCommand|36\.1/);
    const [reveal] = (await f.store.reveals('US')).filter((r) => r.seq === done.index);
    assert.deepEqual((reveal?.value as Record<string, unknown>)['signedCommand'], signed);
  });

  it('keeps a shielded reporter out of the joint entry', async () => {
    const command = {
      type: 'ReportViolation',
      ...(examples['ReportViolation'] as object),
      shieldReporter: true,
    };
    const done = await f.service.executeSigned(alice, sign(command));
    const size = await f.store.size();
    const entries = await Promise.all(
      Array.from({ length: size - (done.index - 1) }, (_, i) => entryAt(done.index - 1 + i)),
    );
    const joint = entries.find((e) => e.event.type === 'ViolationReported');
    assert.ok(joint);
    assert.equal(joint.event['signedCommand'], undefined);
    assert.doesNotMatch(JSON.stringify(joint), new RegExp(alice.person));
    const sealed = entries.filter((e) => e.event.type === 'Commitment');
    assert.ok(sealed.length > 0);
    const reveals = await f.store.reveals('US');
    const opened = reveals.filter(
      (r) => r.value !== null && (r.value as { type: string }).type === 'ReporterSealed',
    );
    assert.ok(opened.some((r) => (r.value as Record<string, unknown>)['signedCommand'] !== undefined));
  });

  it('refuses a replay, an old or future time, another key and another person', async () => {
    const signed = sign(nomination([36.6, 36.6]));
    await f.service.executeSigned(alice, signed);
    await assert.rejects(f.service.executeSigned(alice, signed), { code: 'CONFLICT' });
    const sixMinutes = 6 * 60_000;
    await assert.rejects(
      f.service.executeSigned(alice, sign(nomination([36.6, 36.7]), iso(T0 - sixMinutes))),
      {
        code: 'NOT_AUTHORIZED',
        issues: [{ pointer: '/at', reason: "more than 5 minutes from the server's clock" }],
      },
    );
    await assert.rejects(
      f.service.executeSigned(alice, sign(nomination([36.6, 36.7]), iso(T0 + sixMinutes))),
      {
        code: 'NOT_AUTHORIZED',
      },
    );
    const other = signCommand(generateSigningKey(), f.service.origin, {
      person: alice.person,
      command: nomination([36.6, 36.8]),
      at: iso(T0),
      nonce: nonce(),
    });
    await assert.rejects(f.service.executeSigned(alice, other), (e: { issues: { pointer: string }[] }) => {
      assert.equal(e.issues[0]?.pointer, '/key');
      return true;
    });
    const bob = { ...alice, person: 'someone-else' as PersonId };
    await assert.rejects(f.service.executeSigned(bob, sign(nomination([36.6, 36.9]))), {
      code: 'NOT_AUTHORIZED',
    });
    const mutated = { ...sign(nomination([36.7, 36.7])), command: nomination([36.7, 36.8]) };
    await assert.rejects(f.service.executeSigned(alice, mutated), (e: { issues: { pointer: string }[] }) => {
      assert.equal(e.issues[0]?.pointer, '/sig');
      return true;
    });
  });

  it('refuses a signed command of a person whose key the server holds', async () => {
    const served = f.person('US', 'operator');
    const signed = signCommand(deviceKey, f.service.origin, {
      person: served.person,
      command: nomination([36.9, 36.9]),
      at: iso(T0),
      nonce: nonce(),
    });
    await assert.rejects(f.service.executeSigned(served, signed), { code: 'NOT_ALLOWED_BY_POLICY' });
  });

  it('refuses a replay after a restart, from what the ledger keeps', async () => {
    const signed = sign(nomination([37.0, 37.0]));
    await f.service.executeSigned(alice, signed);
    await f.reopen();
    const size = await f.store.size();
    await assert.rejects(f.service.executeSigned(alice, signed), {
      code: 'CONFLICT',
      message: /accepted before/,
    });
    assert.equal(await f.store.size(), size);
    // The service recovers and goes on deciding.
    await f.service.executeSigned(alice, sign(nomination([37.1, 37.1])));
    assert.equal(await f.store.size(), size + 1);
  });
});
