/**
 * Connects the ingest pipeline to the service's live air picture: reports go through the bounded
 * `TrackPipeline` into the service's `AirspaceMonitor`; every transition is recorded in the
 * ledger; once a second stale tracks expire and the picture goes out on the feed.
 */
import type { Clock } from '../core/index.ts';
import type { OpenJigService } from '../service/index.ts';
import { TrackPipeline } from './pipeline.ts';

export interface LiveAirPicture {
  readonly pipeline: TrackPipeline;
  stop(): void;
}

export function startLiveAirPicture(
  service: OpenJigService,
  options: { readonly clock: Clock; readonly publishEveryMs?: number },
): LiveAirPicture {
  const pipeline = new TrackPipeline(service.airspace.monitor, {
    clock: options.clock,
    record: (t) => void service.recordTransition(t),
  });
  const timer = setInterval(() => {
    pipeline.expire();
    service.publishTracks();
  }, options.publishEveryMs ?? 1000);
  timer.unref();
  return { pipeline, stop: () => clearInterval(timer) };
}
