import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { parseTrackBatch, renderPrometheus, WebhookDelivery, type Alert } from '../../src/ingest/index.ts';
import { START, testPipeline, wire } from './support.ts';

const batch = (raw: unknown) => {
  const r = parseTrackBatch(raw, 'json');
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
};

describe('JSON track batches', () => {
  it('parses reports with the aircraft id verbatim and velocity from speed and course', () => {
    const [r] = batch({
      reports: [{ ...wire('00123', 0, 36.6), velocity: { speedMps: 100, courseDeg: 90 } }],
    });
    assert.equal(r?.aircraft, '00123');
    assert.ok(Math.abs(r.velocity!.eastMps - 100) < 1e-9 && Math.abs(r.velocity!.northMps) < 1e-9);
  });

  it('reports every invalid field of a batch with its pointer', () => {
    const r = parseTrackBatch(
      { reports: [{ aircraft: '', time: 'noon', position: [200, 0, 0], extra: 1 }] },
      'json',
    );
    assert.ok(!r.ok);
    assert.deepEqual(r.error.map((i) => i.pointer).sort(), [
      '/reports/0/aircraft',
      '/reports/0/extra',
      '/reports/0/position',
      '/reports/0/time',
    ]);
  });
});

describe('the track pipeline', () => {
  it('publishes one alert at entry and one at exit, not one per report, and counts everything', () => {
    const { pipeline, clock, flush } = testPipeline();
    const alerts: Alert[] = [];
    pipeline.publisher.subscribe((a) => alerts.push(a));
    for (let s = 0; s < 700; s++) {
      clock.set(START + s * 1000);
      pipeline.submitBatch(batch([wire('SYAF-1', s, 36.2 + s / 1000)]));
      flush();
    }
    pipeline.submitBatch(batch([wire('SYAF-1', 690, 36.89), wire('SYAF-1', 699, 36.899)]));
    flush();
    assert.deepEqual(
      alerts.map((a) => a.transition.kind),
      ['incursion_started', 'incursion_ended'],
    );
    const c = pipeline.counters;
    assert.deepEqual(
      [c.received, c.processed, c.alerted, c.late, c.duplicate, c.dropped],
      [702, 702, 2, 1, 1, 0],
    );
  });

  it('refuses a batch whole with a retry delay when the queue is full, losing nothing', () => {
    const { pipeline, flush } = testPipeline({ capacity: 3 });
    assert.equal(pipeline.submitBatch(batch([wire('A', 0, 36), wire('B', 0, 36)])).accepted, true);
    assert.deepEqual(pipeline.submitBatch(batch([wire('C', 0, 36), wire('D', 0, 36)])), {
      accepted: false,
      retryAfterMs: 1000,
    });
    flush();
    assert.deepEqual(
      [pipeline.counters.processed, pipeline.counters.refused, pipeline.counters.dropped],
      [2, 2, 0],
    );
  });

  it('tells a stream to pause at the high-water mark and releases it once drained', async () => {
    const { pipeline, flush } = testPipeline({ capacity: 10, highWater: 4 });
    const pauses = [0, 1, 2, 3].map((i) => pipeline.submit(batch([wire(`A${i}`, 0, 36)])[0]!));
    assert.deepEqual(pauses, [false, false, false, true]);
    let resumed = false;
    const drained = pipeline.whenDrained().then(() => (resumed = true));
    flush();
    await drained;
    assert.ok(resumed);
  });

  it('renders its counters in Prometheus text format', () => {
    const { pipeline } = testPipeline();
    const text = pipeline.metrics();
    assert.match(text, /^# TYPE jig_track_reports_received_total counter$/m);
    assert.match(text, /^jig_track_reports_not_applied_total\{reason="late"\} 0$/m);
    assert.match(text, /^jig_receipt_to_alert_seconds_count 0$/m);
  });
});

describe('the Prometheus renderer', () => {
  it('escapes label values and writes special numbers', () => {
    const text = renderPrometheus([
      { name: 'x', help: 'a\nb', type: 'gauge', values: [{ labels: { k: 'q"\\\n' }, value: Infinity }] },
    ]);
    assert.equal(text, '# HELP x a\\nb\n# TYPE x gauge\nx{k="q\\"\\\\\\n"} +Inf\n');
  });
});

describe('webhook delivery', () => {
  const alert: Alert = {
    transition: { kind: 'separation_cleared', aircraft: ['A', 'B'], at: 0 },
    receivedAt: 0,
  };

  it('retries with exponential backoff until the hook answers 2xx', async () => {
    const statuses = [503, 500, 204];
    const delays: number[] = [];
    const timers: (() => void)[] = [];
    const hooks = new WebhookDelivery({
      urls: ['http://127.0.0.1:9/hook'],
      fetch: () => Promise.resolve({ status: statuses.shift()! }),
      setTimer: (fn, ms) => (delays.push(ms), timers.push(fn)),
      random: () => 0,
      baseDelayMs: 100,
    });
    hooks.deliver(alert);
    for (let i = 0; i < 5; i++) {
      await new Promise((r) => setImmediate(r));
      timers.shift()?.();
    }
    assert.deepEqual(delays, [100, 200]);
    assert.deepEqual(hooks.counters, { delivered: 1, retried: 2, failed: 0, dropped: 0, pending: 0 });
  });

  it('gives up after the last attempt and counts the failure', async () => {
    const timers: (() => void)[] = [];
    const hooks = new WebhookDelivery({
      urls: ['http://127.0.0.1:9/hook'],
      fetch: () => Promise.reject(new Error('refused')),
      setTimer: (fn) => timers.push(fn),
      maxAttempts: 3,
    });
    hooks.deliver(alert);
    for (let i = 0; i < 6; i++) {
      await new Promise((r) => setImmediate(r));
      timers.shift()?.();
    }
    assert.deepEqual([hooks.counters.failed, hooks.counters.retried, hooks.counters.pending], [1, 2, 0]);
  });
});
