import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import {
  ENTRY_MEDIA_TYPE,
  canonicalize,
  decodeEntry,
  encodeEntry,
  publicKeyToBase64,
  signEntry,
  verifyEntrySignature,
  type EntryBody,
} from '../../src/ledger/index.ts';
import { chain, keyFromLabel } from './helpers.ts';

const key = keyFromLabel('entry test');
const body: EntryBody = {
  mediaType: ENTRY_MEDIA_TYPE,
  seq: 0,
  prev: '',
  time: '2016-07-15T10:00:00.000Z',
  actor: { id: 'us-op-1', party: 'US', key: publicKeyToBase64(key) },
  event: { type: 'TargetNominated', location: [36.2, 37.1], note: 'Ä — “quoted”' },
};
const enc = (v: unknown) => canonicalize(v);

describe('ledger entries', () => {
  it('sign, encode canonically and decode back to the same entry', () => {
    const signed = signEntry(body, key);
    const bytes = encodeEntry(signed);
    const back = decodeEntry(bytes);
    assert.ok(back.ok);
    assert.deepEqual(back.value, signed);
    assert.ok(verifyEntrySignature(back.value));
  });

  it('fail signature verification when any field changes', () => {
    const signed = signEntry(body, key);
    assert.equal(verifyEntrySignature({ ...signed, seq: 1, prev: 'a'.repeat(64) }), false);
    assert.equal(verifyEntrySignature({ ...signed, event: { ...signed.event, note: 'x' } }), false);
    assert.equal(verifyEntrySignature({ ...signed, actor: { ...signed.actor, party: 'RU' } }), false);
    assert.equal(verifyEntrySignature({ ...signed, sig: 'AAAA' }), false);
    assert.equal(verifyEntrySignature(null as never), false);
  });

  it('refuse to sign with a key that is not the actor key', () => {
    assert.throws(() => signEntry(body, keyFromLabel('someone else')), /actor key/);
  });

  it('link each entry to the previous one', () => {
    const entries = chain(3);
    assert.equal(entries[0]?.prev, '');
    assert.match(entries[1]?.prev ?? '', /^[0-9a-f]{64}$/);
    assert.ok(entries.every(verifyEntrySignature));
  });

  describe('when decoding hostile bytes', () => {
    const signed = signEntry(body, key);
    const text = new TextDecoder().decode(encodeEntry(signed));
    const cases: [string, Uint8Array, string][] = [
      ['not JSON', new TextEncoder().encode('{"a":'), ''],
      ['invalid UTF-8', new Uint8Array([0x7b, 0xff, 0x7d]), ''],
      ['a byte-order mark', new TextEncoder().encode('\ufeff' + text), ''],
      ['whitespace', new TextEncoder().encode(text.replace(',', ', ')), ''],
      ['a duplicated key', new TextEncoder().encode(text.replace('{', '{"seq":5,')), ''],
      ['an array', enc([signed]), ''],
      ['an unknown field', enc({ ...signed, extra: 1 }), '/extra'],
      ['a missing signature', enc({ ...signed, sig: undefined }), '/sig'],
      ['a wrong media type', enc({ ...signed, mediaType: 'application/json' }), '/mediaType'],
      ['a negative seq', enc({ ...signed, seq: -1 }), '/seq'],
      ['a fractional seq', enc({ ...signed, seq: 1.5 }), '/seq'],
      ['a prev on the first entry', enc({ ...signed, prev: 'a'.repeat(64) }), '/prev'],
      ['a short prev', enc({ ...signed, seq: 2, prev: 'abc' }), '/prev'],
      ['a local time', enc({ ...signed, time: '2016-07-15T10:00:00+02:00' }), '/time'],
      ['a short key', enc({ ...signed, actor: { ...signed.actor, key: 'AAAA' } }), '/actor/key'],
      [
        'non-canonical base64',
        enc({ ...signed, sig: signed.sig.replace(/.=/, (m) => (m[0] === 'A' ? 'B=' : 'A=')) }),
        '/sig',
      ],
      ['an empty party', enc({ ...signed, actor: { ...signed.actor, party: '' } }), '/actor/party'],
      ['an event without type', enc({ ...signed, event: { what: 1 } }), '/event/type'],
      ['deep nesting', new TextEncoder().encode('['.repeat(200_000) + ']'.repeat(200_000)), ''],
      ['more than a mebibyte', new Uint8Array(2 << 20).fill(0x20), ''],
    ];
    for (const [what, bytes, pointer] of cases) {
      it(`reports ${what} without throwing`, () => {
        const r = decodeEntry(bytes);
        assert.equal(r.ok, false);
        if (!r.ok)
          assert.ok(
            r.error.some((i) => i.pointer === pointer),
            JSON.stringify(r.error),
          );
      });
    }
    it('rejects values that are not bytes', () => {
      assert.equal(decodeEntry('{}' as never).ok, false);
    });
  });
});
