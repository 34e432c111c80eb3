import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { harness, type Harness } from './harness.ts';

describe('API documentation', () => {
  let h: Harness;
  before(async () => {
    h = await harness();
  });
  after(() => h.close());

  it('documents every registered API route in OpenAPI 3.1', async () => {
    const doc = (await h.app.inject({ url: '/api/v1/openapi.json' })).json<{
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
    }>();
    assert.equal(doc.openapi, '3.1.0');
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    assert.deepEqual(h.app.registeredRoutes().sort(), documented.sort());
  });

  it('gives the nomination body schema, strict, with its geometry', async () => {
    const doc = (await h.app.inject({ url: '/api/v1/openapi.json' })).json<{
      paths: Record<
        string,
        {
          post: {
            requestBody: {
              content: {
                'application/json': { schema: { additionalProperties: boolean; required: string[] } };
              };
            };
          };
        }
      >;
    }>();
    const schema = doc.paths['/api/v1/nominations']?.post.requestBody.content['application/json'].schema;
    assert.equal(schema?.additionalProperties, false);
    assert.ok(schema?.required.includes('location'));
    assert.ok(!schema?.required.includes('type'));
  });

  it('serves a self-contained docs page that loads nothing from elsewhere', async () => {
    const page = await h.app.inject({ url: '/api/v1/docs' });
    assert.equal(page.statusCode, 200);
    assert.match(String(page.headers['content-type']), /text\/html/);
    assert.match(page.body, /\/api\/v1\/nominations\/\{id\}\/decisions/);
    assert.doesNotMatch(page.body, /<script|src=["']?https?:|href=["']?https?:/i);
  });
});
