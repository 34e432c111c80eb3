import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { partyId } from '../../src/core/index.ts';
import { nominationStatus, replay, viewEvents } from '../../src/rules/index.ts';
import { ALEPPO, concur, given, nomination, north, recordOf, ru, run, site, us } from './given.ts';

const vetted = () => {
  const h = run([[ru.operator, nomination(ALEPPO)]]);
  const id = recordOf(h, 'TargetNominated');
  return {
    id,
    history: run(
      [
        [us.approver, concur(id)],
        [ru.approver, concur(id)],
      ],
      h,
    ),
  };
};

describe('nomination vetting', () => {
  describe('when the target is clear of every protection', () => {
    it('records the nomination without conflicts', () => {
      given()
        .when(ru.operator, nomination(ALEPPO))
        .then([
          { type: 'TargetNominated', owner: 'RU', release: 'joint', data: { group: 'NUSRA', conflicts: [] } },
        ]);
    });

    it('becomes vetted when the last party concurs, naming its one executor', () => {
      const h = run([[ru.operator, nomination(ALEPPO)]]);
      const id = recordOf(h, 'TargetNominated');
      const h2 = run([[us.approver, concur(id)]], h);
      given(h2)
        .when(ru.approver, concur(id))
        .then([
          { type: 'NominationDecided', data: { party: 'RU', concur: true } },
          { type: 'NominationVetted', data: { executors: ['US'] } },
        ]);
    });

    it('stays unvetted while one party has not decided', () => {
      const h = run([[ru.operator, nomination(ALEPPO)]]);
      const id = recordOf(h, 'TargetNominated');
      given(h)
        .when(us.approver, concur(id))
        .then([{ type: 'NominationDecided' }]);
    });
  });

  describe('when one party non-concurs', () => {
    it('records the reason and the nomination is not concurred', () => {
      const h = run([[ru.operator, nomination(ALEPPO)]]);
      const id = recordOf(h, 'TargetNominated');
      const events = given(h)
        .when(us.approver, {
          type: 'DecideNomination',
          nomination: id,
          concur: false,
          reason: 'partner force nearby',
        })
        .then([{ type: 'NominationDecided', data: { concur: false, reason: 'partner force nearby' } }]);
      const n = replay([...h, ...events]).operations.nominations.get(h[0]!.record);
      assert.equal(n && nominationStatus(n), 'not_concurred');
    });

    it('is refused without a reason (INVALID_INPUT)', () => {
      const h = run([[ru.operator, nomination(ALEPPO)]]);
      given(h)
        .when(us.approver, {
          type: 'DecideNomination',
          nomination: recordOf(h, 'TargetNominated'),
          concur: false,
        })
        .then('INVALID_INPUT');
    });
  });

  describe('refusals', () => {
    it('refuses a synchronized group (NOT_ALLOWED_BY_POLICY)', () => {
      given()
        .when(ru.operator, { ...nomination(ALEPPO), group: 'ISIL' })
        .then('NOT_ALLOWED_BY_POLICY');
    });
    it('refuses an unknown group (NOT_FOUND)', () => {
      given()
        .when(ru.operator, { ...nomination(ALEPPO), group: 'HTS' })
        .then('NOT_FOUND');
    });
    it('refuses a nomination from someone who is not an operator (NOT_AUTHORIZED)', () => {
      given().when(ru.approver, nomination(ALEPPO)).then('NOT_AUTHORIZED');
    });
    it('refuses a second decision by the same party (ALREADY_DECIDED)', () => {
      const h = run([[ru.operator, nomination(ALEPPO)]]);
      const id = recordOf(h, 'TargetNominated');
      given(run([[us.approver, concur(id)]], h))
        .when(us.approver, concur(id))
        .then('ALREADY_DECIDED');
    });
    it('refuses a decision on a vetted nomination (INVALID_STATE)', () => {
      const { id, history } = vetted();
      given(history).when(us.approver, concur(id)).then('INVALID_STATE');
    });
    it('refuses a decision on an unknown nomination (NOT_FOUND)', () => {
      given().when(us.approver, concur('nope')).then('NOT_FOUND');
    });
    it('refuses a window that ends before it starts (INVALID_INPUT) with the field pointer', () => {
      const w = { from: '2016-07-20T12:00:00Z', to: '2016-07-20T11:00:00Z' };
      const { decision } = given().when(ru.operator, { ...nomination(ALEPPO), window: w });
      assert.ok(!decision.ok);
      assert.deepEqual(
        decision.refusal.issues?.map((i) => i.pointer),
        ['/window/to'],
      );
    });
  });

  describe('when the target lies within a sealed protected site buffer', () => {
    const SITE: [number, number] = [37.16273, 36.20311]; // ~400 m from the target
    const history = run([[us.liaison, site(SITE, 'sealed', 'partner_force')]]);

    it('is blocked, the reason naming the owner, category class and distance band only', () => {
      given(history)
        .when(ru.operator, nomination(ALEPPO))
        .then([
          {
            type: 'TargetNominated',
            data: {
              conflicts: [
                {
                  disclosure: 'sealed',
                  code: 'PROTECTED_SITE_CONFLICT',
                  owner: 'US',
                  categoryClass: 'partner_force',
                  withinM: 1000,
                },
              ],
            },
          },
        ]);
    });

    it("gives the other party's view no coordinate of the site", () => {
      const all = run([[ru.operator, nomination(ALEPPO)]], history);
      const seen = JSON.stringify(viewEvents(partyId('RU'), all));
      for (const c of SITE) assert.ok(!seen.includes(String(c)), `the view contains ${c}`);
      assert.ok(!seen.includes('"geometry"'));
      assert.ok(JSON.stringify(viewEvents(partyId('US'), all)).includes(String(SITE[1])));
    });

    it('stays blocked when every party concurs', () => {
      const h = run([[ru.operator, nomination(ALEPPO)]], history);
      const id = recordOf(h, 'TargetNominated');
      given(run([[us.approver, concur(id)]], h))
        .when(ru.approver, concur(id))
        .then([{ type: 'NominationDecided' }]);
    });
  });

  describe('when protections change after submission', () => {
    it('invalidates a vetted nomination when a protected site is added near it, telling both parties', () => {
      const { id, history } = vetted();
      given(history)
        .when(us.liaison, site(north(300), 'joint', 'school'))
        .then([
          { type: 'ProtectedSiteRegistered' },
          {
            type: 'NominationInvalidated',
            record: id,
            data: { notify: ['US', 'RU'], conflicts: [{ disclosure: 'full', category: 'school' }] },
          },
        ]);
    });

    it('leaves a vetted nomination alone when the new site is far away', () => {
      const { history } = vetted();
      given(history)
        .when(us.liaison, site(north(20_000)))
        .then([{ type: 'ProtectedSiteRegistered' }]);
    });

    it('vets a fully concurred nomination once its blocking site is withdrawn', () => {
      const h0 = run([[us.liaison, site(north(200))]]);
      const siteId = recordOf(h0, 'ProtectedSiteRegistered');
      const h1 = run([[ru.operator, nomination(ALEPPO)]], h0);
      const id = recordOf(h1, 'TargetNominated');
      const h2 = run(
        [
          [us.approver, concur(id)],
          [ru.approver, concur(id)],
        ],
        h1,
      );
      given(h2)
        .when(us.liaison, { type: 'WithdrawProtectedSite', site: siteId })
        .then([
          { type: 'ProtectedSiteWithdrawn' },
          { type: 'NominationRechecked', data: { conflicts: [] } },
          { type: 'NominationVetted' },
        ]);
    });
  });

  describe('withdrawal', () => {
    it('lets the nominating party withdraw, and nobody else (NOT_AUTHORIZED)', () => {
      const h = run([[ru.operator, nomination(ALEPPO)]]);
      const id = recordOf(h, 'TargetNominated');
      given(h)
        .when(us.operator, { type: 'WithdrawNomination', nomination: id, reason: 'x' })
        .then('NOT_AUTHORIZED');
      given(h)
        .when(ru.operator, { type: 'WithdrawNomination', nomination: id, reason: 'target moved' })
        .then([{ type: 'NominationWithdrawn' }]);
    });
  });
});

