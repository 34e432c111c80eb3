import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import {
  ExportVerifier,
  commit,
  encodeEntry,
  signCommand,
  writeExport,
  type LedgerEvent,
  type SignedCommand,
} from '../../src/ledger/index.ts';
import { chain, keyFromLabel } from './helpers.ts';
import { logVkey, origin, salt } from './log-fixture.ts';

// helpers.ts chains entries one minute apart from 2016-07-15T00:00Z, by us-op-1 (even seq) and
// ru-op-1 (odd seq).
const timeOf = (seq: number) => new Date(Date.UTC(2016, 6, 15) + seq * 60_000).toISOString();
const device = keyFromLabel('device of us-op-1');

function signed(seq: number, reason = 'duplicate', at = timeOf(seq)): SignedCommand {
  return signCommand(device, origin, {
    person: 'us-op-1',
    command: { type: 'WithdrawNomination', nomination: `n-${seq}`, reason },
    at,
    nonce: Buffer.alloc(16, seq + 1).toString('base64url'),
  });
}

/** Entry 0 and 2 carry signed commands in clear; entry 4 a commitment whose reveal carries one. */
function exportOf(
  event: (seq: number) => LedgerEvent | undefined = () => undefined,
  revealed: SignedCommand = signed(4),
): string[] {
  const sealedValue = { type: 'SiteRegistered', at: [36.2, 37.1], signedCommand: revealed };
  const entries = chain(5, (seq) => {
    const custom = event(seq);
    if (custom) return custom;
    if (seq === 4)
      return { type: 'Commitment', commitment: Buffer.from(commit(sealedValue, salt(4))).toString('hex') };
    return seq % 2 === 0
      ? { type: 'NominationWithdrawn', signedCommand: signed(seq) }
      : { type: 'TrackReported', seq };
  });
  const text = [
    ...writeExport({
      origin,
      logKey: logVkey,
      witnesses: [],
      entries: entries.map(encodeEntry),
      checkpoints: [],
      reveals: [{ seq: 4, value: sealedValue, salt: salt(4) }],
    }),
  ].join('');
  return text.trimEnd().split('\n');
}

function verify(lines: readonly string[]) {
  const v = new ExportVerifier({ requireCosigned: false });
  for (const l of lines) v.push(l);
  return v.finish();
}

describe('an export with client-signed commands', () => {
  it('verifies every signed command, in entries and in reveals', () => {
    const verdict = verify(exportOf());
    assert.ok(verdict.ok, JSON.stringify(verdict));
    assert.equal(verdict.report.signedCommands, 3);
  });

  describe('names the first bad one', () => {
    const failure = (lines: readonly string[]) => {
      const verdict = verify(lines);
      assert.equal(verdict.ok, false);
      return verdict.ok ? undefined : verdict.failure;
    };

    it('when the command was changed and the entry signed again by the server', () => {
      const tampered = { ...signed(2), command: { ...signed(2).command, reason: 'duplicatE' } };
      const f = failure(
        exportOf((seq) => (seq === 2 ? { type: 'NominationWithdrawn', signedCommand: tampered } : undefined)),
      );
      assert.equal(f?.where, 'entry 2');
      assert.match(f?.reason ?? '', /signed command: \/sig does not verify/);
    });

    it('when an entry replays a command appended before', () => {
      const f = failure(
        exportOf((seq) =>
          seq === 2 ? { type: 'NominationWithdrawn', signedCommand: signed(0) } : undefined,
        ),
      );
      assert.equal(f?.where, 'entry 2');
      assert.match(f?.reason ?? '', /replays/);
    });

    it('when it was appended long after it was signed', () => {
      const late = signed(2, 'duplicate', '2016-07-14T23:50:00.000Z');
      const f = failure(
        exportOf((seq) => (seq === 2 ? { type: 'NominationWithdrawn', signedCommand: late } : undefined)),
      );
      assert.match(f?.reason ?? '', /signed at .* appended at/);
    });

    it('when the entry is attributed to someone else', () => {
      const f = failure(
        exportOf((seq) =>
          seq === 1 ? { type: 'NominationWithdrawn', signedCommand: signed(1) } : undefined,
        ),
      );
      assert.equal(f?.where, 'entry 1');
      assert.match(f?.reason ?? '', /attributed to ru-op-1/);
    });

    it('when a revealed event carries a bad signature', () => {
      const f = failure(exportOf(undefined, { ...signed(4), at: timeOf(3) }));
      assert.equal(f?.where, 'reveal of entry 4');
      assert.match(f?.reason ?? '', /\/sig/);
    });

    it('when one byte of a signature in an entry changes', () => {
      const lines = exportOf();
      const entry = JSON.parse(lines[1] ?? '') as { entry: string };
      const text = Buffer.from(entry.entry, 'base64').toString();
      const sig = signed(0).sig;
      const flipped = (sig.startsWith('A') ? 'B' : 'A') + sig.slice(1);
      const bad = Buffer.from(text.replace(sig, flipped)).toString('base64');
      const f = failure([lines[0] ?? '', JSON.stringify({ entry: bad }), ...lines.slice(2)]);
      // The entry's own signature covers the envelope, so the entry fails first.
      assert.equal(f?.where, 'entry 0');
    });
  });
});
