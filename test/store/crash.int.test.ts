import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { crashTrials } from './crash-harness.ts';

const dir = mkdtempSync(join(tmpdir(), 'jig-crash-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const kills = Number(process.env['JIG_CRASH_KILLS'] ?? 100);
const seed = Number(process.env['JIG_CRASH_SEED'] ?? Date.now() % 1_000_000);

describe('the ledger under SIGKILL', () => {
  it(`keeps every acknowledged entry and a verifiable ledger through ${kills} kills (seed ${seed})`, async (t) => {
    const report = await crashTrials({ db: join(dir, 'ledger.db'), kills, seed });
    assert.deepEqual(report.faults, []);
    assert.deepEqual(report.lost, []);
    assert.equal(report.kills, kills);
    assert.ok(report.acknowledged > 0, 'the writer acknowledged entries before it was killed');
    t.diagnostic(`${report.acknowledged} acknowledged entries, ${report.entries} in the ledger`);
  });

  it('catches a writer that acknowledges before its commit', async (t) => {
    const report = await crashTrials({
      db: join(dir, 'broken.db'),
      kills: 40,
      seed,
      ackEarly: true,
      stopOnLoss: true,
    });
    assert.deepEqual(report.faults, []);
    assert.ok(report.lost.length > 0, `no lost acknowledgement found in ${report.kills} kills`);
    t.diagnostic(`caught after ${report.kills} kills: ${report.lost.join(', ')}`);
  });
});
