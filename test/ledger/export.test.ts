import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { commit, verifyExport, verifyReveal } from '../../src/ledger/index.ts';
import { buildExport, origin, salt, witnesses } from './log-fixture.ts';

const run = (text: string | Uint8Array, chunk = 97, requireCosigned = true) => {
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
  const chunks = Array.from({ length: Math.ceil(bytes.length / chunk) }, (_, i) =>
    bytes.subarray(i * chunk, (i + 1) * chunk),
  );
  return verifyExport(chunks, { requireCosigned });
};

describe('commitments', () => {
  it('open with the right value and salt only', () => {
    const c = commit({ lat: 36.2 }, salt(0));
    assert.ok(verifyReveal(c, { value: { lat: 36.2 }, salt: salt(0) }));
    assert.equal(verifyReveal(c, { value: { lat: 36.3 }, salt: salt(0) }), false);
    assert.equal(verifyReveal(c, { value: { lat: 36.2 }, salt: salt(1) }), false);
    assert.equal(verifyReveal(c, { value: { lat: 36.2 }, salt: new Uint8Array(4) }), false);
    assert.throws(() => commit(1, new Uint8Array(15)), /salt/);
  });
});

describe('a ledger export', () => {
  const text = buildExport(40, [0, 5, 5, 16, 33, 40]);

  it('verifies: signatures, chain, roots, cosignatures, consistency and reveals', async () => {
    const seen: number[] = [];
    const v = await verifyExport([new TextEncoder().encode(text)], { onProgress: (p) => seen.push(p.lines) });
    assert.ok(v.ok, v.ok ? '' : JSON.stringify(v.failure));
    assert.deepEqual(
      { ...v.report },
      {
        origin,
        entries: 40,
        checkpoints: 6,
        cosignedSize: 40,
        checkpointedSize: 40,
        reveals: 13,
        signedCommands: 0,
      },
    );
    assert.equal(seen.at(-1), text.split('\n').length - 1);
  });

  it('verifies whatever the chunking of the stream', async () => {
    for (const chunk of [1, 7, 4096]) assert.ok((await run(text, chunk)).ok);
  });

  it('fails at a checkpoint that a party has not cosigned, unless partial cosigning is allowed', async () => {
    const partial = buildExport(6, [6], witnesses.slice(0, 1));
    const v = await run(partial);
    assert.ok(
      !v.ok && v.failure.where === 'checkpoint of size 6' && /not cosigned by ru/.test(v.failure.reason),
    );
    const relaxed = await run(partial, 97, false);
    assert.ok(relaxed.ok && relaxed.report.cosignedSize === 0 && relaxed.report.checkpointedSize === 6);
  });

  it('names the entry whose signature fails', async () => {
    const lines = text.split('\n');
    const i = lines.findIndex((l) => l.includes('"entry"')) + 3; // entry 3
    const bytes = Buffer.from((JSON.parse(lines[i]!) as { entry: string }).entry, 'base64')
      .toString()
      .replace('"seq":3,"type"', '"seq":4,"type"');
    lines[i] = JSON.stringify({ entry: Buffer.from(bytes).toString('base64') });
    const v = await run(lines.join('\n'));
    assert.ok(!v.ok);
    assert.equal(v.failure.where, 'entry 3');
    assert.equal(v.failure.line, i + 1);
    assert.match(v.failure.reason, /bad signature/);
  });

  it('refuses an entry line that is valid JSON but not canonical, naming its line', async () => {
    const lines = text.split('\n');
    const i = lines.findIndex((l) => l.startsWith('{"entry":')) + 2;
    const b64 = (JSON.parse(lines[i]!) as { entry: string }).entry;
    const variants = [
      `{"entry": "${b64}"}`,
      `{"entry":"${b64.slice(0, -1)}\\u00${b64.charCodeAt(b64.length - 1).toString(16)}"}`,
      `{"entry":"\\u00${b64.charCodeAt(0).toString(16)}${b64.slice(1)}"}`,
      `{"entry":"${b64}"} `,
      `{"entry":"${b64}","entry":"${b64}"}`,
    ];
    for (const variant of variants) {
      assert.deepEqual(JSON.parse(variant), { entry: b64 });
      const v = await run([...lines.slice(0, i), variant, ...lines.slice(i + 1)].join('\n'));
      assert.ok(!v.ok && v.failure.line === i + 1 && /canonical/.test(v.failure.reason), variant);
    }
  });

  it('fails when an entry is dropped, naming the next one', async () => {
    const lines = text.split('\n');
    const i = lines.findIndex((l) => l.includes('"entry"')) + 1;
    lines.splice(i, 1);
    const v = await run(lines.join('\n'));
    assert.ok(!v.ok && v.failure.where === 'entry 1' && /prev|seq/.test(v.failure.reason));
  });

  it('fails when any one byte changes, naming where', async () => {
    const bytes = new TextEncoder().encode(text);
    const lineOf = (at: number) => bytes.subarray(0, at).filter((b) => b === 0x0a).length + 1;
    await fc.assert(
      fc.asyncProperty(fc.nat(bytes.length - 1), fc.integer({ min: 1, max: 255 }), async (at, xor) => {
        const tampered = new Uint8Array(bytes);
        tampered[at] = tampered[at]! ^ xor;
        const v = await run(tampered, 512);
        assert.equal(v.ok, false, `byte ${at} ^ ${xor} passed`);
        if (!v.ok) {
          assert.ok(v.failure.where.length > 0 && v.failure.reason.length > 0);
          // A change is caught on its own line, or at the checkpoint or reveal that covers it.
          assert.ok(v.failure.line >= lineOf(at) || bytes[at] === 0x0a, JSON.stringify(v.failure));
        }
      }),
      { numRuns: 120, seed: 8785 },
    );
  });
});
