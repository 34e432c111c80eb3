import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { consistencyProof, privateKeyToPem, toBase64 } from '../../src/ledger/index.ts';
import { TestLog, buildExport, logVkey, witnesses } from '../ledger/log-fixture.ts';
import { repoRoot } from '../support/paths.ts';

const dir = mkdtempSync(join(tmpdir(), 'jig-ledger-cli-'));
const jig = (...args: string[]) =>
  spawnSync(process.execPath, [join(repoRoot, 'bin', 'jig.mjs'), ...args], { encoding: 'utf8', cwd: dir });

describe('jig ledger verify', () => {
  const good = join(dir, 'good.jsonl');
  writeFileSync(good, buildExport(12, [4, 12]));

  it('exits 0 and summarises an export where everything holds', () => {
    const r = jig('ledger', 'verify', good);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /12 entries/);
    assert.match(r.stdout, /cosigned by every party up to size 12/);
  });

  it('exits non-zero naming the entry when one byte of it changes', () => {
    const text = readFileSync(good, 'utf8');
    const lines = text.split('\n');
    const at = text.indexOf(lines[7]!) + 30; // inside the base64 of entry 5 (line 8: header, 4 entries, checkpoint, entry 4)
    const bytes = Buffer.from(text);
    bytes[at] = bytes[at] === 0x41 ? 0x42 : 0x41;
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, bytes);
    const r = jig('ledger', 'verify', bad);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /FAILED at line 8, entry 5: /);
  });
});

describe('jig witness', () => {
  const state = join(dir, 'witness');
  const keyFile = join(dir, 'us.key');
  const w = witnesses[0]!;
  writeFileSync(keyFile, privateKeyToPem(w.key));
  const log = new TestLog();
  const grow = (n: number) => {
    while (log.tree.size < n) log.append(new TextEncoder().encode(`event ${log.tree.size}`));
    const file = join(dir, `checkpoint-${n}.txt`);
    writeFileSync(file, log.checkpoint([]));
    return file;
  };

  it('cosigns a consistent sequence, then refuses a rollback loudly and keeps the evidence', () => {
    const init = jig(
      'witness',
      'init',
      '--state',
      state,
      '--name',
      w.name,
      '--key-file',
      keyFile,
      '--log-key',
      logVkey,
    );
    assert.equal(init.status, 0, init.stderr);
    assert.equal(init.stdout.trim(), w.vkey);
    const first = grow(5);
    const r1 = jig('witness', 'cosign', '--state', state, first);
    assert.equal(r1.status, 0, r1.stderr);
    assert.ok(r1.stdout.includes(`\u2014 ${w.name} `));
    const second = grow(9);
    const proof = join(dir, 'proof.txt');
    const proofLines = consistency(5, 9);
    writeFileSync(proof, proofLines.join('\n') + '\n');
    const r2 = jig('witness', 'cosign', '--state', state, second, '--proof', proof);
    assert.equal(r2.status, 0, r2.stderr);
    const r3 = jig('witness', 'cosign', '--state', state, first);
    assert.equal(r3.status, 3);
    assert.match(r3.stderr, /LOG MISBEHAVIOUR DETECTED \(ROLLBACK\)/);
    const evidence = readdirSync(join(state, 'evidence'));
    assert.equal(evidence.length, 1);
    const kept = JSON.parse(readFileSync(join(state, 'evidence', evidence[0]!), 'utf8')) as {
      previous: string;
      offered: string;
    };
    assert.equal(kept.previous, readFileSync(second, 'utf8'));
    assert.equal(kept.offered, readFileSync(first, 'utf8'));
    assert.ok(existsSync(join(state, 'checkpoint.txt')));
  });

  const consistency = (a: number, b: number) => consistencyProof(a, b, log.nodes).map(toBase64);
});