describe('integrated operations', () => {
  it('refuses two executors while not authorized (NOT_ALLOWED_BY_POLICY)', () => {
    given()
      .when(ru.operator, nomination(ALEPPO, ['US', 'RU']))
      .then('NOT_ALLOWED_BY_POLICY');
  });

  it("still refuses them after only one party's national authority authorizes", () => {
    const h = run([[us.authority, { type: 'AuthorizeIntegratedOperations' }]]);
    given(h)
      .when(ru.operator, nomination(ALEPPO, ['US', 'RU']))
      .then('NOT_ALLOWED_BY_POLICY');
  });

  it('accepts several executors once every national authority has authorized, and vets them', () => {
    const h = run([
      [us.authority, { type: 'AuthorizeIntegratedOperations' }],
      [ru.authority, { type: 'AuthorizeIntegratedOperations' }],
      [ru.operator, nomination(ALEPPO, ['US', 'RU'])],
    ]);
    const id = recordOf(h, 'TargetNominated');
    given(run([[us.approver, concur(id)]], h))
      .when(ru.approver, concur(id))
      .then([{ type: 'NominationDecided' }, { type: 'NominationVetted', data: { executors: ['US', 'RU'] } }]);
  });

  it('records one event per authorization and refuses a repeat (ALREADY_DECIDED)', () => {
    given()
      .when(us.authority, { type: 'AuthorizeIntegratedOperations' })
      .then([{ type: 'IntegratedOperationsAuthorized', data: { party: 'US' } }]);
    const h = run([[us.authority, { type: 'AuthorizeIntegratedOperations' }]]);
    given(h).when(us.authority, { type: 'AuthorizeIntegratedOperations' }).then('ALREADY_DECIDED');
  });

  it('takes a national authority, not an approver (NOT_AUTHORIZED)', () => {
    given().when(us.approver, { type: 'AuthorizeIntegratedOperations' }).then('NOT_AUTHORIZED');
  });

  it('refuses an executor that is not a party (INVALID_INPUT)', () => {
    given()
      .when(ru.operator, nomination(ALEPPO, ['FR']))
      .then('INVALID_INPUT');
  });
});
