/**
 * The live feed: `/api/v1/feed?from=<ledger index>` over WebSocket. The service chooses what the
 * viewer may see; this edge only serializes. A client that reconnects with `from` set to one past
 * the last index it received misses nothing. A client too slow to keep up is disconnected (close
 * code 1013) rather than buffered without bound; it resumes the same way.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import type { Principal } from '../service/types.ts';
import type { AnyRoute, ServerDeps } from './route.ts';
import { parseWith } from './parse.ts';
import { ledgerQueries } from './schemas.ts';
import { registerSocketRoute } from './socket-route.ts';

const PATH = '/api/v1/feed';
/** Bytes queued for one client before it is dropped as too slow. */
const MAX_BUFFERED = 4 * 1024 * 1024;

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
    unsubscribe?.();
  };
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
  registerSocketRoute(app, deps, routes, {
    spec: feedSpec,
    name: 'the feed',
    prepare: (request) => parseWith(ledgerQueries.feed, request.query, 'query string').from ?? 0,
    open: (socket, request, who, from) => stream(deps, socket, request, who, from),
  });
}
