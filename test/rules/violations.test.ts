import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { epochMs, partyId, type RecordId } from '../../src/core/index.ts';
import { evidenceRef, verifyEvidence } from '../../src/rules/evidence.ts';
import { decideViolation, emptyViolations, evolveViolations } from '../../src/rules/violations.ts';
import { pendingInformationRequests, violationStatuses } from '../../src/rules/violations-status.ts';
import {
  SHIELDED_PERSON,
  type ReportViolation,
  type ViolationCommand,
  type ViolationEvent,
  type ViolationPolicy,
  type ViolationsState,
} from '../../src/rules/violations-model.ts';
import { accepted, actor, context, given, type Decider } from './violations-given.ts';

const US = partyId('US');
const RU = partyId('RU');
const policy: ViolationPolicy = { parties: [US, RU], violationKinds: ['barrel_bomb'], actors: ['SY-AF'] };
const decider: Decider<ViolationsState, ViolationCommand, ViolationEvent, ViolationPolicy> = {
  initial: emptyViolations,
  decide: decideViolation,
  evolve: evolveViolations,
};

const usMonitor = actor('us-monitor-7', 'US', 'monitor');
const usApprover = actor('us-approver', 'US', 'approver');
const usAuthority = actor('us-authority', 'US', 'national_authority');
const ruApprover = actor('ru-approver', 'RU', 'approver');
const T0 = Date.UTC(2016, 6, 20, 6, 0);
const HOUR = 3_600_000;

const strike: ReportViolation = {
  type: 'ReportViolation',
  time: { from: epochMs(T0 - 2 * HOUR), to: epochMs(T0 - HOUR) },
  place: { type: 'Point', coordinates: [37.16, 36.2] },
  kind: 'air_strike',
  perpetrator: { kind: 'actor', actor: 'SY-AF' },
  casualties: { killed: 4, injured: 11, confidence: 'medium' },
  narrative: 'Two strikes on the market of al-Sukkari.',
  evidence: [evidenceRef(new TextEncoder().encode('photo bytes'), 'market.jpg', 'image/jpeg')],
};

/** Decides each step on the state so far and returns every event, failing on a refusal. */
function history(
  steps: readonly (readonly [ViolationCommand, ReturnType<typeof actor>, number])[],
): ViolationEvent[] {
  const events: ViolationEvent[] = [];
  steps.forEach(([command, who, at], i) => {
    const state = events.reduce(evolveViolations, emptyViolations());
    events.push(...accepted(decideViolation(state, command, context(policy, who, at, `v${i}`))));
  });
  return events;
}

const reported = history([[strike, usMonitor, T0]]);
const V = reported[0]?.record as RecordId;

describe('violation reports', () => {
  it('records a report as a joint event of the reporting party', () => {
    given(decider, [])
      .when(strike, context(policy, usMonitor, T0))
      .then((events, after) => {
        assert.equal(events.length, 1);
        assert.deepEqual(
          { type: events[0]?.type, owner: events[0]?.owner, release: events[0]?.release },
          { type: 'ViolationReported', owner: US, release: 'joint' },
        );
        assert.equal(after.reports.get(events[0]!.record)?.reporter, usMonitor.id);
      });
  });

  it('accepts the kinds the agreement adds and refuses others, naming every bad field', () => {
    const ctx = context(policy, usMonitor, T0);
    given(decider, [])
      .when({ ...strike, kind: 'barrel_bomb' }, ctx)
      .then((events) => assert.equal(events.length, 1));
    const bad: ReportViolation = {
      ...strike,
      kind: 'napalm',
      time: { from: epochMs(T0), to: epochMs(T0 - 1) },
      place: { type: 'Point', coordinates: [200, 36] },
      perpetrator: { kind: 'party', party: partyId('XX') },
      casualties: { killed: -1, injured: 1.5, confidence: 'low' },
    };
    given(decider, [])
      .when(bad, ctx)
      .thenRefused('INVALID_INPUT', (r) =>
        assert.deepEqual(
          r.issues?.map((i) => i.pointer),
          [
            '/time',
            '/place/coordinates/0',
            '/kind',
            '/perpetrator/party',
            '/casualties/killed',
            '/casualties/injured',
          ],
        ),
      );
  });

  it("refuses evidence beyond the agreement's limits", () => {
    const limited = { ...policy, evidence: { maxFiles: 1, maxFileBytes: 5, mediaTypes: ['image/png'] } };
    given(decider, [])
      .when(
        { ...strike, evidence: [...strike.evidence, evidenceRef(new Uint8Array(1), 'a.png', 'image/png')] },
        context(limited, usMonitor, T0),
      )
      .thenRefused('INVALID_INPUT', (r) =>
        assert.deepEqual(
          r.issues?.map((i) => i.pointer),
          ['/evidence', '/evidence/0/size', '/evidence/0/mediaType'],
        ),
      );
  });

  it('refuses evidence whose hash is not a SHA-256', () => {
    const evidence = [{ sha256: 'abc', name: 'x.jpg', mediaType: 'image/jpeg', size: 3 }];
    given(decider, [])
      .when({ ...strike, evidence }, context(policy, usMonitor, T0))
      .thenRefused('INVALID_INPUT');
  });
});

