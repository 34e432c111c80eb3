/**
 * A shielded report as the joint ledger would carry it: the joint event in clear, signed with the
 * reporting party's office key under the shielded person, and the sealed reporter record only as
 * a salted commitment that its owner can open later.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { epochMs, partyId, toRfc3339 } from '../../src/core/index.ts';
import {
  ENTRY_MEDIA_TYPE,
  commit,
  encodeEntry,
  leafHash,
  publicKeyToBase64,
  signEntry,
  signingKeyFromSeed,
  toHex,
  verifyEntrySignature,
  verifyReveal,
  type LedgerEvent,
  type SignedEntry,
} from '../../src/ledger/index.ts';
import type { DomainEvent } from '../../src/rules/model.ts';
import { decideViolation, emptyViolations } from '../../src/rules/violations.ts';
import type { ViolationPolicy } from '../../src/rules/violations-model.ts';
import { accepted, actor, context } from './violations-given.ts';

const policy: ViolationPolicy = { parties: [partyId('US'), partyId('RU')], violationKinds: [] };
const reporter = actor('us-field-monitor-3', 'US', 'monitor');
const T = Date.UTC(2016, 6, 20, 6);
const events = accepted(
  decideViolation(
    emptyViolations(),
    {
      type: 'ReportViolation',
      time: { from: epochMs(T - 3_600_000), to: epochMs(T - 3_600_000) },
      place: { type: 'Point', coordinates: [37.16, 36.2] },
      kind: 'shelling',
      perpetrator: { kind: 'unknown' },
      casualties: { killed: 0, injured: 2, confidence: 'low' },
      narrative: 'Shelling near the Bustan al-Qasr crossing.',
      evidence: [],
      shieldReporter: true,
    },
    context(policy, reporter, T),
  ),
);
const officeKey = signingKeyFromSeed(new Uint8Array(32).fill(7));
const salt = new Uint8Array(16).fill(42);

/** What enters the joint ledger for one event: in clear if joint, else a commitment. */
function jointForm(e: DomainEvent): LedgerEvent {
  if (e.release === 'joint') return { ...e };
  return { type: 'Committed', record: e.record, owner: e.owner, commitment: toHex(commit(e, salt)) };
}

describe('a shielded report in the joint ledger', () => {
  const entries: SignedEntry[] = [];
  events.forEach((e, seq) => {
    const last = entries.at(-1);
    const entry = signEntry(
      {
        mediaType: ENTRY_MEDIA_TYPE,
        seq,
        prev: last ? toHex(leafHash(encodeEntry(last))) : '',
        time: toRfc3339(e.at),
        actor: { id: e.by.person, party: e.by.party, key: publicKeyToBase64(officeKey) },
        event: jointForm(e),
      },
      officeKey,
    );
    entries.push(entry);
  });

  it('carries no trace of the reporter in any entry, signature included', () => {
    for (const entry of entries) {
      assert.ok(verifyEntrySignature(entry));
      assert.equal(new TextDecoder().decode(encodeEntry(entry)).includes(reporter.id), false);
    }
  });

  it('lets the reporting party prove later who reported, by opening the commitment', () => {
    const sealed = events.find((e) => e.release === 'sealed')!;
    const committed = entries[1]!.event as unknown as { commitment: string };
    const opened = verifyReveal(Buffer.from(committed.commitment, 'hex'), { value: sealed, salt });
    assert.equal(opened, true);
    assert.equal((sealed.data as { reporter: string }).reporter, reporter.id);
  });
});
