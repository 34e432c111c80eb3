import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import {
  parseSignedCommand,
  publicKeyToBase64,
  signCommand,
  signedCommandMessage,
  signingKeyFromSeed,
  verifySignedCommand,
  type SignedCommand,
} from '../../src/ledger/index.ts';

const origin = 'jig.example/jig-2016';
const key = signingKeyFromSeed(new Uint8Array(32).fill(7));
const unsigned = {
  person: 'p-alice',
  command: { type: 'WithdrawNomination', nomination: 'n-1', reason: 'Ä “q”' },
  at: '2016-07-20T10:00:00Z',
  nonce: 'AAECAwQFBgcICQoLDA0ODw',
};

// Fixed vector: Ed25519 (RFC 8032) is deterministic, so seed 0x07 x 32 and this command always
// give these bytes and this signature. The message is the RFC 8785 form written out by hand.
const VECTOR = {
  key: '6kpsY+KcUgq+9VB7Ey7F+ZVHdq6+vnuSQh7qaRRG0iw=',
  message:
    '{"at":"2016-07-20T10:00:00Z","command":{"nomination":"n-1","reason":"Ä “q”","type":"WithdrawNomination"},' +
    '"key":"6kpsY+KcUgq+9VB7Ey7F+ZVHdq6+vnuSQh7qaRRG0iw=","mediaType":"application/vnd.jig.signed-command.v1+json",' +
    '"nonce":"AAECAwQFBgcICQoLDA0ODw","origin":"jig.example/jig-2016","person":"p-alice"}',
  sig: 'eYvQfvy/WR62lCr8REa4LWov58DBAD7qgbLZ/Z2+CbPqP3OGrfS0b12Y/S0SQCahHAq7wqR99yIR5EjE+8Y9Dg==',
};

const signed = signCommand(key, origin, unsigned);

describe('client-signed commands', () => {
  it('sign the canonical message of the fixed vector into its fixed signature', () => {
    assert.equal(signed.key, VECTOR.key);
    assert.equal(publicKeyToBase64(key), VECTOR.key);
    assert.equal(new TextDecoder().decode(signedCommandMessage(origin, signed)), VECTOR.message);
    assert.equal(signed.sig, VECTOR.sig);
    const back = verifySignedCommand(origin, JSON.parse(JSON.stringify(signed)));
    assert.ok(back.ok);
    assert.deepEqual(back.value, signed);
  });

  it('verify whatever order the members of the command arrive in', () => {
    const reordered = {
      ...signed,
      command: { reason: 'Ä “q”', nomination: 'n-1', type: 'WithdrawNomination' },
    };
    assert.ok(verifySignedCommand(origin, reordered).ok);
  });

  describe('when anything the person signed is changed', () => {
    const refused = (value: unknown, pointer = '/sig') => {
      const r = verifySignedCommand(origin, value);
      assert.equal(r.ok, false, JSON.stringify(value));
      if (!r.ok)
        assert.ok(
          r.error.some((i) => i.pointer === pointer),
          JSON.stringify(r.error),
        );
    };

    it('refuses every changed field of the command and of the envelope', () => {
      refused({ ...signed, person: 'p-bob' });
      refused({ ...signed, at: '2016-07-20T10:00:01Z' });
      refused({ ...signed, nonce: 'AAECAwQFBgcICQoLDA0OEA' });
      refused({ ...signed, command: { ...signed.command, reason: 'Ä “Q”' } });
      refused({ ...signed, command: { ...signed.command, nomination: 'n-2' } });
      refused({ ...signed, command: { ...signed.command, type: 'DecideNomination' } });
      refused({ ...signed, command: { ...signed.command, extra: true } });
      const { reason: _r, ...fewer } = signed.command;
      refused({ ...signed, command: fewer });
      const other = signingKeyFromSeed(new Uint8Array(32).fill(8));
      refused({ ...signed, key: publicKeyToBase64(other) });
      refused({ ...signCommand(other, origin, unsigned), key: signed.key });
      // Another key's own envelope verifies here: whether it is the person's key is the server's check.
      assert.ok(verifySignedCommand(origin, signCommand(other, origin, unsigned)).ok);
    });

    it('refuses every changed character of the envelope as sent', () => {
      const text = JSON.stringify(signed);
      for (let i = 0; i < text.length; i++) {
        const code = text.charCodeAt(i);
        const mutated =
          text.slice(0, i) + String.fromCharCode(code ^ (code === 0x5c ? 0x02 : 0x01)) + text.slice(i + 1);
        let value: unknown;
        try {
          value = JSON.parse(mutated);
        } catch {
          continue; // not JSON any more: refused before it is read
        }
        assert.equal(verifySignedCommand(origin, value).ok, false, `character ${i} of ${text}`);
      }
    });

    it('refuses the same envelope for another ledger', () => {
      const r = verifySignedCommand('jig.example/other', JSON.parse(JSON.stringify(signed)) as SignedCommand);
      assert.equal(r.ok, false);
    });

    it('refuses every changed byte of the signature and of the key', () => {
      for (const field of ['sig', 'key'] as const) {
        const raw = Buffer.from(signed[field], 'base64');
        for (let i = 0; i < raw.length; i++) {
          const bad = Buffer.from(raw);
          bad[i] = (bad[i] ?? 0) ^ 0x01;
          const r = verifySignedCommand(origin, { ...signed, [field]: bad.toString('base64') });
          assert.equal(r.ok, false, `${field} byte ${i}`);
        }
      }
    });
  });

  describe('parsing at the edge', () => {
    it('names every malformed or missing field', () => {
      const r = parseSignedCommand({
        person: '',
        command: { no: 'type' },
        at: '2016-07-20T10:00:00+01:00',
        nonce: 'c2hvcnQ',
        key: 'AAAA',
        extra: 1,
      });
      assert.equal(r.ok, false);
      if (r.ok) return;
      assert.deepEqual(r.error.map((i) => i.pointer).sort(), [
        '/at',
        '/command',
        '/extra',
        '/key',
        '/nonce',
        '/person',
        '/sig',
      ]);
    });

    it('takes only canonical base64url nonces of at least 16 bytes', () => {
      const withNonce = (nonce: string) => parseSignedCommand({ ...signed, nonce }).ok;
      assert.ok(withNonce('AAECAwQFBgcICQoLDA0ODw'));
      assert.equal(withNonce('AAECAwQFBgcICQoLDA0ODw=='), false);
      assert.equal(withNonce('AAECAwQFBgcICQoLDA0ODx'), false); // non-zero unused bits
      assert.equal(withNonce('AAECAwQFBgcICQoLDA0O'), false); // 15 bytes
      assert.equal(withNonce('AAECAwQFBgcICQoLDA0OD+'), false);
    });

    it('refuses anything that is not an object', () => {
      for (const v of [null, [], 'x', 1]) assert.equal(parseSignedCommand(v).ok, false);
    });

    it('will not sign a malformed command', () => {
      assert.throws(() => signCommand(key, origin, { ...unsigned, nonce: 'short' }), /nonce/);
    });
  });
});
