import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { main } from '../../src/cli/main.ts';
import { openSqliteStore } from '../../src/store/index.ts';
import { request } from '../store/contract.ts';

const dir = mkdtempSync(join(tmpdir(), 'jig-export-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('jig ledger export', () => {
  it('writes a header and every entry, in order', async () => {
    const db = join(dir, 'ledger.db');
    const store = await openSqliteStore({ path: db });
    await store.setIdentity({
      origin: 'jig.example/ledger',
      logKey: 'jig.example/ledger+00000000+AA',
      witnesses: [],
    });
    const appended = await store.append([request(0), request(1), request(2)]);
    await store.close();
    const out = join(dir, 'ledger.jsonl');
    assert.equal(await main(['node', 'jig', 'ledger', 'export', '--db', db, '--out', out]), 0);
    const lines = readFileSync(out, 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.equal(lines[0]?.['origin'], 'jig.example/ledger');
    assert.deepEqual(
      lines.slice(1).map((l) => l['entry']),
      appended.map((e) => Buffer.from(e.bytes).toString('base64')),
    );
    assert.equal(existsSync(`${out}.partial`), false);
  });

  it('refuses a ledger that has no identity and leaves no file', async () => {
    const db = join(dir, 'anonymous.db');
    await (await openSqliteStore({ path: db })).close();
    const out = join(dir, 'anonymous.jsonl');
    const errors: unknown[] = [];
    const saved = console.error;
    console.error = (...args: unknown[]) => errors.push(args.join(' '));
    try {
      assert.equal(await main(['node', 'jig', 'ledger', 'export', '--db', db, '--out', out]), 1);
    } finally {
      console.error = saved;
    }
    assert.match(String(errors[0]), /INVALID_STATE/);
    assert.equal(existsSync(out), false);
  });
});
