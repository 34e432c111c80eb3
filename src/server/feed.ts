/**
 * The live feed: `/api/v1/feed?from=<ledger index>` over WebSocket. The service chooses what the
 * viewer may see; this edge only serializes. A client that reconnects with `from` set to one past
 * the last index it received misses nothing. A client too slow to keep up is disconnected (close
 * code 1013) rather than buffered without bound; it resumes the same way.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import type { Principal } from '../service/types.ts';
import { accessOf, authenticate, authorize, type AnyRoute, type ServerDeps } from './route.ts';
import { parseWith } from './parse.ts';
import { sendProblem } from './problems.ts';
import { ledgerQueries } from './schemas.ts';

const PATH = '/api/v1/feed';
/** Bytes queued for one client before it is dropped as too slow. */
const MAX_BUFFERED = 4 * 1024 * 1024;
/** How often an open feed re-checks that its session or token is still valid. */
const RECHECK_MS = 60_000;

export const feedSpec: AnyRoute = {
  method: 'GET',
  path: PATH,
  summary: 'Live feed (WebSocket upgrade): events you may see, from ledger index `from`',
  tag: 'Feed',
  success: 101,
  query: ledgerQueries.feed,
  produces: 'websocket',
  handler: () => Promise.reject(new Error('the feed is served by its WebSocket handler')),
};

function stream(deps: ServerDeps, socket: WebSocket, request: FastifyRequest, who: Principal, from: number) {
  let unsubscribe: (() => void) | undefined;
  let closed = false;
  const stop = () => {
    closed = true;
    clearInterval(recheck);
    unsubscribe?.();
  };
  const recheck = setInterval(() => {
    void authenticate(deps, request)
      .catch(() => undefined)
      .then((p) => p?.person === who.person || socket.close(4401, 'session ended'));
  }, RECHECK_MS).unref();
  socket.on('close', stop);
  socket.on('message', () => socket.close(1008, 'the feed takes no messages'));
  deps.service
    .subscribe(who, from, (message) => {
      if (closed) return;
      if (socket.bufferedAmount > MAX_BUFFERED) {
        socket.close(1013, `too slow: reconnect with from=${message.index}`);
        stop();
        return;
      }
      socket.send(JSON.stringify(message));
    })
    .then(
      (u) => (closed ? u() : (unsubscribe = u)),
      (e: unknown) => {
        request.log.error({ err: e }, 'feed subscription failed');
        socket.close(1011, 'subscription failed');
      },
    );
}

export function registerFeed(app: FastifyInstance, deps: ServerDeps, routes: AnyRoute[]): void {
  const access = accessOf('GET', PATH);
  const principals = new WeakMap<FastifyRequest, { who: Principal; from: number }>();
  routes.push(feedSpec);
  app.route({
    method: 'GET',
    url: PATH,
    // Runs before the upgrade, so that a refused client gets an HTTP problem, not a socket.
    preValidation: async (request, reply) => {
      const who = await authorize(deps, access, request, reply);
      const query = parseWith(ledgerQueries.feed, request.query, 'query string');
      if (who) principals.set(request, { who, from: query.from ?? 0 });
    },
    handler: (_request, reply) =>
      sendProblem(reply, {
        type: 'https://jig.example/problems/upgrade-required',
        title: 'Upgrade required',
        status: 426,
        code: 'UPGRADE_REQUIRED',
        detail: 'Open the feed with a WebSocket upgrade.',
      }),
    wsHandler: (socket, request) => {
      const found = principals.get(request);
      if (!found) return socket.close(1008, 'not authenticated');
      stream(deps, socket, request, found.who, found.from);
    },
  });
}
