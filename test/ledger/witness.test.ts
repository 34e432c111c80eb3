import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import {
  consistencyProof,
  signCheckpoint,
  witnessCheckpoint,
  type WitnessState,
} from '../../src/ledger/index.ts';
import { TestLog, logVkey, origin, verifierOf, witnesses } from './log-fixture.ts';
import { keyFromLabel } from './helpers.ts';

const w = witnesses[0]!;
const me = { name: w.name, key: w.key, logVerifier: verifierOf(logVkey) };
const cosignerOf = verifierOf(w.vkey);
const now = 1_468_600_000;

function grow(log: TestLog, from: number, to: number, prefix = 'event'): void {
  for (let i = from; i < to; i++) log.append(new TextEncoder().encode(`${prefix} ${i}`));
}

describe('a witness', () => {
  describe('given a log that only grows', () => {
    it('cosigns each checkpoint and remembers the last', () => {
      const log = new TestLog();
      let state: WitnessState = { origin, checkpoint: null };
      let size = 0;
      for (const next of [3, 3, 8, 13, 64]) {
        grow(log, log.tree.size, next);
        const note = log.checkpoint([]);
        const proof = size > 0 && size < next ? consistencyProof(size, next, log.nodes) : [];
        const out = witnessCheckpoint(state, { note, proof }, me, now);
        assert.ok(out.ok, out.ok ? '' : out.message);
        assert.ok(
          cosignerOf.verify(
            new TextEncoder().encode(note.slice(0, note.indexOf('\n\n') + 1)),
            sigOf(out.cosigned, w.name),
          ),
        );
        state = out.state;
        size = next;
      }
    });
  });

  describe('when the server is restored from an old backup', () => {
    it('refuses the smaller checkpoint as a rollback and keeps both as evidence', () => {
      const log = new TestLog();
      grow(log, 0, 5);
      const old = log.checkpoint([]);
      grow(log, 5, 9);
      const later = log.checkpoint([]);
      const first = witnessCheckpoint({ origin, checkpoint: null }, { note: later, proof: [] }, me, now);
      assert.ok(first.ok);
      const out = witnessCheckpoint(first.state, { note: old, proof: [] }, me, now);
      assert.equal(out.ok, false);
      assert.ok(!out.ok && out.reason === 'rollback');
      assert.deepEqual(!out.ok && out.evidence && [out.evidence.previous, out.evidence.offered], [
        later,
        old,
      ]);
    });

    it('refuses a larger tree grown from the old point as inconsistent', () => {
      const honest = new TestLog();
      grow(honest, 0, 9);
      const restored = new TestLog();
      grow(restored, 0, 5);
      grow(restored, 5, 12, 'rewritten');
      const state = { origin, checkpoint: honest.checkpoint([]) };
      const offered = restored.checkpoint([]);
      const out = witnessCheckpoint(
        state,
        { note: offered, proof: consistencyProof(9, 12, restored.nodes) },
        me,
        now,
      );
      assert.ok(!out.ok && out.reason === 'inconsistent' && out.evidence?.offered === offered);
    });
  });

  describe('when the log forks', () => {
    it('refuses a different tree of the same size and keeps both checkpoints', () => {
      const a = new TestLog();
      const b = new TestLog();
      grow(a, 0, 6);
      grow(b, 0, 6, 'other');
      const first = witnessCheckpoint(
        { origin, checkpoint: null },
        { note: a.checkpoint([]), proof: [] },
        me,
        now,
      );
      assert.ok(first.ok);
      const out = witnessCheckpoint(first.state, { note: b.checkpoint([]), proof: [] }, me, now);
      assert.ok(!out.ok && out.reason === 'fork' && out.evidence !== undefined);
    });
  });

  it('refuses a checkpoint not signed by the log, without evidence', () => {
    const log = new TestLog();
    grow(log, 0, 2);
    const forged = signCheckpoint(
      { origin, size: 2, rootHash: log.tree.root(), extensions: [] },
      origin,
      keyFromLabel('mallory'),
    );
    const out = witnessCheckpoint({ origin, checkpoint: null }, { note: forged, proof: [] }, me, now);
    assert.ok(!out.ok && out.reason === 'bad-log-signature' && out.evidence === undefined);
  });
});

function sigOf(note: string, name: string): Uint8Array {
  const line = note.split('\n').find((l) => l.startsWith(`\u2014 ${name} `))!;
  return new Uint8Array(Buffer.from(line.split(' ')[2]!, 'base64')).subarray(4);
}
