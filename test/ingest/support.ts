/** A pipeline over the reference agreement with one designated area, driven by a manual scheduler. */
import { fixedClock } from '../../src/core/index.ts';
import { TrackPipeline, type PipelineOptions } from '../../src/ingest/index.ts';
import { AirspaceMonitor, airspaceRecords, replay } from '../../src/rules/index.ts';
import { areaCommand } from '../rules/airspace-support.ts';
import { policy, run, T0, us } from '../rules/given.ts';

export const START = T0 + 3_600_000;

export function testPipeline(options: Partial<PipelineOptions> = {}) {
  const clock = fixedClock(START);
  const monitor = AirspaceMonitor.forAgreement(policy);
  monitor.load(airspaceRecords(replay(run([[us.operator, areaCommand()]])), policy), START);
  const pending: (() => void)[] = [];
  const pipeline = new TrackPipeline(monitor, {
    clock,
    schedule: (fn) => pending.push(fn),
    ...options,
  });
  const flush = () => {
    while (pending.length > 0) pending.shift()!();
  };
  return { pipeline, clock, flush };
}

export const wire = (aircraft: string, second: number, lon: number, actor = 'SY-AF') => ({
  aircraft,
  actor,
  time: new Date(START + second * 1000).toISOString(),
  position: [lon, 35.93, 3000],
});
