import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  SIG_COSIGNATURE_V1,
  SIG_ED25519,
  cosignCheckpoint,
  cosignatureMessage,
  cosignatureTimestamp,
  formatVerifierKey,
  isFullyCosigned,
  openCheckpoint,
  parseCheckpoint,
  parseNote,
  parseVerifierKey,
  rawPublicKey,
  signCheckpoint,
  toBase64,
  toHex,
  verifyNote,
  type NoteVerifier,
} from '../../src/ledger/index.ts';
import { conformance } from '../support/paths.ts';
import { keyFromLabel } from './helpers.ts';

// C2SP signed-note, tlog-checkpoint and tlog-cosignature examples, CC BY 4.0 (see SOURCE.md).
const dir = conformance('signed-note');
const read = (f: string) => readFileSync(join(dir, f), 'utf8');
interface Expected {
  notes: {
    file: string;
    text: string;
    signatures: { name: string; keyIdHex: string; signatureBytes: number; cosignatureTimestamp?: number }[];
    checkpoint?: { origin: string; treeSize: number; rootHashBase64: string; extensionLines: string[] };
    verifyWithExampleVkey: boolean;
  }[];
}
const expected = JSON.parse(read('expected.json')) as Expected;

function exampleVerifier(): NoteVerifier {
  const parsed = parseVerifierKey(read('example-vkey.txt'));
  assert.ok(parsed.ok);
  return parsed.value.verifier;
}

describe('C2SP signed notes', () => {
  it('parse the example verifier key and recompute its key ID', () => {
    const v = exampleVerifier();
    assert.equal(v.name, 'example.com/foo');
    assert.equal(toHex(v.keyId), '530d903a');
  });

  for (const note of expected.notes) {
    it(`parse ${note.file} into its text and signatures`, () => {
      const parsed = parseNote(read(note.file));
      assert.ok(parsed.ok);
      assert.equal(parsed.value.text, note.text);
      const sigs = parsed.value.signatures.map((s) => ({
        name: s.name,
        keyIdHex: toHex(s.keyId),
        signatureBytes: s.signature.length + 4,
      }));
      assert.deepEqual(
        sigs,
        note.signatures.map(({ name, keyIdHex, signatureBytes }) => ({ name, keyIdHex, signatureBytes })),
      );
      for (const [i, s] of note.signatures.entries())
        if (s.cosignatureTimestamp !== undefined)
          assert.equal(cosignatureTimestamp(parsed.value.signatures[i]!.signature), s.cosignatureTimestamp);
    });

    it(`${note.verifyWithExampleVkey ? 'verify' : 'reject as unknown'} ${note.file} under the example key`, () => {
      const r = verifyNote(read(note.file), [exampleVerifier()]);
      assert.equal(r.ok, note.verifyWithExampleVkey);
      if (r.ok) assert.equal(r.value.note.text, note.text);
      else assert.match(r.error[0]?.reason ?? '', /no signature from a known key/);
    });

    if (note.checkpoint) {
      const c = note.checkpoint;
      it(`read the checkpoint fields of ${note.file}`, () => {
        const cp = parseCheckpoint(note.text);
        assert.ok(cp.ok);
        assert.equal(cp.value.origin, c.origin);
        assert.equal(cp.value.size, c.treeSize);
        assert.equal(toBase64(cp.value.rootHash), c.rootHashBase64);
        assert.deepEqual(cp.value.extensions, c.extensionLines);
      });
    }
  }

  it('reject the example note when one byte of its text or signature changes', () => {
    const note = read('example-note.txt');
    const sigAt = note.lastIndexOf(' ') + 10;
    for (const at of [0, 5, 26, sigAt]) {
      const b = Buffer.from(note);
      b[at] = b[at]! ^ 0x01;
      assert.equal(verifyNote(b.toString(), [exampleVerifier()]).ok, false, `byte ${at}`);
    }
  });

  it('build the exact cosignature/v1 message of the example', () => {
    const text = expected.notes.find((n) => n.file === 'checkpoint-cosigned-example.txt')!.text;
    const want = readFileSync(join(dir, 'cosignature-v1-signed-message-example.txt'));
    assert.deepEqual(Buffer.from(cosignatureMessage(text, 1679315147)), want);
  });

  it('refuse malformed notes and keys without throwing', () => {
    for (const bad of [
      '',
      'no signatures\n',
      'text\n\n— name\n',
      'text\n\n— a b c\n',
      'te\u0001xt\n\n— a AAAAAAA=\n',
    ])
      assert.equal(parseNote(bad).ok, false, JSON.stringify(bad));
    for (const bad of [
      '',
      'a+b+c',
      'example.com/foo+530d903b+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k',
      5,
    ])
      assert.equal(parseVerifierKey(bad as string).ok, false);
  });
});

describe('checkpoints with cosignatures', () => {
  const logKey = keyFromLabel('log');
  const origin = 'jig.example/amman';
  const log = parseVerifierKey(formatVerifierKey(origin, SIG_ED25519, rawPublicKey(logKey)));
  const parties = ['US', 'RU'].map((p) => ({
    name: `${p.toLowerCase()}.witness`,
    key: keyFromLabel(`witness ${p}`),
  }));
  const verifiers = parties.map((p) => {
    const v = parseVerifierKey(formatVerifierKey(p.name, SIG_COSIGNATURE_V1, rawPublicKey(p.key)));
    assert.ok(v.ok);
    return v.value.verifier;
  });
  assert.ok(log.ok);
  const checkpoint = { origin, size: 5, rootHash: new Uint8Array(32).fill(7), extensions: [] };

  it('round-trip through signing and opening', () => {
    const note = signCheckpoint(checkpoint, origin, logKey);
    const opened = openCheckpoint(note, log.value.verifier);
    assert.ok(opened.ok);
    assert.deepEqual(opened.value.checkpoint, checkpoint);
  });

  it('count only once every party has cosigned', () => {
    let note = signCheckpoint(checkpoint, origin, logKey);
    assert.equal(isFullyCosigned(note, verifiers), false);
    note = cosignCheckpoint(note, parties[0]!.name, parties[0]!.key, 1_468_576_800);
    assert.equal(isFullyCosigned(note, verifiers), false);
    note = cosignCheckpoint(note, parties[1]!.name, parties[1]!.key, 1_468_576_801);
    assert.equal(isFullyCosigned(note, verifiers), true);
    assert.ok(openCheckpoint(note, log.value.verifier).ok);
    const forged = note.replace(
      /(u[s].witness \S{20})./,
      (_m, p: string) => `${p}${_m.endsWith('A') ? 'B' : 'A'}`,
    );
    assert.equal(isFullyCosigned(forged, verifiers), false);
  });

  it('refuse checkpoints with malformed fields', () => {
    for (const text of [
      'o\n05\nAAAA\n',
      'o\n1\n',
      'o\n-1\n' + toBase64(new Uint8Array(32)) + '\n',
      '\n1\nAAAA\n',
    ])
      assert.equal(parseCheckpoint(text).ok, false, JSON.stringify(text));
  });
});
