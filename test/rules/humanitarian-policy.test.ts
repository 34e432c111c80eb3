import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { partyId } from '../../src/core/index.ts';
import {
  FALLBACK_SITE_BUFFER_M,
  humanitarianPolicyOf,
  violationPolicyOf,
} from '../../src/rules/humanitarian-policy.ts';

const agreement = {
  parties: [{ id: partyId('US') }, { id: partyId('RU') }],
  humanitarian: { leadTimesHours: { convoy: 72, aid_site: 24, medevac: 2 } },
  receipts: { deadlineMinutes: 30 },
  protectedSites: { categories: [{ id: 'hospital', defaultBufferM: 1000 }] },
  violationKinds: ['air_strike', 'shelling', 'ground_attack', 'barrel_bomb'],
  evidence: { maxFiles: 20, maxFileBytes: 1024, mediaTypes: ['image/jpeg'] },
};

describe('reading the agreement', () => {
  it('gives lead times by kind, a site the aid_site one and an evacuation the medevac one', () =>
    assert.deepEqual(humanitarianPolicyOf(agreement).leadTimeMs, {
      site: 24 * 3_600_000,
      convoy: 72 * 3_600_000,
      evacuation: 2 * 3_600_000,
    }));

  it('gives the receipt deadline in milliseconds', () =>
    assert.equal(humanitarianPolicyOf(agreement).receiptDeadlineMs, 1_800_000));

  it("takes a site's buffer from the agreement's category, else the fallback", () => {
    const buffers = humanitarianPolicyOf(agreement).siteBuffersM;
    assert.deepEqual([buffers.hospital, buffers.school], [1000, FALLBACK_SITE_BUFFER_M]);
  });

  it('gives the violation rules the parties, kinds and evidence limits', () =>
    assert.deepEqual(violationPolicyOf(agreement), {
      parties: agreement.parties.map((p) => p.id),
      violationKinds: agreement.violationKinds,
      evidence: agreement.evidence,
    }));
});
