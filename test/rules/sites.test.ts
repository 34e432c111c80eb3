import { describe, it } from 'node:test';
import { ALEPPO, given, nomination, north, recordOf, ru, run, site, us } from './given.ts';

const disputed = () => {
  const h = run([[us.liaison, site(north(300))]]);
  const siteId = recordOf(h, 'ProtectedSiteRegistered');
  const h2 = run(
    [[ru.operator, { type: 'DisputeProtectedSite', site: siteId, reason: 'it shields NUSRA fighters' }]],
    h,
  );
  return { siteId, dispute: recordOf(h2, 'ProtectedSiteDisputed'), history: h2 };
};

describe('protected sites', () => {
  it("registers a site with the category's default buffer and its release level", () => {
    given()
      .when(us.liaison, site(ALEPPO, 'sealed', 'partner_force'))
      .then([
        {
          type: 'ProtectedSiteRegistered',
          owner: 'US',
          release: 'sealed',
          data: { category: 'partner_force', bufferM: 3000 },
        },
      ]);
  });

  it('refuses a category the agreement does not list (NOT_ALLOWED_BY_POLICY)', () => {
    given()
      .when(us.liaison, site(ALEPPO, 'joint', 'bunker'))
      .then('NOT_ALLOWED_BY_POLICY');
  });

  it('refuses a monitor (NOT_AUTHORIZED)', () => {
    given().when(ru.monitor, site(ALEPPO)).then('NOT_AUTHORIZED');
  });

  it('refuses an open ring (INVALID_INPUT)', () => {
    const open = {
      type: 'Polygon',
      coordinates: [
        [
          [37, 36],
          [37.1, 36],
          [37.1, 36.1],
          [37, 36.2],
        ],
      ],
    };
    given()
      .when(us.liaison, { ...site(ALEPPO), geometry: open })
      .then('INVALID_INPUT');
  });

  it('refuses a withdrawal by another party (NOT_AUTHORIZED) and a second withdrawal (INVALID_STATE)', () => {
    const h = run([[us.liaison, site(ALEPPO)]]);
    const id = recordOf(h, 'ProtectedSiteRegistered');
    given(h).when(ru.operator, { type: 'WithdrawProtectedSite', site: id }).then('NOT_AUTHORIZED');
    const h2 = run([[us.liaison, { type: 'WithdrawProtectedSite', site: id }]], h);
    given(h2).when(us.liaison, { type: 'WithdrawProtectedSite', site: id }).then('INVALID_STATE');
  });
});

describe('disputes over protected sites', () => {
  it("records another party's dispute with its reason", () => {
    const h = run([[us.liaison, site(ALEPPO)]]);
    const id = recordOf(h, 'ProtectedSiteRegistered');
    given(h)
      .when(ru.operator, { type: 'DisputeProtectedSite', site: id, reason: 'it shields NUSRA fighters' })
      .then([
        { type: 'ProtectedSiteDisputed', owner: 'RU', release: 'joint', data: { site: id, siteOwner: 'US' } },
      ]);
  });

  it('refuses a dispute of one’s own site (INVALID_STATE)', () => {
    const h = run([[us.liaison, site(ALEPPO)]]);
    given(h)
      .when(us.operator, {
        type: 'DisputeProtectedSite',
        site: recordOf(h, 'ProtectedSiteRegistered'),
        reason: 'x',
      })
      .then('INVALID_STATE');
  });

  it('does not confirm that a sealed site of another party exists (NOT_FOUND)', () => {
    const h = run([[us.liaison, site(ALEPPO, 'sealed')]]);
    given(h)
      .when(ru.operator, {
        type: 'DisputeProtectedSite',
        site: recordOf(h, 'ProtectedSiteRegistered'),
        reason: 'x',
      })
      .then('NOT_FOUND');
  });

  it('keeps a disputed site protecting while the dispute is open', () => {
    const { history } = disputed();
    given(history)
      .when(ru.operator, nomination(ALEPPO))
      .then([
        {
          type: 'TargetNominated',
          data: { conflicts: [{ code: 'PROTECTED_SITE_CONFLICT', distanceM: 300 }] },
        },
      ]);
  });

  it('keeps the site when the owner maintains it', () => {
    const { dispute, siteId, history } = disputed();
    given(history)
      .when(us.liaison, {
        type: 'AnswerDispute',
        dispute,
        outcome: 'maintained',
        reason: 'verified partner force',
      })
      .then([{ type: 'DisputeAnswered', data: { site: siteId, outcome: 'maintained' } }]);
  });

  it('withdraws the site when the owner concedes, and the nomination it blocked is rechecked', () => {
    const { dispute, siteId, history } = disputed();
    const h = run([[ru.operator, nomination(ALEPPO)]], history);
    given(h)
      .when(us.liaison, { type: 'AnswerDispute', dispute, outcome: 'withdrawn', reason: 'group has left' })
      .then([
        { type: 'DisputeAnswered', data: { outcome: 'withdrawn' } },
        { type: 'ProtectedSiteWithdrawn', record: siteId },
        { type: 'NominationRechecked', data: { conflicts: [] } },
      ]);
  });

  it('lets only the owner answer (NOT_AUTHORIZED), once (ALREADY_DECIDED)', () => {
    const { dispute, history } = disputed();
    given(history)
      .when(ru.operator, { type: 'AnswerDispute', dispute, outcome: 'withdrawn', reason: 'x' })
      .then('NOT_AUTHORIZED');
    const h = run(
      [[us.liaison, { type: 'AnswerDispute', dispute, outcome: 'maintained', reason: 'y' }]],
      history,
    );
    given(h)
      .when(us.liaison, { type: 'AnswerDispute', dispute, outcome: 'withdrawn', reason: 'z' })
      .then('ALREADY_DECIDED');
  });
});
