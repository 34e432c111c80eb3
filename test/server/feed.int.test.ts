// The live feed over real sockets: two parties connected at once, each sees only what it may.
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import WebSocket from 'ws';
import { examples } from '../../src/server/examples.ts';
import type { FeedMessage } from '../../src/service/types.ts';
import { harness, type Harness, type Party } from './harness.ts';

const site = examples.RegisterProtectedSite as Record<string, unknown>;

describe('live feed', () => {
  let h: Harness;
  let base: string;
  before(async () => {
    h = await harness();
    const address = await h.app.listen({ port: 0, host: '127.0.0.1' });
    base = address.replace('http', 'ws');
  });
  after(() => h.close());

  function connect(party: Party, from = 0): Promise<{ socket: WebSocket; messages: FeedMessage[] }> {
    const socket = new WebSocket(`${base}/api/v1/feed?from=${from}`, { headers: h.auth(party, 'operator') });
    const messages: FeedMessage[] = [];
    socket.on('message', (data: Buffer) => messages.push(JSON.parse(data.toString()) as FeedMessage));
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve({ socket, messages }));
      socket.once('unexpected-response', (_req, res) => reject(new Error(`status ${res.statusCode}`)));
    });
  }

  const register = (party: Party, release: string, coordinates = [36.63, 35.93]) =>
    h.app.inject({
      method: 'POST',
      url: '/api/v1/protected-sites',
      headers: h.auth(party, 'operator'),
      payload: { ...site, release, geometry: { type: 'Point', coordinates } },
    });

  /** Waits until every client has received the marker, a joint record posted last. */
  async function settle(clients: { messages: FeedMessage[] }[], marker: string) {
    while (!clients.every((c) => c.messages.some((m) => m.kind === 'event' && m.event.record === marker)))
      await new Promise((r) => setTimeout(r, 5));
  }

  it('never delivers another party’s office or sealed records', async () => {
    const us = await connect('US');
    const ru = await connect('RU');
    await register('US', 'office');
    await register('US', 'sealed', [36.123456, 35.654321]);
    await register('RU', 'office');
    const marker = (await register('RU', 'joint')).json<{ id: string }>().id;
    await settle([us, ru], marker);
    const seen = (c: { messages: FeedMessage[] }) =>
      c.messages.flatMap((m) => (m.kind === 'event' ? [`${m.event.owner}/${m.event.release}`] : []));
    assert.deepEqual(seen(us), ['US/office', 'US/sealed', 'RU/joint']);
    // RU learns that a sealed record of US exists (the ledger holds its commitment), never its data.
    assert.deepEqual(seen(ru), ['US/sealed', 'RU/office', 'RU/joint']);
    const stub = ru.messages.find((m) => m.kind === 'event' && m.event.owner === 'US');
    assert.ok(stub?.kind === 'event' && 'sealed' in stub.event && !('data' in stub.event));
    assert.doesNotMatch(JSON.stringify(ru.messages), /36\.123456/, 'the sealed location never reaches RU');
    us.socket.close();
    ru.socket.close();
  });

  it('resumes after a disconnect from the next index with nothing missed', async () => {
    const first = await connect('US');
    const a = (await register('US', 'joint')).json<{ index: number; id: string }>();
    await settle([first], a.id);
    first.socket.close();
    const b = (await register('US', 'joint')).json<{ index: number; id: string }>();
    const c = (await register('RU', 'joint')).json<{ index: number; id: string }>();
    const again = await connect('US', a.index + 1);
    await settle([again], c.id);
    assert.deepEqual(
      again.messages.filter((m) => m.kind === 'event').map((m) => m.index),
      [b.index, c.index],
    );
    again.socket.close();
  });

  it('refuses a connection without login before upgrading', async () => {
    const socket = new WebSocket(`${base}/api/v1/feed`);
    const status = await new Promise<number>((resolve) =>
      socket.once('unexpected-response', (_q, res) => resolve(res.statusCode ?? 0)),
    );
    assert.equal(status, 401);
  });
});
