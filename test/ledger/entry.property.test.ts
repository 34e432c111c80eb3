import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  ENTRY_MEDIA_TYPE,
  canonicalize,
  decodeEntry,
  fromBase64,
  openEntry,
  publicKeyFromBase64,
  publicKeyToBase64,
  rawPublicKey,
  sealEntry,
  toBase64,
  verifyEd25519,
  verifyEntrySignature,
  type EntryBody,
} from '../../src/ledger/index.ts';
import { keyFromLabel } from './helpers.ts';

const key = keyFromLabel('property signer');
const actorKey = publicKeyToBase64(key);
const name = fc.string({ unit: 'binary', minLength: 1, maxLength: 12 });
const hex64 = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => Buffer.from(b).toString('hex'));
const time = fc.integer({ min: 0, max: 4_102_444_800_000 }).map((ms) => new Date(ms).toISOString());

/** Valid bodies with arbitrary JSON in the event and arbitrary Unicode in names. */
const body: fc.Arbitrary<EntryBody> = fc
  .record({
    seq: fc.nat(),
    prev: hex64,
    time,
    id: name,
    party: name,
    type: name,
    fields: fc.dictionary(fc.string({ unit: 'binary', maxLength: 6 }), fc.jsonValue({ maxDepth: 3 })),
  })
  .map(({ seq, prev, time, id, party, type, fields }) => ({
    mediaType: ENTRY_MEDIA_TYPE,
    seq,
    prev: seq === 0 ? '' : prev,
    time,
    actor: { id, party, key: actorKey },
    event: { ...fields, type },
  }));

describe('sealing an entry in one canonicalization', () => {
  it('gives the bytes that canonicalizing the signed entry gives, signed over the canonical body', () => {
    fc.assert(
      fc.property(body, (b) => {
        const { entry, bytes } = sealEntry(b, key);
        assert.deepEqual(bytes, canonicalize({ ...b, sig: entry.sig }));
        const sig = fromBase64(entry.sig);
        assert.ok(sig && verifyEd25519(rawPublicKey(key), canonicalize(b), sig));
        assert.ok(verifyEntrySignature(entry));
      }),
      { numRuns: 300, seed: 8785 },
    );
  });

  it('decodes and opens its own bytes, with the signature holding', () => {
    fc.assert(
      fc.property(body, (b) => {
        const { bytes } = sealEntry(b, key);
        const decoded = decodeEntry(bytes);
        assert.ok(decoded.ok, JSON.stringify(!decoded.ok && decoded.error));
        assert.deepEqual(canonicalize(decoded.value), bytes);
        const opened = openEntry(bytes);
        assert.ok(opened.ok && opened.value.signatureValid);
      }),
      { numRuns: 200, seed: 9162 },
    );
  });

  it('orders the top-level members as RFC 8785 sorts them, sig between seq and time', () => {
    const fixed: EntryBody = {
      mediaType: ENTRY_MEDIA_TYPE,
      seq: 0,
      prev: '',
      time: '2016-07-15T10:00:00.000Z',
      actor: { id: 'a', party: 'US', key: actorKey },
      event: { type: 'Noted' },
    };
    const text = new TextDecoder().decode(sealEntry(fixed, key).bytes);
    const keys = Object.keys(JSON.parse(text) as object);
    assert.deepEqual(keys, ['actor', 'event', 'mediaType', 'prev', 'seq', 'sig', 'time']);
    assert.deepEqual(keys, [...keys].sort());
  });

  it('refuses a body whose event has no canonical form', () => {
    const bad = { ...sampleBody(), event: { type: 'Noted', x: Number.NaN } };
    assert.throws(() => sealEntry(bad, key), /INVALID_INPUT|canonical/);
  });
});

describe('opening entry bytes', () => {
  it('never throws and never accepts a changed byte with a valid signature', () => {
    const { bytes } = sealEntry(sampleBody(), key);
    fc.assert(
      fc.property(fc.nat(bytes.length - 1), fc.integer({ min: 1, max: 255 }), (at, xor) => {
        const tampered = new Uint8Array(bytes);
        tampered[at] = tampered[at]! ^ xor;
        const opened = openEntry(tampered);
        assert.ok(!opened.ok || !opened.value.signatureValid, `byte ${at} ^ ${xor} passed`);
      }),
      { numRuns: 400, seed: 32 },
    );
  });
});

describe('key caches', () => {
  it('hand out copies of a cached public key', () => {
    const first = rawPublicKey(key);
    first.fill(0);
    assert.equal(toBase64(rawPublicKey(key)), actorKey);
  });

  it('refuse a non-canonical spelling of a key already cached', () => {
    assert.ok(publicKeyFromBase64(actorKey));
    // The same 32 bytes with one of the unused low bits of the last digit set.
    const digits = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    const sibling = actorKey.slice(0, -2) + digits[digits.indexOf(actorKey.at(-2)!) ^ 1]! + '=';
    assert.deepEqual(Buffer.from(sibling, 'base64'), Buffer.from(actorKey, 'base64'));
    assert.equal(publicKeyFromBase64(sibling), undefined);
  });
});

describe('strict base64', () => {
  const reference = (s: string) => {
    const b = Buffer.from(s, 'base64');
    return /^[A-Za-z0-9+/]*={0,2}$/.test(s) && s.length % 4 === 0 && b.toString('base64') === s
      ? b
      : undefined;
  };
  it('accepts exactly the strings that re-encode to themselves', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 40 }),
        fc.nat(),
        fc.integer({ min: 0, max: 127 }),
        (b, at, c) => {
          const good = Buffer.from(b).toString('base64');
          const chars = good.split('');
          if (chars.length > 0) chars[at % chars.length] = String.fromCharCode(c);
          for (const s of [good, chars.join('')]) {
            const want = reference(s);
            const got = fromBase64(s);
            assert.equal(got === undefined, want === undefined, s);
            if (want && got) assert.deepEqual(Buffer.from(got), want);
          }
        },
      ),
      { numRuns: 2000, seed: 4648 },
    );
  });
});

function sampleBody(): EntryBody {
  return {
    mediaType: ENTRY_MEDIA_TYPE,
    seq: 3,
    prev: 'ab'.repeat(32),
    time: '2016-07-15T10:00:00.000Z',
    actor: { id: 'us-op-1', party: 'US', key: actorKey },
    event: { type: 'Noted', note: 'Ä — “quoted”', at: [36.2, 37.1] },
  };
}
