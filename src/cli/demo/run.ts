/**
 * `jig demo`: the joint center of July 2016 on one machine. Starts the server (SQLite under
 * `./data/`, the reference agreement, every party's stand-in witness), seeds the reference
 * scenario once with a progress bar, then keeps it alive: aircraft report every scenario second,
 * and now and then a new violation report or nomination arrives. The scenario clock starts on
 * 20 July 2016 and runs `speed` times faster than real time; it resumes where it stopped.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { epochMs, systemClock, toDtg, type Clock } from '../../core/index.ts';
import { verifyExport, writeExport } from '../../ledger/index.ts';
import { exportSource } from '../../store/export-source.ts';
import type { Principal } from '../../store/people.ts';
import { progress } from '../progress.ts';
import { startJig, type RunningJig } from '../start.ts';
import { DEMO_PEOPLE, EXERCISE, SCENARIO_START, scenarioSteps } from './scenario.ts';
import { AirPicture, demoSorties, seeded } from './simulator.ts';

export interface DemoOptions {
  readonly port: number;
  readonly host: string;
  readonly db: string;
  readonly speed: number;
  readonly seed: number;
  readonly reset: boolean;
  readonly quiet?: boolean;
}

interface DemoState {
  seeded: boolean;
  simAt: number;
  seed: number;
}

/** Scenario time: `start` plus real elapsed time times `speed`. */
export function demoClock(start: number, speed: number, real: Clock = systemClock): Clock {
  const t0 = real.now();
  return { now: () => epochMs(Math.floor(start + (real.now() - t0) * speed)) };
}

export async function runDemo(o: DemoOptions): Promise<{ jig: RunningJig; stop: () => Promise<void> }> {
  const dir = dirname(o.db);
  const stateFile = join(dir, 'demo.json');
  if (o.reset) rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const saved = existsSync(stateFile)
    ? (JSON.parse(readFileSync(stateFile, 'utf8')) as DemoState)
    : undefined;
  const state: DemoState = saved ?? { seeded: false, simAt: SCENARIO_START, seed: o.seed };
  const clock = demoClock(state.simAt, o.speed);
  const say = (s: string) => (o.quiet ? undefined : console.log(s));

  const jig = await startJig({
    db: o.db,
    port: o.port,
    host: o.host,
    localWitnesses: true,
    clock,
    directory: { clock: systemClock },
  });
  const principals = await ensurePeople(jig);
  if (!state.seeded) {
    await seed(jig, principals, clock, o.quiet ?? false);
    state.seeded = true;
  }
  await jig.service.checkpointNow();
  say(await verifyLedger(jig));
  const save = () => writeFileSync(stateFile, JSON.stringify({ ...state, simAt: clock.now() }));
  save();

  const stopSim = simulate(jig, principals, clock, state.seed, o.speed);
  const saver = setInterval(save, 5000);
  saver.unref();
  say(banner(jig.url, o.speed, clock.now()));
  return {
    jig,
    stop: async () => {
      stopSim();
      clearInterval(saver);
      save();
      await jig.close();
    },
  };
}

async function ensurePeople(jig: RunningJig): Promise<Map<string, Principal>> {
  const out = new Map<string, Principal>();
  for (const p of DEMO_PEOPLE) {
    let person = await jig.people.find(p.name);
    if (!person) {
      const created = await jig.people.add({ name: p.name, party: p.party, role: p.role });
      await jig.people.changePassword(created.person.person, created.password, p.password);
      person = created.person;
    }
    out.set(p.name, { person: person.person, name: person.name, party: person.party, role: person.role });
  }
  return out;
}

async function seed(jig: RunningJig, people: Map<string, Principal>, clock: Clock, quiet: boolean) {
  const steps = scenarioSteps(clock.now());
  const bar = quiet ? undefined : progress(steps.length, 'seeding the reference scenario', 0);
  const refs = new Map<string, string>();
  for (const [i, step] of steps.entries()) {
    const who = people.get(step.as);
    if (!who) throw new Error(`scenario: unknown person ${step.as}`);
    const done = await jig.service.execute(who, step.command(refs) as never);
    const first = done.events[0];
    if (step.ref && first) refs.set(step.ref, first.record);
    bar?.update(i + 1);
  }
  bar?.stop();
}

