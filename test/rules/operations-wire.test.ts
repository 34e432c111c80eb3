import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { distanceMeters } from '../../src/geo/index.ts';
import type { RulesEvent } from '../../src/rules/index.ts';
import { ALEPPO, HOUR, T0, given, iso, nomination, north, run, ru, site, us, window } from './given.ts';

/**
 * Aleppo (37.16 E, 36.2 N) as an MGRS reference to the metre, and in degrees-minutes-seconds.
 * An odd number of MGRS digits cannot be split into easting and northing.
 */
const ALEPPO_MGRS = '37SCA3457607700';
const ALEPPO_DMS = '36°12\'00"N 37°09\'36"E';

const located = (events: readonly RulesEvent[]): readonly number[] => {
  const e = events.find((x) => x.type === 'TargetNominated');
  return (e?.data as { location: { coordinates: readonly number[] } }).location.coordinates;
};

const issuesOf = (d: { ok: boolean; refusal?: { issues?: readonly { pointer: string }[] } }) =>
  d.ok ? [] : (d.refusal?.issues ?? []).map((i) => i.pointer);

describe('operations commands read geometry through the geometry engine', () => {
  describe('when a nomination gives its location as an MGRS reference', () => {
    it('records the location as a GeoJSON point within a metre of the reference', () => {
      const events = given()
        .when(ru.operator, { ...nomination(ALEPPO), location: ALEPPO_MGRS })
        .then([{ type: 'TargetNominated', data: { location: { type: 'Point' }, conflicts: [] } }]);
      assert.ok(distanceMeters(located(events), ALEPPO) < 1);
    });

    it('is checked against protected sites like a GeoJSON location', () => {
      const h = run([[us.liaison, site(north(300))]]);
      given(h)
        .when(ru.operator, { ...nomination(ALEPPO), location: ALEPPO_MGRS })
        .then([{ type: 'TargetNominated', data: { conflicts: [{ code: 'PROTECTED_SITE_CONFLICT' }] } }]);
    });
  });

  describe('when a point is typed in degrees, minutes and seconds', () => {
    it('accepts it for an imminent-threat action', () => {
      given()
        .when(
          us.operator,
          {
            type: 'RecordImminentThreatAction',
            group: 'NUSRA',
            actionAt: iso(T0),
            location: ALEPPO_DMS,
            threat: 'mortar team setting up',
          },
          T0 + HOUR,
        )
        .then([{ type: 'ImminentThreatActionRecorded', data: { location: { type: 'Point' } } }]);
    });
  });

  describe('when a typed location cannot be read', () => {
    it('is refused (INVALID_INPUT) at /location with the reason', () => {
      const { decision } = given().when(ru.operator, { ...nomination(ALEPPO), location: '37SCA3457607' });
      assert.deepEqual(issuesOf(decision), ['/location']);
    });
  });

  describe('when a notice area crosses itself', () => {
    const bowTie = {
      type: 'Polygon',
      coordinates: [
        [
          [37.0, 36.0],
          [37.2, 36.2],
          [37.2, 36.0],
          [37.0, 36.3],
          [37.0, 36.0],
        ],
      ],
    };

    it('is refused (INVALID_INPUT) with a pointer under /area and the engine reason', () => {
      const { decision } = given().when(us.operator, {
        type: 'SendNotice',
        group: 'ISIL',
        area: bowTie,
        window: window(),
      });
      assert.equal(decision.ok ? 'accepted' : decision.refusal.code, 'INVALID_INPUT');
      const issues = decision.ok ? [] : (decision.refusal.issues ?? []);
      assert.ok(
        issues.length > 0 && issues.every((i) => i.pointer.startsWith('/area/')),
        JSON.stringify(issues),
      );
      assert.ok(
        issues.some((i) => /intersect|cross/i.test(i.reason)),
        JSON.stringify(issues),
      );
    });
  });

  describe('when a protected site is a line that crosses the antimeridian', () => {
    it('measures a nomination across it the short way', () => {
      const h = run([
        [
          us.liaison,
          {
            type: 'RegisterProtectedSite',
            category: 'hospital',
            geometry: {
              type: 'LineString',
              coordinates: [
                [179.99, -1],
                [-179.99, 1],
              ],
            },
            bufferM: 1000,
            release: 'joint',
          },
        ],
      ]);
      given(h)
        .when(ru.operator, { ...nomination([179.995, 0]) })
        .then([{ type: 'TargetNominated', data: { conflicts: [{ code: 'PROTECTED_SITE_CONFLICT' }] } }]);
    });
  });
});
