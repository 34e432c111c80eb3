import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { parseRoute, positionAt } from '../../src/geo/route.ts';

const T0 = Date.UTC(2016, 6, 31, 12);

describe('planned routes at the edge', () => {
  it('accepts waypoints with epoch-ms or RFC 3339 times and a route band', () => {
    const r = parseRoute({
      id: 'medevac-1',
      altitude: { minM: 300, maxM: 900 },
      waypoints: [
        { position: [36.2, 33.5], time: '2016-07-31T12:00:00Z' },
        { position: [36.4, 33.6, 500], time: T0 + 600_000 },
      ],
    });
    assert.ok(r.ok);
    assert.deepEqual(r.value.waypoints[0], { position: [36.2, 33.5], time: T0 });
    assert.deepEqual(r.value.waypoints[1]?.position, [36.4, 33.6]);
  });

  it('reports every invalid field with its JSON pointer', () => {
    const r = parseRoute({
      id: '',
      waypoints: [
        { position: [200, 33.5], time: T0, altitude: { minM: 900, maxM: 300 } },
        { position: [36.4, 95], time: T0 },
        { position: [36.5, 33.6], time: 'yesterday' },
      ],
    });
    assert.ok(!r.ok);
    assert.deepEqual(
      r.error.map((i) => i.pointer),
      [
        '/id',
        '/waypoints/0/position/0',
        '/waypoints/0/altitude/maxM',
        '/waypoints/1/position/1',
        '/waypoints/1/time',
        '/waypoints/1/altitude',
        '/waypoints/2/time',
        '/waypoints/2/altitude',
      ],
    );
  });

  it('refuses a route with fewer than two waypoints, and a near-antipodal leg', () => {
    assert.equal(parseRoute({ id: 'a', altitude: { minM: 0, maxM: 1 }, waypoints: [] }).ok, false);
    const r = parseRoute({
      id: 'a',
      altitude: { minM: 0, maxM: 1 },
      waypoints: [
        { position: [0, 0], time: T0 },
        { position: [179.9, 0.1], time: T0 + 1 },
      ],
    });
    assert.ok(!r.ok && r.error[0]?.pointer === '/waypoints/1/position');
  });
});

describe('where an aircraft is on its route', () => {
  const route = {
    id: 'a',
    waypoints: [
      { position: [179.5, 10] as const, time: T0, altitude: { minM: 0, maxM: 100 } },
      { position: [-179.5, 10] as const, time: T0 + 1000, altitude: { minM: 1000, maxM: 1100 } },
    ],
  };
  it('interpolates along the geodesic across the antimeridian, and the band linearly', () => {
    const p = positionAt(route, T0 + 500);
    assert.ok(p && Math.abs(Math.abs(p.position[0]) - 180) < 1e-9 && p.position[1] > 10);
    assert.deepEqual(p.altitude, { minM: 500, maxM: 600 });
  });
  it('is nowhere outside the route time span', () => {
    assert.equal(positionAt(route, T0 - 1), undefined);
    assert.equal(positionAt(route, T0 + 1001), undefined);
  });
});