/** Verifies the whole ledger as `jig ledger verify` would, in memory. */
async function verifyLedger(jig: RunningJig): Promise<string> {
  const src = await exportSource(jig.store);
  const text = [...writeExport({ ...src, logKey: src.logKey, witnesses: src.witnesses })].join('');
  const result = await verifyExport([new TextEncoder().encode(text)], { requireCosigned: false });
  if (!result.ok)
    throw new Error(`the ledger does not verify: ${result.failure.where}: ${result.failure.reason}`);
  return `ledger verified: ${result.report.entries} entries, ${result.report.checkpoints} checkpoints, cosigned to ${result.report.cosignedSize}`;
}

function simulate(
  jig: RunningJig,
  people: Map<string, Principal>,
  clock: Clock,
  seed: number,
  speed: number,
): () => void {
  const picture = new AirPicture(demoSorties(seed), SCENARIO_START);
  const rand = seeded(seed ^ 0x5eed);
  let lastSecond = Math.floor(clock.now() / 1000);
  const tick = setInterval(
    () => {
      const now = Math.floor(clock.now() / 1000);
      // Every aircraft reports once per scenario second, whatever the speed.
      for (let s = lastSecond + 1; s <= now; s++) {
        const reports = picture.at(s * 1000).map((r) => ({
          aircraft: r.id,
          actor: r.actor,
          at: r.time,
          lon: r.lon,
          lat: r.lat,
          altitudeM: r.altM,
          velocity: null,
          source: 'demo-simulator',
        }));
        jig.air?.pipeline.submitBatch(reports);
        if (rand() < 1 / 900) void newViolation(jig, people, s * 1000, rand);
        if (rand() < 1 / 1800) void newNomination(jig, people, s * 1000, rand);
      }
      lastSecond = now;
    },
    Math.max(50, 1000 / speed),
  );
  tick.unref();
  return () => clearInterval(tick);
}

async function newViolation(jig: RunningJig, people: Map<string, Principal>, at: number, rand: () => number) {
  const who = people.get(rand() < 0.5 ? 'us-monitor' : 'ru-monitor');
  if (!who) return;
  const kinds = ['shelling', 'air_strike', 'sniper_fire', 'ground_attack'];
  const place =
    rand() < 0.7
      ? [37.1 + rand() * 0.12, 36.15 + rand() * 0.1]
      : [36.2 + rand() * 0.06, 33.43 + rand() * 0.05];
  await jig.service
    .execute(who, {
      type: 'ReportViolation',
      time: { at: new Date(at).toISOString() },
      place: { type: 'Point', coordinates: place },
      kind: kinds[Math.floor(rand() * kinds.length)],
      perpetrator: { kind: 'unknown' },
      casualties: { killed: Math.floor(rand() * 4), injured: Math.floor(rand() * 10), confidence: 'low' },
      narrative: `${EXERCISE} report from local sources.`,
    })
    .catch((e: unknown) => console.error('jig demo: a simulated report was refused:', e));
}

/** Now and then an office nominates a new target in the designated areas, for the approvers' queue. */
async function newNomination(
  jig: RunningJig,
  people: Map<string, Principal>,
  at: number,
  rand: () => number,
) {
  const party = rand() < 0.5 ? 'us' : 'ru';
  const who = people.get(`${party}-operator`);
  if (!who) return;
  const location = [36.35 + rand() * 0.55, 35.65 + rand() * 0.45];
  const hour = 3_600_000;
  await jig.service
    .execute(who, {
      type: 'NominateTarget',
      group: 'NUSRA',
      location: { type: 'Point', coordinates: location },
      justification: `${EXERCISE} position reported by ${party.toUpperCase()} reconnaissance.`,
      window: { from: new Date(at + 6 * hour).toISOString(), to: new Date(at + 30 * hour).toISOString() },
      executors: [party.toUpperCase()],
    })
    .catch((e: unknown) => console.error('jig demo: a simulated nomination was refused:', e));
}

function banner(url: string, speed: number, now: number): string {
  const local = url.replace('127.0.0.1', 'localhost');
  const rows = DEMO_PEOPLE.map((p) => `  ${p.name.padEnd(14)} ${p.password.padEnd(26)} ${p.label}`);
  return [
    '',
    `jig demo: ${EXERCISE}`,
    `  the joint center of July 2016 is live at ${local}/`,
    `  scenario time ${toDtg(now)} runs ${speed}x real time (--speed N to change)`,
    '',
    '  login          password                   who',
    ...rows,
    '',
    '  Ctrl-C stops; data persists under ./data/ (jig demo --reset starts over).',
  ].join('\n');
}
