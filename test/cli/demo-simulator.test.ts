import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { distanceMeters, lonLat } from '../../src/geo/index.ts';
import { AirPicture, demoSorties } from '../../src/cli/demo/simulator.ts';
import { SCENARIO_START } from '../../src/cli/demo/scenario.ts';

describe('the demo air picture', () => {
  it('replays the same reports for the same seed and differs for another', () => {
    const a = new AirPicture(demoSorties(7), SCENARIO_START).at(SCENARIO_START + 60_000);
    const b = new AirPicture(demoSorties(7), SCENARIO_START).at(SCENARIO_START + 60_000);
    const c = new AirPicture(demoSorties(8), SCENARIO_START).at(SCENARIO_START + 60_000);
    assert.deepEqual(a, b);
    assert.notDeepEqual(a, c);
  });

  it('moves each aircraft at its own speed from one second to the next', () => {
    const picture = new AirPicture(demoSorties(1), SCENARIO_START);
    for (let t = 0; t < 3_600_000; t += 97_000) {
      const now = picture.at(SCENARIO_START + t);
      const next = picture.at(SCENARIO_START + t + 1000);
      for (const [i, r] of now.entries()) {
        const moved = distanceMeters(lonLat(r.lon, r.lat), lonLat(next[i]!.lon, next[i]!.lat));
        // At a waypoint the circuit may jump to the next leg's start: never more than one second of flight.
        assert.ok(moved <= r.speedMps * 1.01 + 1, `${r.id} moved ${moved} m in 1 s at ${r.speedMps} m/s`);
        assert.ok(r.headingDeg >= 0 && r.headingDeg < 360);
      }
    }
  });

  it('flies aircraft of the US, RU and the Syrian air force', () => {
    const actors = new Set(demoSorties(1).map((s) => s.actor));
    for (const a of ['US-AF', 'RU-AF', 'SY-AF']) assert.ok(actors.has(a));
  });
});