describe('evidence kept by hash', () => {
  it('verifies the bytes that were filed', () => {
    const bytes = new TextEncoder().encode('photo bytes');
    assert.equal(verifyEvidence(bytes, strike.evidence[0]!.sha256), true);
  });

  it('no longer verifies once a single byte changes', () => {
    const bytes = new TextEncoder().encode('photo bytes');
    bytes[0] = bytes[0]! ^ 1;
    assert.equal(verifyEvidence(bytes, strike.evidence[0]!.sha256), false);
    assert.equal(verifyEvidence(bytes, 'not-a-hash'), false);
  });

  it('adds evidence to a report once and refuses a file already filed', () => {
    const more = evidenceRef(new TextEncoder().encode('video'), 'strike.mp4', 'video/mp4');
    const ctx = context(policy, ruApprover, T0 + HOUR);
    given(decider, reported)
      .when({ type: 'AddViolationEvidence', violation: V, evidence: [more] }, ctx)
      .then((_, after) => assert.equal(after.reports.get(V)?.evidence.length, 2));
    given(decider, reported)
      .when({ type: 'AddViolationEvidence', violation: V, evidence: strike.evidence }, ctx)
      .thenRefused('INVALID_INPUT');
  });
});

describe('a shielded reporter', () => {
  const shielded = history([[{ ...strike, shieldReporter: true }, usMonitor, T0]]);
  const joint = shielded.filter((e) => e.release === 'joint');
  const sealed = shielded.filter((e) => e.release !== 'joint');

  it('is recorded as a joint report and a sealed reporter record linked by record id', () => {
    assert.deepEqual(
      shielded.map((e) => [e.type, e.owner, e.release]),
      [
        ['ViolationReported', US, 'joint'],
        ['ReporterSealed', US, 'sealed'],
      ],
    );
    assert.deepEqual(sealed[0]?.data, { violation: joint[0]?.record, reporter: usMonitor.id });
    assert.notEqual(sealed[0]?.record, joint[0]?.record);
  });

  it('appears nowhere in the JSON of the joint events', () => {
    const clear = JSON.stringify(joint);
    assert.equal(clear.includes(usMonitor.id), false);
    assert.equal(joint[0]?.by.person, SHIELDED_PERSON);
  });

  it('appears nowhere in what the other party may see', () => {
    // Another party sees joint records and its own; sealed records of others only as verdicts.
    const ruView = shielded.filter((e) => e.release === 'joint' || e.owner === RU);
    const state = ruView.reduce(evolveViolations, emptyViolations());
    assert.equal(JSON.stringify(ruView).includes(usMonitor.id), false);
    assert.equal(state.reports.get(joint[0]!.record)?.reporter, null);
  });

  it('is revealed only by its own party', () => {
    const sealedId = sealed[0]!.record;
    given(decider, shielded)
      .when(
        { type: 'RevealReporter', sealed: sealedId },
        context(policy, actor('ru-na', 'RU', 'national_authority'), T0),
      )
      .thenRefused('NOT_FOUND');
    given(decider, shielded)
      .when({ type: 'RevealReporter', sealed: sealedId }, context(policy, usApprover, T0))
      .thenRefused('NOT_AUTHORIZED');
    given(decider, shielded)
      .when({ type: 'RevealReporter', sealed: sealedId }, context(policy, usAuthority, T0 + HOUR))
      .then((events, after) => {
        assert.deepEqual([events[0]?.type, events[0]?.release], ['ReporterRevealed', 'joint']);
        assert.equal(after.reports.get(joint[0]!.record)?.reporter, usMonitor.id);
      });
  });
});

