import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { FlushCadence } from '../../src/web/map/cadence.ts';
import {
  LEADER_PX,
  TRAIL,
  TRAIL_STEP_MS,
  TrackTable,
  leaderEnd,
  parseTrack,
  type TrackReport,
} from '../../src/web/map/tracks.ts';

const at = (s: number) => new Date(Date.UTC(2016, 6, 20, 12, 0, s)).toISOString();

function report(id: string, lon: number, lat: number, s: number, party = 'US'): TrackReport {
  const r = parseTrack({ id, actor: `${party}-AF`, party, lon, lat, heading_deg: 90, time: at(s) });
  assert.ok(r);
  return r;
}

type Multi = GeoJSON.Feature<GeoJSON.MultiLineString>;

describe('live tracks as map sources', () => {
  it('drops reports without an id or with a position off the globe', () => {
    assert.equal(parseTrack({ lon: 36, lat: 35 }), undefined);
    assert.equal(parseTrack({ id: 'a', lon: 200, lat: 35 }), undefined);
    assert.equal(parseTrack({ id: 'a', lon: '36', lat: 35 }), undefined);
    assert.equal(parseTrack([]), undefined);
    assert.equal(parseTrack({ id: 'a', lon: 36, lat: 35 })?.heading_deg, 0);
  });

  it('draws a heading leader of the same screen length at every zoom', () => {
    const [lon5, lat5] = leaderEnd(36, 35, 90, 5, LEADER_PX);
    const [lon6] = leaderEnd(36, 35, 90, 6, LEADER_PX);
    assert.equal(lat5, 35);
    // 14 px at zoom 5 of a 512 px world 2^5 times over.
    assert.ok(Math.abs(lon5 - 36 - (14 * 360) / (512 * 32)) < 1e-12);
    assert.ok(Math.abs((lon5 - 36) / (lon6 - 36) - 2) < 1e-9);
    const [lonN, latN] = leaderEnd(36, 35, 0, 5, LEADER_PX);
    assert.equal(lonN, 36);
    assert.ok(latN > 35);
  });

  it('sends one clickable point per track with only the properties the layers use', () => {
    const t = new TrackTable();
    t.update(report('a', 36, 35, 0));
    t.update(report('b', 37, 34, 0, 'RU'));
    t.update(report('a', 36.1, 35, 1));
    const points = t.points(5.6).features.filter((f) => f.geometry.type === 'Point');
    assert.equal(points.length, 2);
    assert.deepEqual(points[0]?.geometry, { type: 'Point', coordinates: [36.1, 35] });
    assert.deepEqual(points[0]?.properties, { id: 'a', owner: 'US', _c: 'tracks', _alert: false });
  });

  it('merges the heading leaders into one feature per colour, alerted tracks in their own', () => {
    const t = new TrackTable();
    for (let i = 0; i < 5; i++) t.update(report(`u${i}`, 36 + i / 10, 35, 0));
    for (let i = 0; i < 3; i++) t.update(report(`r${i}`, 37 + i / 10, 34, 0, 'RU'));
    t.alerted = new Set(['r0']);
    const lines = t.points(5).features.filter((f) => f.geometry.type === 'MultiLineString') as Multi[];
    const by = new Map(lines.map((f) => [f.properties?.['_alert'] ? '!' : f.properties?.['owner'], f]));
    assert.equal(lines.length, 3);
    assert.equal(by.get('US')?.geometry.coordinates.length, 5);
    assert.equal(by.get('RU')?.geometry.coordinates.length, 2);
    assert.equal(by.get('!')?.geometry.coordinates.length, 1);
  });

  it('keeps a position per trail step, at most a trail of them, ending at the aircraft', () => {
    const t = new TrackTable();
    const step = TRAIL_STEP_MS / 1000;
    const seconds = (TRAIL + 3) * step + 2; // the last report falls between two steps
    for (let s = 0; s <= seconds; s++) t.update(report('a', 36 + s / 1000, 35, s));
    const [trail] = t.trails().features as Multi[];
    const line = trail?.geometry.coordinates[0] ?? [];
    assert.equal(line.length, TRAIL + 1);
    assert.deepEqual(line[line.length - 1], [36 + seconds / 1000, 35]);
    assert.deepEqual(line[line.length - 2], [36 + (seconds - 2) / 1000, 35]);
    assert.deepEqual(line[0], [36 + (seconds - 2 - (TRAIL - 1) * step) / 1000, 35]);
  });

  it('groups trails by party and leaves out tracks seen only once', () => {
    const t = new TrackTable();
    t.update(report('a', 36, 35, 0));
    t.update(report('a', 36.1, 35, 1));
    t.update(report('b', 37, 34, 0, 'RU'));
    t.update(report('b', 37.1, 34, 1, 'RU'));
    t.update(report('c', 37, 33, 0, 'RU'));
    const trails = t.trails().features as Multi[];
    const counts = trails.map((f) => `${String(f.properties?.['owner'])}:${f.geometry.coordinates.length}`);
    assert.deepEqual(counts.sort(), ['RU:1', 'US:1']);
  });
});

describe('the cadence of live track redraws', () => {
  const cadence = () =>
    new FlushCadence({ minMs: 1000, share: 1 / 3, quietMs: 300, maxDeferMs: 1500, maxCostMs: 1500 });

  it('flushes at once the first time, then at most once a second', () => {
    const c = cadence();
    assert.equal(c.delay(0), 0);
    c.flushed(0);
    assert.equal(c.delay(400), 600);
    assert.equal(c.delay(1200), 0);
  });

  it('spaces flushes out when redrawing them is slow, keeping it to a third of the time', () => {
    const c = cadence();
    c.flushed(0);
    c.measured(600);
    assert.equal(c.delay(0), 1800);
    c.measured(200);
    assert.equal(c.cost, 400);
    assert.equal(c.delay(0), 1200);
    c.measured(60_000); // a long pan
    assert.equal(c.delay(0), 2850);
  });

  it('lets a fresh input be answered first, but not for longer than the deferral cap', () => {
    const c = cadence();
    c.flushed(0);
    c.input(900);
    assert.equal(c.delay(1000), 200);
    for (let t = 1000; t < 4000; t += 100) c.input(t);
    assert.equal(c.delay(4000), 0);
  });
});
