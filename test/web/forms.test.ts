import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { parseCommand } from '../../src/rules/index.ts';
import { RESOURCES } from '../../src/server/resources.ts';
import { FORMS, waypoints, type FieldDef, type FormDef } from '../../src/web/panels/form-defs.ts';
import { bodyOf, parseVehicles } from '../../src/web/panels/forms.ts';

const T0 = '2026-11-21T10:00:00.000Z';
const T1 = '2026-11-21T13:00:00.000Z';

/** A plausible value of each field, as the form would read it. */
function sample(f: FieldDef): unknown {
  if (f.kind === 'geometry') {
    const kind = f.draw?.[0] ?? 'Point';
    if (kind === 'Point') return { type: 'Point', coordinates: [37.1, 36.2] };
    if (kind === 'LineString')
      return {
        type: 'LineString',
        coordinates: [
          [37, 36],
          [37.2, 36.1],
          [37.4, 36.3],
        ],
      };
    return {
      type: 'Polygon',
      coordinates: [
        [
          [37, 36],
          [37.2, 36],
          [37.2, 36.2],
          [37, 36],
        ],
      ],
    };
  }
  if (f.kind === 'datetime') return /(^|\/)(to|arrival)$/.test(f.path) ? T1 : T0;
  if (f.kind === 'number') return 100;
  if (f.kind === 'select') return f.options?.find((o) => o !== f.none);
  if (f.kind === 'checkbox') return false;
  if (f.kind === 'vehicles') return [{ kind: 'trucks', count: 3 }];
  if (f.kind === 'perpetrator') return { kind: 'unknown' };
  if (f.list) return ['US'];
  return f.code ? 'NUSRA' : 'Text';
}

/** The rules command a form's target stands for. */
function commandOf(def: FormDef): string | undefined {
  if ('command' in def.target) return def.target.command;
  const target = def.target;
  return RESOURCES.find((r) => r.collection === target.collection)?.create;
}

describe('the create forms', () => {
  for (const def of FORMS)
    it(`send a body the rules read as their command: ${def.id}`, () => {
      const type = commandOf(def);
      assert.ok(type, `no create command for ${def.id}`);
      const body = bodyOf(def, new Map(def.fields.map((f) => [f.path, sample(f)])));
      const parsed = parseCommand({ type, ...body });
      assert.ok(parsed.ok, `${def.id}: ${JSON.stringify(parsed.ok ? null : parsed.error)}`);
    });

  it('time a flight route from departure to arrival in proportion to the distance flown', () => {
    const route = waypoints(
      {
        type: 'LineString',
        coordinates: [
          [37, 36],
          [37.1, 36],
          [37.4, 36],
        ],
      },
      T0,
      T1,
    );
    assert.deepEqual(
      route?.map((w) => w.time),
      [T0, '2026-11-21T10:45:00.000Z', T1],
    );
    assert.equal(waypoints({ type: 'Point', coordinates: [37, 36] }, T0, T1), undefined);
  });

  it('put a problem with a waypoint time on the departure or the arrival field', () => {
    const flight = FORMS.find((f) => f.id === 'flight');
    assert.equal(flight?.fieldOf?.('/route/0/time'), 'departure');
    assert.equal(flight?.fieldOf?.('/route/2/time'), 'arrival');
    assert.equal(flight?.fieldOf?.('/route/1/position'), 'route');
    assert.equal(flight?.fieldOf?.('/band/maxM'), undefined);
  });

  it('read vehicles one kind a line, count first or last, and refuse anything else', () => {
    assert.deepEqual(parseVehicles('12 trucks\nambulances x 2\n'), [
      { kind: 'trucks', count: 12 },
      { kind: 'ambulances', count: 2 },
    ]);
    assert.equal(parseVehicles('some trucks'), undefined);
  });
});
