import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  distanceMeters,
  formatDms,
  formatMgrs,
  lonLat,
  parseCoordinate,
  parseMgrs,
} from '../../src/geo/index.ts';

const lonlatOf = (text: string) => {
  const r = parseCoordinate(text);
  assert.ok(r.ok, r.ok ? '' : r.error[0]?.reason);
  return r.value;
};
const close = (a: readonly number[], b: readonly number[], m: number) => assert.ok(distanceMeters(a, b) < m);

describe('coordinates as people type them', () => {
  it('reads degrees-minutes-seconds with marks, with spaces, and with leading hemispheres', () => {
    const want = [37 + 9 / 60 + 10 / 3600, 36 + 12 / 60 + 30 / 3600];
    for (const t of [
      `36°12'30"N 37°09'10"E`,
      '36 12 30 N, 37 9 10 E',
      'N36 12 30 E37 9 10',
      `37°09'10"E 36°12'30"N`,
    ])
      close(lonlatOf(t), want, 1e-6);
  });

  it('reads two bare decimal numbers latitude first, and signs as south and west', () => {
    assert.deepEqual(lonlatOf('36.2, 37.15'), [37.15, 36.2]);
    assert.deepEqual(lonlatOf('-33.5 -70.2'), [-70.2, -33.5]);
  });

  it('reads MGRS with or without spaces to the centre of its square', () => {
    close(lonlatOf('37SCA3367707717'), [37.15, 36.2], 2);
    close(lonlatOf('37S CA 33677 07717'), [37.15, 36.2], 2);
  });

  it('refuses with a reason what it cannot read', () => {
    const reason = (t: string) => {
      const r = parseCoordinate(t);
      return r.ok ? '' : r.error[0]!.reason;
    };
    assert.match(reason('95, 10'), /latitude 95 is outside/);
    assert.match(reason('36 61 0 N 37 E'), /below 60/);
    assert.match(reason('N36 N37'), /same axis/);
    assert.match(reason('hello'), /expected a latitude and a longitude/);
    assert.equal(parseMgrs('37SCA336770771').ok, false);
  });

  it('formats DMS and MGRS that read back to within their precision', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -180, max: 180, noNaN: true }),
        fc.double({ min: -80, max: 84, noNaN: true }),
        (lon, lat) => {
          const p = lonLat(lon, lat);
          close(lonlatOf(formatDms(p)), p, 3.5); // 0.1" is at most 3.1 m
          close(lonlatOf(formatMgrs(p)), p, 1.5); // a 1 m square, read at its centre
        },
      ),
      { numRuns: 300 },
    );
  });
});
