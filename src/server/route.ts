/**
 * One way to declare a route: its access comes from the authorization table, its path, query and
 * body are parsed with Zod before the handler runs, and the same declaration feeds the OpenAPI
 * document. Handlers receive typed values and a principal, never a raw request body.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { JigError } from '../core/index.ts';
import type { TrackPipeline } from '../ingest/pipeline.ts';
import type { WebhookDelivery } from '../ingest/webhooks.ts';
import type { JigService, PeopleDirectory, Principal } from '../service/types.ts';
import { AUTHORIZATION, type Access } from './authorization-table.ts';
import { parseWith } from './parse.ts';

const emptyQuery = z.strictObject({});

export const SESSION_COOKIE = 'jig_session';

export interface ServerDeps {
  readonly service: JigService;
  readonly people: PeopleDirectory;
  readonly policy?: unknown;
  /** Secure cookies: always, never, or when the request came over TLS (default). */
  readonly secureCookies: boolean | 'auto';
  /** The live air picture's ingest pipeline, when the server runs one. */
  readonly tracks?: TrackPipeline;
  /** Alert delivery to webhooks, when the server has any. */
  readonly webhooks?: WebhookDelivery;
}

export interface Call<P, Q, B> {
  readonly principal: Principal | undefined;
  readonly params: P;
  readonly query: Q;
  readonly body: B;
  readonly deps: ServerDeps;
  readonly request: FastifyRequest;
  readonly reply: FastifyReply;
}

export interface RouteSpec<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
> {
  readonly method: 'GET' | 'POST' | 'DELETE';
  readonly path: string;
  readonly summary: string;
  readonly tag: string;
  readonly success: number;
  readonly params?: P;
  readonly query?: Q;
  readonly body?: B;
  /** A valid request, shown in the docs and used by the tests. */
  readonly example?: { readonly body?: unknown; readonly query?: Record<string, string> };
  /** Not JSON (the docs page) or not a plain request (the feed). */
  readonly produces?: string;
  // Method syntax on purpose: handlers declare the narrower Call they parse into (bivariance).
  handler(call: Call<z.output<P>, z.output<Q>, z.output<B>>): Promise<unknown>;
}

export type AnyRoute = RouteSpec<z.ZodType, z.ZodType, z.ZodType>;

export const routeKey = (method: string, path: string) => `${method} ${path}`;

export function accessOf(method: string, path: string): Access {
  const access = AUTHORIZATION[routeKey(method, path)];
  if (!access) throw new Error(`route ${routeKey(method, path)} is missing from the authorization table`);
  return access;
}

function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header === undefined) return undefined;
  const match = /^Bearer ([A-Za-z0-9_-]{1,200})$/.exec(header);
  if (!match) throw new JigError('NOT_AUTHENTICATED', 'The Authorization header must be "Bearer <token>".');
  return match[1];
}

/** The caller, from a Bearer token (programs) or the session cookie (the web app). */
export async function authenticate(
  deps: ServerDeps,
  request: FastifyRequest,
): Promise<Principal | undefined> {
  const token = bearer(request);
  if (token !== undefined) return deps.people.authenticateToken(token);
  const sid = request.cookies[SESSION_COOKIE];
  return sid === undefined ? undefined : deps.people.session(sid);
}

/** Authenticates and checks the role; returns the principal (undefined on public routes). */
export async function authorize(
  deps: ServerDeps,
  access: Access,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<Principal | undefined> {
  if ('public' in access) return authenticate(deps, request).catch(() => undefined);
  const principal = await authenticate(deps, request);
  if (!principal) {
    void reply.header('www-authenticate', 'Bearer');
    throw new JigError('NOT_AUTHENTICATED', 'Log in, or send a Bearer token.');
  }
  if (principal.mustChangePassword && !access.oneTimePassword)
    throw new JigError(
      'NOT_AUTHORIZED',
      'Replace your one-time password first (POST /api/v1/session/password).',
    );
  if (!access.roles.includes(principal.role))
    throw new JigError('NOT_AUTHORIZED', `The role ${principal.role} may not do this.`);
  return principal;
}

/** The principal of a route that requires login (the table guarantees one). */
export function must(principal: Principal | undefined): Principal {
  if (!principal) throw new JigError('NOT_AUTHENTICATED', 'Log in, or send a Bearer token.');
  return principal;
}

export function register(app: FastifyInstance, deps: ServerDeps, spec: AnyRoute, routes: AnyRoute[]): void {
  const access = accessOf(spec.method, spec.path);
  routes.push(spec);
  app.route({
    method: spec.method,
    url: spec.path,
    handler: async (request, reply) => {
      const principal = await authorize(deps, access, request, reply);
      const params = spec.params ? parseWith(spec.params, request.params, 'path') : undefined;
      const query = parseWith(spec.query ?? emptyQuery, request.query, 'query string');
      const body = spec.body ? parseWith(spec.body, request.body, 'body') : undefined;
      const out = await spec.handler({ principal, params, query, body, deps, request, reply });
      if (reply.sent) return reply;
      void reply.code(spec.success);
      return spec.success === 204 ? reply.send() : out;
    },
  });
}
