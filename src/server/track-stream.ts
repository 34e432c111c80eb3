/**
 * The track stream: `/api/v1/tracks/stream` over WebSocket, for sensors that keep a connection
 * open rather than post batches. Each text message is one batch as for `POST /api/v1/tracks`
 * (`{reports: [...]}` or a bare array) and gets one answer, in order: `{ok: true, accepted: n}`, or
 * `{ok: false, issues: [{pointer, reason}]}` naming every invalid field (the batch is refused
 * whole). The reports' source is the sender's party and name, as over HTTP.
 *
 * Backpressure instead of loss: while the pipeline is saturated the server stops reading the
 * socket (TCP holds the sender back) and resumes once it has drained; nothing accepted is
 * dropped. A client that does not read its answers is disconnected (1013) rather than buffered
 * without bound; so is one whose session ends (4401).
 */
import type { FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import { JigError } from '../core/index.ts';
import { attachTrackSocket } from '../ingest/trackSocket.ts';
import type { TrackPipeline } from '../ingest/pipeline.ts';
import type { Principal } from '../service/types.ts';
import type { AnyRoute, ServerDeps } from './route.ts';
import { registerSocketRoute } from './socket-route.ts';

const PATH = '/api/v1/tracks/stream';
/** Answer bytes queued for one client before it is dropped as not reading them. */
const MAX_BUFFERED = 1024 * 1024;

export const trackStreamSpec: AnyRoute = {
  method: 'GET',
  path: PATH,
  summary:
    'Track stream (WebSocket upgrade): each text message a batch as for POST /api/v1/tracks, ' +
    'each answered {ok: true, accepted} or {ok: false, issues: [{pointer, reason}]}; ' +
    'reading pauses while the air picture is saturated',
  tag: 'Tracks',
  success: 101,
  produces: 'websocket',
  handler: () => Promise.reject(new Error('the track stream is served by its WebSocket handler')),
};

function stream(pipeline: TrackPipeline, socket: WebSocket, who: Principal): void {
  const answering = {
    on: socket.on.bind(socket),
    pause: () => socket.pause(),
    resume: () => socket.resume(),
    get isPaused() {
      return socket.isPaused;
    },
    send: (answer: string) => {
      if (socket.readyState !== socket.OPEN) return;
      if (socket.bufferedAmount > MAX_BUFFERED) socket.close(1013, 'too slow: read the answers');
      else socket.send(answer);
    },
  };
  attachTrackSocket(answering, pipeline, `${who.party}:${who.name}`);
}

export function registerTrackStream(app: FastifyInstance, deps: ServerDeps, routes: AnyRoute[]): void {
  registerSocketRoute(app, deps, routes, {
    spec: trackStreamSpec,
    name: 'the track stream',
    prepare: () => {
      if (!deps.tracks) throw new JigError('INVALID_STATE', 'this server runs no live air picture');
      return deps.tracks;
    },
    open: (socket, _request, who, pipeline) => stream(pipeline, socket, who),
  });
}
