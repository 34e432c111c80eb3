/**
 * `buildServer` assembles the HTTP API: JSON-only bodies with size and number limits, one problem
 * table for errors, authentication by Bearer token or session cookie, the authorization table,
 * the resources, the ledger, the live feed and the OpenAPI document. It does not listen.
 */
import cookie from '@fastify/cookie';
import websocket from '@fastify/websocket';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { JigService, PeopleDirectory } from '../service/types.ts';
import { docsPage } from './docs-page.ts';
import { registerFeed } from './feed.ts';
import { figuresRoutes } from './figures-routes.ts';
import { trackRoutes } from './track-routes.ts';
import { registerTrackStream } from './track-stream.ts';
import type { TrackPipeline } from '../ingest/pipeline.ts';
import type { WebhookDelivery } from '../ingest/webhooks.ts';
import { ledgerRoutes } from './ledger-routes.ts';
import { openApiDocument } from './openapi.ts';
import { registerJsonParser } from './parse.ts';
import { registerProblems } from './problems.ts';
import { resourceRoutes } from './resources.ts';
import { accessOf, register, type AnyRoute, type ServerDeps } from './route.ts';
import { sessionRoutes } from './session.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route as "METHOD /path", in registration order. */
    registeredRoutes(): string[];
  }
}

export interface ServerOptions {
  readonly service: JigService;
  readonly people: PeopleDirectory;
  /** The agreement in force, served at `/api/v1/agreement`. */
  readonly policy?: unknown;
  readonly logger?: FastifyServerOptions['logger'];
  /** Secure session cookies: always, never, or when the request came over TLS (default). */
  readonly secureCookies?: boolean | 'auto';
  /** Trust X-Forwarded-* from a reverse proxy that terminates TLS. */
  readonly trustProxy?: boolean;
  /** Largest accepted request body in bytes (default 1 MiB). */
  readonly bodyLimit?: number;
  /**
   * The live air picture's ingest pipeline: `POST /api/v1/tracks` and the `/api/v1/tracks/stream`
   * WebSocket feed it; `/api/v1/metrics` shows its counters.
   */
  readonly tracks?: TrackPipeline;
  /** Alert delivery to webhooks: its counters join `/api/v1/metrics`. */
  readonly webhooks?: WebhookDelivery;
  /** More routes (the web app), registered after the API. */
  readonly plugins?: readonly ((app: FastifyInstance) => void | Promise<void>)[];
}

function metaRoutes(routes: AnyRoute[]): AnyRoute[] {
  let cached: { doc: Record<string, unknown>; html: string } | undefined;
  const doc = () => {
    if (!cached) {
      const d = openApiDocument(routes);
      cached = { doc: d, html: docsPage(d) };
    }
    return cached;
  };
  return [
    {
      method: 'GET',
      path: '/healthz',
      summary: 'Liveness',
      tag: 'Meta',
      success: 200,
      handler: () => Promise.resolve({ ok: true }),
    },
    {
      method: 'GET',
      path: '/api/v1/openapi.json',
      summary: 'This document',
      tag: 'Meta',
      success: 200,
      handler: () => Promise.resolve(doc().doc),
    },
    {
      method: 'GET',
      path: '/api/v1/docs',
      summary: 'The API documentation as a page',
      tag: 'Meta',
      success: 200,
      produces: 'text/html',
      handler: ({ reply }) => Promise.resolve(reply.type('text/html; charset=utf-8').send(doc().html)),
    },
    {
      method: 'GET',
      path: '/api/v1/agreement',
      summary: 'The agreement in force',
      tag: 'Meta',
      success: 200,
      handler: ({ deps }) => Promise.resolve(deps.policy ?? {}),
    },
  ];
}

export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    trustProxy: options.trustProxy ?? false,
    exposeHeadRoutes: false,
    return503OnClosing: true,
    routerOptions: { maxParamLength: 200 },
  });
  const deps: ServerDeps = {
    service: options.service,
    people: options.people,
    policy: options.policy,
    secureCookies: options.secureCookies ?? 'auto',
    ...(options.tracks ? { tracks: options.tracks } : {}),
    ...(options.webhooks ? { webhooks: options.webhooks } : {}),
  };
  // Every API route must appear in the authorization table, whoever registers it.
  const registered: string[] = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (route.url.startsWith('/api/')) accessOf(method, route.url);
      registered.push(`${method} ${route.url}`);
    }
  });
  app.decorate('registeredRoutes', () => [...registered]);
  registerProblems(app);
  registerJsonParser(app);
  await app.register(cookie);
  // One message of the track stream is at most one request body; the feed takes no messages.
  await app.register(websocket, { options: { maxPayload: options.bodyLimit ?? 1024 * 1024 } });
  const routes: AnyRoute[] = [];
  for (const spec of [
    ...metaRoutes(routes),
    ...sessionRoutes(),
    ...resourceRoutes(),
    ...figuresRoutes(),
    ...trackRoutes(),
    ...ledgerRoutes(),
  ])
    register(app, deps, spec, routes);
  registerFeed(app, deps, routes);
  registerTrackStream(app, deps, routes);
  for (const plugin of options.plugins ?? []) await plugin(app);
  return app;
}
