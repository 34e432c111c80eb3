/**
 * The OpenAPI 3.1 document, generated from the same route declarations and Zod schemas that parse
 * the requests, so that it cannot drift from what the server accepts.
 */
import { z } from 'zod';
import { AUTHORIZATION } from './authorization-table.ts';
import { routeKey, type AnyRoute } from './route.ts';

const problem = {
  description: 'A problem (RFC 9457) naming each field at fault by JSON pointer',
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
};

const problemSchema = {
  type: 'object',
  required: ['type', 'title', 'status', 'code'],
  properties: {
    type: { type: 'string', format: 'uri' },
    title: { type: 'string' },
    status: { type: 'integer' },
    code: { type: 'string' },
    detail: { type: 'string' },
    issues: {
      type: 'array',
      items: {
        type: 'object',
        required: ['pointer', 'reason'],
        properties: { pointer: { type: 'string' }, reason: { type: 'string' } },
      },
    },
  },
};

function schemaOf(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _drop, ...json } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
  return json;
}

function parameters(route: AnyRoute): unknown[] {
  const out: unknown[] = [];
  for (const m of route.path.matchAll(/:(\w+)/g))
    out.push({ name: m[1], in: 'path', required: true, schema: { type: 'string' } });
  const query = route.query ? schemaOf(route.query) : undefined;
  const props = (query?.['properties'] ?? {}) as Record<string, unknown>;
  const required = (query?.['required'] ?? []) as string[];
  for (const [name, schema] of Object.entries(props))
    out.push({ name, in: 'query', required: required.includes(name), schema });
  return out;
}

function operation(route: AnyRoute): Record<string, unknown> {
  const access = AUTHORIZATION[routeKey(route.method, route.path)];
  const who = !access || 'public' in access ? 'Anyone.' : `Roles: ${access.roles.join(', ')}.`;
  const secured = access !== undefined && !('public' in access);
  const success =
    route.success === 204
      ? { description: 'Done' }
      : { description: 'OK', content: { [route.produces ?? 'application/json']: {} } };
  return {
    summary: route.summary,
    description: who,
    tags: [route.tag],
    ...(secured ? { security: [{ bearer: [] }, { session: [] }] } : {}),
    parameters: parameters(route),
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: schemaOf(route.body),
                ...(route.example?.body === undefined ? {} : { example: route.example.body }),
              },
            },
          },
        }
      : {}),
    responses: { [String(route.success)]: success, '4XX': problem, default: problem },
  };
}

export function openApiDocument(routes: readonly AnyRoute[]): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = route.path.replace(/:(\w+)/g, '{$1}');
    (paths[path] ??= {})[route.method.toLowerCase()] = operation(route);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'jig API',
      version: '1',
      description:
        'Joint implementation group: a shared picture, checked rules and a tamper-evident record. ' +
        'Coordinates are GeoJSON [lon, lat]; times are RFC 3339 UTC. Reads accept ?asOf= or ?asOfIndex=.',
    },
    servers: [{ url: '/' }],
    paths,
    components: {
      schemas: { Problem: problemSchema },
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer' },
        session: { type: 'apiKey', in: 'cookie', name: 'jig_session' },
      },
    },
  };
}
