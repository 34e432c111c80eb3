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
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import { JigError } from '../core/index.ts';
import { attachTrackSocket } from '../ingest/trackSocket.ts';
import type { TrackPipeline } from '../ingest/pipeline.ts';
import type { Principal } from '../service/types.ts';
import { sendProblem } from './problems.ts';
import { accessOf, authenticate, authorize, type AnyRoute, type ServerDeps } from './route.ts';

const PATH = '/api/v1/tracks/stream';
/** Answer bytes queued for one client before it is dropped as not reading them. */
const MAX_BUFFERED = 1024 * 1024;
/** How often an open stream re-checks that its session or token is still valid. */
const RECHECK_MS = 60_000;

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

function stream(
  deps: ServerDeps,
  pipeline: TrackPipeline,
  socket: WebSocket,
  request: FastifyRequest,
  who: Principal,
): void {
  const recheck = setInterval(() => {
    void authenticate(deps, request)
      .catch(() => undefined)
      .then((p) => p?.person === who.person || socket.close(4401, 'session ended'));
  }, RECHECK_MS).unref();
  socket.on('close', () => clearInterval(recheck));
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
  const access = accessOf('GET', PATH);
  const principals = new WeakMap<FastifyRequest, Principal>();
  routes.push(trackStreamSpec);
  app.route({
    method: 'GET',
    url: PATH,
    // Runs before the upgrade, so that a refused client gets an HTTP problem, not a socket.
    preValidation: async (request, reply) => {
      const who = await authorize(deps, access, request, reply);
      if (!deps.tracks) throw new JigError('INVALID_STATE', 'this server runs no live air picture');
      if (who) principals.set(request, who);
    },
    handler: (_request, reply) =>
      sendProblem(reply, {
        type: 'https://jig.example/problems/upgrade-required',
        title: 'Upgrade required',
        status: 426,
        code: 'UPGRADE_REQUIRED',
        detail: 'Open the track stream with a WebSocket upgrade.',
      }),
    wsHandler: (socket, request) => {
      const who = principals.get(request);
      if (!who || !deps.tracks) return socket.close(1008, 'not authenticated');
      stream(deps, deps.tracks, socket, request, who);
    },
  });
}
