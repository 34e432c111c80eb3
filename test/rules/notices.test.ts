import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { epochMs } from '../../src/core/index.ts';
import { receipts, replay } from '../../src/rules/index.ts';
import {
  ALEPPO,
  HOUR,
  T0,
  given,
  north,
  policy,
  recordOf,
  ru,
  run,
  site,
  square,
  us,
  window,
} from './given.ts';

const notice = (center: readonly [number, number], w = window()) => ({
  type: 'SendNotice',
  group: 'ISIL',
  area: square(center, 0.05),
  window: w,
});

describe('synchronized notices', () => {
  it('records a notice without asking anyone to approve it', () => {
    given()
      .when(us.operator, notice(ALEPPO))
      .then([{ type: 'NoticeSent', release: 'joint', data: { group: 'ISIL' } }]);
  });

  it("alerts both sides when it overlaps another party's notice in place and time", () => {
    const h = run([[ru.operator, notice(north(3000))]]);
    given(h)
      .when(us.operator, notice(ALEPPO))
      .then([
        { type: 'NoticeSent' },
        {
          type: 'DeconflictionAlerted',
          data: { parties: ['US', 'RU'], against: { kind: 'notice', party: 'RU' } },
        },
      ]);
  });

  it('raises no alert when the windows do not overlap', () => {
    const h = run([[ru.operator, notice(ALEPPO, window(20, 30))]]);
    given(h)
      .when(us.operator, notice(ALEPPO))
      .then([{ type: 'NoticeSent' }]);
  });

  it("raises no alert over the party's own notices", () => {
    const h = run([[us.operator, notice(ALEPPO)]]);
    given(h)
      .when(us.operator, notice(ALEPPO))
      .then([{ type: 'NoticeSent' }]);
  });

  it('alerts both sides when the area covers a protected site, sealed ones without their location', () => {
    const h = run([[ru.operator, site(north(500), 'sealed')]]);
    given(h)
      .when(us.operator, notice(ALEPPO))
      .then([
        { type: 'NoticeSent' },
        {
          type: 'DeconflictionAlerted',
          data: {
            parties: ['US', 'RU'],
            against: { kind: 'protection', conflict: { disclosure: 'sealed', owner: 'RU' } },
          },
        },
      ]);
  });

  it('refuses a notice for a vetted group (NOT_ALLOWED_BY_POLICY)', () => {
    given()
      .when(us.operator, { ...notice(ALEPPO), group: 'NUSRA' })
      .then('NOT_ALLOWED_BY_POLICY');
  });
});

describe('receipts of crossing notifications', () => {
  const h = run([[us.operator, notice(ALEPPO)]]);
  const id = recordOf(h, 'NoticeSent');
  const rows = (events: typeof h, at: number) =>
    receipts(replay(events), policy, epochMs(at)).map((r) => [r.party, r.status]);

  it('shows a notice awaiting its receipt, then overdue past the deadline', () => {
    assert.deepEqual(rows(h, T0 + 60_000), [['RU', 'awaiting']]);
    assert.deepEqual(rows(h, T0 + HOUR), [['RU', 'overdue']]);
  });

  it('records the receiving party’s acknowledgement', () => {
    const acked = given(h)
      .when(ru.operator, { type: 'AcknowledgeReceipt', record: id })
      .then([{ type: 'ReceiptAcknowledged', record: id, data: { party: 'RU' } }]);
    assert.deepEqual(rows([...h, ...acked], T0 + HOUR), [['RU', 'acknowledged']]);
  });

  it('refuses an acknowledgement by the sender (INVALID_STATE), a repeat (ALREADY_DECIDED) and an unknown record (NOT_FOUND)', () => {
    given(h).when(us.liaison, { type: 'AcknowledgeReceipt', record: id }).then('INVALID_STATE');
    given(run([[ru.operator, { type: 'AcknowledgeReceipt', record: id }]], h))
      .when(ru.monitor, { type: 'AcknowledgeReceipt', record: id })
      .then('ALREADY_DECIDED');
    given(h).when(ru.operator, { type: 'AcknowledgeReceipt', record: 'nope' }).then('NOT_FOUND');
  });

  it('tracks sealed sites and nominations too, but not office records', () => {
    const h2 = run([
      [us.liaison, site(north(9000), 'sealed')],
      [us.liaison, site(north(19000), 'office')],
      [
        ru.operator,
        {
          type: 'NominateTarget',
          group: 'NUSRA',
          location: { type: 'Point', coordinates: [38, 36] },
          justification: 'x',
          window: window(),
          executors: ['RU'],
        },
      ],
    ]);
    const types = receipts(replay(h2), policy, epochMs(T0)).map((r) => `${r.type}->${r.party}`);
    assert.deepEqual(types, ['ProtectedSiteRegistered->RU', 'TargetNominated->US']);
  });
});