describe('violation status', () => {
  const status = (events: readonly ViolationEvent[]) =>
    violationStatuses(events.reduce(evolveViolations, emptyViolations()), policy.parties).get(V);
  const assessBy = (
    who: ReturnType<typeof actor>,
    assessment: 'confirmed' | 'disputed' | 'needs_information',
  ) =>
    [{ type: 'AssessViolation', violation: V, assessment, reason: 'seen on radar' }, who, T0 + HOUR] as const;
  const after = (...steps: (readonly [ViolationCommand, ReturnType<typeof actor>, number])[]) =>
    history([[strike, usMonitor, T0], ...steps]);

  it('is reported before any assessment', () => assert.equal(status(after()), 'reported'));
  it('is under review while a party has not assessed', () =>
    assert.equal(status(after(assessBy(usApprover, 'confirmed'))), 'under_review'));
  it('is under review while a party needs information', () =>
    assert.equal(
      status(after(assessBy(usApprover, 'confirmed'), assessBy(ruApprover, 'needs_information'))),
      'under_review',
    ));
  it('is confirmed when every party confirms', () =>
    assert.equal(
      status(after(assessBy(usApprover, 'confirmed'), assessBy(ruApprover, 'confirmed'))),
      'confirmed',
    ));
  it('is disputed when parties disagree', () =>
    assert.equal(
      status(after(assessBy(usApprover, 'confirmed'), assessBy(ruApprover, 'disputed'))),
      'disputed',
    ));
  it('is dismissed when every party disputes it', () =>
    assert.equal(
      status(after(assessBy(usApprover, 'disputed'), assessBy(ruApprover, 'disputed'))),
      'dismissed',
    ));
  it('is dismissed when the reporting party withdraws it', () =>
    assert.equal(
      status(after([{ type: 'WithdrawViolationReport', violation: V, reason: 'duplicate' }, usApprover, T0])),
      'dismissed',
    ));
  it("follows a party's latest assessment", () =>
    assert.equal(
      status(
        after(
          assessBy(usApprover, 'confirmed'),
          assessBy(ruApprover, 'disputed'),
          assessBy(ruApprover, 'confirmed'),
        ),
      ),
      'confirmed',
    ));
  it('refuses a dispute without a reason', () =>
    given(decider, reported)
      .when(
        { type: 'AssessViolation', violation: V, assessment: 'disputed' },
        context(policy, ruApprover, T0),
      )
      .thenRefused('INVALID_INPUT'));
  it('refuses an assessment from a monitor', () =>
    given(decider, reported)
      .when(
        { type: 'AssessViolation', violation: V, assessment: 'confirmed' },
        context(policy, usMonitor, T0),
      )
      .thenRefused('NOT_AUTHORIZED'));
});

describe('requests for information', () => {
  const deadline = epochMs(T0 + 24 * HOUR);
  const ask = (to?: 'RU') =>
    ({
      type: 'RequestInformation',
      violation: V,
      question: 'Which sorties flew over al-Sukkari?',
      deadline,
      ...(to ? { to: partyId(to) } : {}),
    }) as const;

  it('needs an addressee when the perpetrator is not a party', () =>
    given(decider, reported)
      .when(ask(), context(policy, usApprover, T0))
      .thenRefused('INVALID_INPUT'));

  it('goes to the alleged party by default', () => {
    const byParty = history([[{ ...strike, perpetrator: { kind: 'party', party: RU } }, usMonitor, T0]]);
    const id = byParty[0]!.record;
    given(decider, byParty)
      .when({ ...ask(), violation: id }, context(policy, usApprover, T0))
      .then((events) => assert.equal((events[0]?.data as { to: string }).to, RU));
  });

  describe('given a request to RU with a deadline in 24 hours', () => {
    const asked = history([
      [strike, usMonitor, T0],
      [ask('RU'), usApprover, T0 + HOUR],
    ]);
    const state = asked.reduce(evolveViolations, emptyViolations());

    it('is pending and not overdue before the deadline', () => {
      const pending = pendingInformationRequests(state, epochMs(T0 + 2 * HOUR));
      assert.deepEqual(
        pending.map((p) => [p.request.to, p.overdue]),
        [[RU, false]],
      );
      assert.equal(violationStatuses(state, policy.parties).get(V), 'under_review');
    });

    it('is overdue after the deadline while unanswered', () => {
      const pending = pendingInformationRequests(state, epochMs(deadline + HOUR));
      assert.deepEqual(
        pending.map((p) => [p.overdue, p.overdueByMs]),
        [[true, HOUR]],
      );
    });

    it('is answered only by the party asked, and then no longer pending', () => {
      const request = asked[1]!.record;
      const answer = {
        type: 'AnswerInformationRequest',
        request,
        answer: 'No sorties.',
        evidence: [],
      } as const;
      given(decider, asked)
        .when(answer, context(policy, usApprover, T0 + 2 * HOUR))
        .thenRefused('NOT_AUTHORIZED');
      given(decider, asked)
        .when(answer, context(policy, ruApprover, T0 + 2 * HOUR))
        .then((_, after) =>
          assert.deepEqual(pendingInformationRequests(after, epochMs(deadline + HOUR)), []),
        );
    });
  });
});
