/**
 * Given / when / then for the rules, against the reference agreement:
 *
 *   given(history).when(actor, command, at).then([{ type, data }] | 'REFUSAL_CODE')
 *
 * Commands are written as on the wire (RFC 3339 times) and parsed as the server parses them, so a
 * malformed command is refused with INVALID_INPUT like any other refusal.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { epochMs, partyId, personId, recordId, type Role } from '../../src/core/index.ts';
import { parseAgreementYaml, type Agreement } from '../../src/policy/index.ts';
import type { Actor, Decision } from '../../src/rules/model.ts';
import { decide, parseCommand, replay, type Context, type RulesEvent } from '../../src/rules/index.ts';
import { repoRoot } from '../support/paths.ts';

const loaded = parseAgreementYaml(readFileSync(join(repoRoot, 'agreements', 'jig-2016.yaml'), 'utf8'));
if (!loaded.ok) throw new Error('the reference agreement does not parse');
export const policy: Agreement = loaded.value;

const person = (party: string, name: string, ...roles: Role[]): Actor => ({
  id: personId(`${party.toLowerCase()}-${name}`),
  party: partyId(party),
  roles,
});
export const us = {
  operator: person('US', 'operator', 'operator'),
  approver: person('US', 'approver', 'approver'),
  authority: person('US', 'authority', 'national_authority'),
  liaison: person('US', 'liaison', 'liaison'),
};
export const ru = {
  operator: person('RU', 'operator', 'operator'),
  approver: person('RU', 'approver', 'approver'),
  authority: person('RU', 'authority', 'national_authority'),
  monitor: person('RU', 'monitor', 'monitor'),
};

export const T0 = Date.parse('2016-07-20T10:00:00Z');
export const HOUR = 3_600_000;
export const iso = (ms: number): string => new Date(ms).toISOString();

let seq = 0;
export function ctxFor(actor: Actor, at = T0): Context {
  return { policy, actor, now: epochMs(at), newId: () => recordId(`r${++seq}`) };
}

function decideRaw(
  events: readonly RulesEvent[],
  actor: Actor,
  raw: unknown,
  at: number,
): Decision<RulesEvent> {
  const parsed = parseCommand(raw);
  if (!parsed.ok)
    return { ok: false, refusal: { code: 'INVALID_INPUT', message: 'invalid', issues: parsed.error } };
  return decide(replay(events), parsed.value, ctxFor(actor, at));
}

export type Step = readonly [Actor, unknown, number?];

/** Runs commands one after another and returns the whole history; a refusal fails the test. */
export function run(steps: readonly Step[], from: readonly RulesEvent[] = []): RulesEvent[] {
  const events = [...from];
  for (const [actor, raw, at] of steps) {
    const d = decideRaw(events, actor, raw, at ?? T0);
    if (!d.ok) throw new Error(`step refused: ${d.refusal.code} ${d.refusal.message}`);
    events.push(...d.events);
  }
  return events;
}

function assertSubset(actual: unknown, expected: unknown, path: string): void {
  if (Array.isArray(expected)) {
    assert.ok(
      Array.isArray(actual) && actual.length === expected.length,
      `${path} has ${expected.length} item(s)`,
    );
    expected.forEach((e, i) => assertSubset((actual as unknown[])[i], e, `${path}[${i}]`));
  } else if (typeof expected === 'object' && expected !== null && !Array.isArray(expected)) {
    assert.ok(typeof actual === 'object' && actual !== null, `${path} is an object`);
    for (const [k, v] of Object.entries(expected))
      assertSubset((actual as Record<string, unknown>)[k], v, `${path}.${k}`);
  } else assert.deepEqual(actual, expected, path);
}

export interface Expected {
  readonly type: string;
  readonly data?: unknown;
  readonly [k: string]: unknown;
}

export function given(history: readonly RulesEvent[] = []) {
  return {
    when(actor: Actor, command: unknown, at = T0) {
      const decision = decideRaw(history, actor, command, at);
      return {
        decision,
        /** The expected events in order (each a partial match), or the refusal code. */
        then(expected: readonly Expected[] | string): readonly RulesEvent[] {
          if (typeof expected === 'string') {
            assert.equal(decision.ok ? 'accepted' : decision.refusal.code, expected);
            return [];
          }
          assert.ok(
            decision.ok,
            decision.ok ? '' : `refused: ${decision.refusal.code} ${decision.refusal.message}`,
          );
          assert.deepEqual(
            decision.events.map((e) => e.type),
            expected.map((e) => e.type),
          );
          expected.forEach((e, i) => assertSubset(decision.events[i], e, `events[${i}]`));
          return decision.events;
        },
      };
    },
  };
}

/** Aleppo, and points a given distance north of it. */
export const ALEPPO: [number, number] = [37.16, 36.2];
export const north = (m: number): [number, number] => [ALEPPO[0], ALEPPO[1] + m / 111_000];
export const point = (c: readonly [number, number]) => ({ type: 'Point', coordinates: c });
export const square = (center: readonly [number, number], halfDeg: number) => {
  const [x, y] = center;
  return {
    type: 'Polygon',
    coordinates: [
      [
        [x - halfDeg, y - halfDeg],
        [x + halfDeg, y - halfDeg],
        [x + halfDeg, y + halfDeg],
        [x - halfDeg, y + halfDeg],
        [x - halfDeg, y - halfDeg],
      ],
    ],
  };
};
export const window = (fromH = 1, toH = 13) => ({ from: iso(T0 + fromH * HOUR), to: iso(T0 + toH * HOUR) });

export const site = (at: readonly [number, number], release = 'joint', category = 'hospital') => ({
  type: 'RegisterProtectedSite',
  category,
  geometry: point(at),
  release,
});
export const nomination = (at: readonly [number, number], executors = ['US']) => ({
  type: 'NominateTarget',
  group: 'NUSRA',
  location: point(at),
  justification: 'command post of the designated group',
  window: window(),
  executors,
});
export const concur = (id: string) => ({ type: 'DecideNomination', nomination: id, concur: true });

export const recordOf = (events: readonly RulesEvent[], type: string): string => {
  const e = events.findLast((x) => x.type === type);
  if (!e) throw new Error(`no ${type} in history`);
  return e.record;
};
