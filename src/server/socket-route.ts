/**
 * A WebSocket route (the feed, the track stream): authorized before the upgrade, so that a refused
 * client gets an HTTP problem rather than a socket; answered 426 without an upgrade; and closed
 * (4401) once its session or token is no longer valid, re-checked every minute.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import type { Principal } from '../service/types.ts';
import { sendProblem } from './problems.ts';
import { accessOf, authenticate, authorize, type AnyRoute, type ServerDeps } from './route.ts';

/** How often an open socket re-checks that its session or token is still valid. */
const RECHECK_MS = 60_000;

export interface SocketRoute<T> {
  readonly spec: AnyRoute;
  /** What the socket is, for the 426 answer: "the feed". */
  readonly name: string;
  /** After authorization, before the upgrade: throws a refusal, or returns what `open` needs. */
  prepare(request: FastifyRequest, who: Principal): T;
  open(socket: WebSocket, request: FastifyRequest, who: Principal, prepared: T): void;
}

export function registerSocketRoute<T>(
  app: FastifyInstance,
  deps: ServerDeps,
  routes: AnyRoute[],
  route: SocketRoute<T>,
): void {
  const { spec } = route;
  const access = accessOf(spec.method, spec.path);
  const accepted = new WeakMap<FastifyRequest, { who: Principal; prepared: T }>();
  routes.push(spec);
  app.route({
    method: 'GET',
    url: spec.path,
    preValidation: async (request, reply) => {
      const who = await authorize(deps, access, request, reply);
      if (who) accepted.set(request, { who, prepared: route.prepare(request, who) });
    },
    handler: (_request, reply) =>
      sendProblem(reply, {
        type: 'https://jig.example/problems/upgrade-required',
        title: 'Upgrade required',
        status: 426,
        code: 'UPGRADE_REQUIRED',
        detail: `Open ${route.name} with a WebSocket upgrade.`,
      }),
    wsHandler: (socket, request) => {
      const found = accepted.get(request);
      if (!found) return socket.close(1008, 'not authenticated');
      const recheck = setInterval(() => {
        void authenticate(deps, request)
          .catch(() => undefined)
          .then((p) => p?.person === found.who.person || socket.close(4401, 'session ended'));
      }, RECHECK_MS).unref();
      socket.on('close', () => clearInterval(recheck));
      route.open(socket, request, found.who, found.prepared);
    },
  });
}
