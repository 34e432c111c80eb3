import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  keyIdOf,
  parseCheckpoint,
  parseNote,
  parseVkey,
  verifyInclusion,
  verifyNote,
} from '../../src/web/ledger-verify.ts';
import { conformance } from '../support/paths.ts';

const note = (f: string) => readFileSync(join(conformance('signed-note'), f), 'utf8');
const b64 = (s: string | null | undefined) => Uint8Array.from(Buffer.from(s ?? '', 'base64'));

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

describe('checking the ledger in the browser', () => {
  describe('signed notes (C2SP vectors)', () => {
    it('verifies the example note under the example verifier key', async () => {
      const key = parseVkey(note('example-vkey.txt'));
      const n = parseNote(note('example-note.txt'));
      assert.ok(key && n);
      assert.equal(key.keyId, '530d903a');
      assert.equal(await keyIdOf(key.name, key.type, key.key), key.keyId);
      assert.deepEqual(await verifyNote(n, [key]), [{ name: 'example.com/foo', ok: true }]);
    });

    it('finds no known signature on a note signed by another key', async () => {
      const key = parseVkey(note('example-vkey.txt'));
      const n = parseNote(note('intro-note-quasimodo.txt'));
      assert.ok(key && n);
      assert.equal(
        n.text,
        'Ognuno sta solo sul cuor della terra\ntrafitto da un raggio di sole:\n\ned è subito sera.\n',
      );
      assert.deepEqual(await verifyNote(n, [key]), []);
    });

    it('rejects a note whose text was changed after signing', async () => {
      const key = parseVkey(note('example-vkey.txt'));
      const n = parseNote(note('example-note.txt').replace('example', 'exemplary'));
      assert.ok(key && n);
      assert.deepEqual(await verifyNote(n, [key]), [{ name: 'example.com/foo', ok: false }]);
    });

    it('reads a cosigned checkpoint: origin, size, root and both signatures', () => {
      const n = parseNote(note('checkpoint-cosigned-example.txt'));
      assert.ok(n);
      const cp = parseCheckpoint(n.text);
      assert.equal(cp?.origin, 'example.com/behind-the-sofa');
      assert.equal(cp?.size, 20852163);
      assert.deepEqual(
        n.signatures.map((s) => [s.name, s.keyId, s.bytes.length]),
        [
          ['example.com/behind-the-sofa', '033de0ae', 64],
          ['witness.example.com/w1', '8d66cf3f', 72],
        ],
      );
    });
  });

  describe('inclusion proofs (transparency-dev vectors)', () => {
    const probes = files(conformance('merkle', 'inclusion')).filter((f) => f.endsWith('.json'));
    it('accepts every valid probe and rejects every invalid one', async () => {
      assert.ok(probes.length > 50);
      for (const f of probes) {
        const p = JSON.parse(readFileSync(f, 'utf8')) as Record<string, unknown>;
        const proof = ((p['proof'] as string[] | null) ?? []).map(b64);
        const ok = await verifyInclusion(
          Number(p['leafIdx']),
          Number(p['treeSize']),
          b64(p['leafHash'] as string),
          proof,
          b64(p['root'] as string),
        );
        assert.equal(ok, !p['wantErr'], f);
      }
    });
  });
});
