/**
 * `npm run bench -- rules [--json] [--big]`: replay of a 20,000-event history beside a bare fold
 * over the same events, and the cost of a command's checks against a loaded state: a protected
 * site registered (the reactor rechecks open nominations) and a nomination (checked against every
 * protection), beside rechecking every open nomination against every protection. `--big` loads
 * five times the records for the command figures.
 */
import { allProtections, decide, parseCommand, replay, type RootState } from '../../src/rules/index.ts';
import { conflictsFor } from '../../src/rules/operations/conflicts.ts';
import { isOpen } from '../../src/rules/operations/state.ts';
import { epochMs } from '../../src/core/index.ts';
import { context, history, policy, prng, somewhere, T0 } from './data.ts';

interface Figure {
  readonly metric: string;
  readonly value: number;
  readonly unit: string;
  readonly baseline?: string;
  readonly ratio?: number;
}

function report(f: Figure, json: boolean): void {
  if (json) console.log(JSON.stringify({ bench: 'rules', ...f }));
  else {
    const against = f.baseline ? `  (${f.ratio?.toPrecision(3)}x ${f.baseline})` : '';
    console.log(`${f.metric.padEnd(48)} ${fmt(f.value).padStart(12)} ${f.unit}${against}`);
  }
}

const fmt = (v: number) => (v >= 100 ? Math.round(v).toLocaleString('en') : v.toPrecision(3));

/** Runs `fn` repeatedly for about `budgetMs` (at least once); returns calls per second. */
function perSecond(fn: (i: number) => unknown, budgetMs = 1500, max = 10_000): number {
  const start = performance.now();
  let n = 0;
  while (n < max && (n === 0 || performance.now() - start < budgetMs)) fn(n++);
  return (n * 1000) / (performance.now() - start);
}

function command(raw: unknown) {
  const c = parseCommand(raw);
  if (!c.ok) throw new Error(JSON.stringify(c.error));
  return c.value;
}

function replayFigures(json: boolean): void {
  const events = history(20_000);
  const bare = perSecond(
    () => events.reduce((m, e) => m.set(e.record, e), new Map<string, unknown>()),
    1000,
    50,
  );
  const folded = perSecond(() => replay(events), 1000, 50);
  report(
    {
      metric: 'replay_20k_events_per_s',
      value: folded * events.length,
      unit: 'events/s',
      baseline: 'bare_fold',
      ratio: folded / bare,
    },
    json,
  );
  report({ metric: 'bare_fold_20k_events_per_s', value: bare * events.length, unit: 'events/s' }, json);
}

/** The former reactor: every open nomination against every protection. */
function recheckAll(s: RootState): number {
  const protections = allProtections(s, epochMs(T0));
  let n = 0;
  for (const nom of s.operations.nominations.values())
    if (isOpen(nom)) n += conflictsFor(policy, protections, nom.location, nom.window).length;
  return n;
}

function commandFigures(json: boolean, events: number): void {
  const state = replay(history(events));
  const sites = state.operations.sites.size;
  const noms = state.operations.nominations.size;
  const random = prng(7);
  const liaison = context('US', 'liaison');
  const operator = context('RU', 'operator');
  const site = () =>
    command({
      type: 'RegisterProtectedSite',
      category: 'hospital',
      release: 'joint',
      geometry: { type: 'Point', coordinates: [...somewhere(random)] },
    });
  const nominate = () =>
    command({
      type: 'NominateTarget',
      group: 'NUSRA',
      location: { type: 'Point', coordinates: [...somewhere(random)] },
      justification: 'j',
      window: { from: '2016-07-20T07:00:00Z', to: '2016-07-20T19:00:00Z' },
      executors: ['RU'],
    });
  const label = `${sites}_sites_${noms}_nominations`;
  const all = perSecond(() => recheckAll(state), 1500, 20);
  const reg = perSecond(() => decide(state, site(), liaison), 1500, 2000);
  report(
    {
      metric: `site_registered_per_s_${label}`,
      value: reg,
      unit: 'commands/s',
      baseline: 'recheck_all',
      ratio: reg / all,
    },
    json,
  );
  const nom = perSecond(() => decide(state, nominate(), operator), 1500, 2000);
  report(
    {
      metric: `nomination_per_s_${label}`,
      value: nom,
      unit: 'commands/s',
      baseline: 'recheck_all',
      ratio: nom / all,
    },
    json,
  );
  report({ metric: `recheck_all_per_s_${label}`, value: all, unit: 'rechecks/s' }, json);
}

export function run(options: { json: boolean; argv?: readonly string[] }): Promise<void> {
  const big = options.argv?.includes('--big') ?? false;
  replayFigures(options.json);
  commandFigures(options.json, big ? 20_000 : 4_000);
  return Promise.resolve();
}
