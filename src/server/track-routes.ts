/**
 * Position reports from any party's sensors into the live air picture, and the picture's counters.
 * Reports update memory only; the pipeline answers with backpressure (429 and Retry-After) rather
 * than dropping anything, and every report is counted (received, processed, alerted, late,
 * duplicate, dropped) at `/api/v1/metrics` in Prometheus text format, with the alert webhooks'
 * deliveries (delivered, retried, failed, dropped, pending).
 */
import { JigError } from '../core/index.ts';
import { parseTrackBatch } from '../ingest/json.ts';
import { webhookSamples } from '../ingest/webhooks.ts';
import { must, type AnyRoute, type Call, type ServerDeps } from './route.ts';

function pipeline(deps: ServerDeps) {
  if (!deps.tracks) throw new JigError('INVALID_STATE', 'this server runs no live air picture');
  return deps.tracks;
}

export const trackRoutes = (): AnyRoute[] => [
  {
    method: 'POST',
    path: '/api/v1/tracks',
    summary:
      'A batch of position reports: {reports: [{aircraft, actor?, time, position: [lon, lat, altM], velocity?}]}',
    tag: 'Tracks',
    success: 202,
    handler: ({ principal, request, deps, reply }: Call<unknown, unknown, unknown>) => {
      const who = must(principal);
      const parsed = parseTrackBatch(request.body, `${who.party}:${who.name}`);
      if (!parsed.ok) throw new JigError('INVALID_INPUT', 'The batch is invalid.', { issues: parsed.error });
      const admitted = pipeline(deps).submitBatch(parsed.value);
      if (!admitted.accepted) {
        void reply.header('retry-after', String(Math.ceil(admitted.retryAfterMs / 1000)));
        throw new JigError('RATE_LIMITED', 'The air picture is saturated: retry later; nothing was taken.');
      }
      return Promise.resolve({ accepted: parsed.value.length });
    },
  },
  {
    method: 'GET',
    path: '/api/v1/metrics',
    summary: 'Counters of the live air picture and of alert webhooks (Prometheus text format)',
    tag: 'Tracks',
    success: 200,
    produces: 'text/plain',
    handler: ({ deps, reply }: Call<unknown, unknown, unknown>) => {
      void reply.type('text/plain; version=0.0.4; charset=utf-8');
      const hooks = deps.webhooks ? webhookSamples(deps.webhooks.counters) : [];
      return Promise.resolve(pipeline(deps).metrics(hooks));
    },
  },
];
