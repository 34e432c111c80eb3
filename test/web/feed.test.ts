import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { FeedClient, type FeedMessage, type SocketLike } from '../../src/web/feed.ts';

class FakeSocket implements SocketLike {
  onopen: SocketLike['onopen'] = null;
  onmessage: SocketLike['onmessage'] = null;
  onclose: SocketLike['onclose'] = null;
  onerror: SocketLike['onerror'] = null;
  constructor(readonly url: string) {}
  close(): void {
    this.onclose?.({});
  }
  send(m: unknown): void {
    this.onmessage?.({ data: JSON.stringify(m) });
  }
}

function harness(from?: number) {
  const sockets: FakeSocket[] = [];
  const timers: { f: () => void; ms: number }[] = [];
  const got: FeedMessage[] = [];
  const statuses: string[] = [];
  const client = new FeedClient({
    url: (f) => (f === undefined ? 'ws://x/feed' : `ws://x/feed?from=${f}`),
    connect: (url) => {
      const s = new FakeSocket(url);
      sockets.push(s);
      return s;
    },
    from,
    onMessage: (m) => got.push(m),
    onStatus: (s) => statuses.push(s),
    random: () => 0.5,
    setTimer: (f, ms) => timers.push({ f, ms }),
    clearTimer: () => undefined,
  });
  return { client, sockets, timers, got, statuses };
}

describe('the live feed client', () => {
  it('reconnects after a drop from the index after the last one seen', () => {
    const { client, sockets, timers, got } = harness(10);
    client.start();
    assert.equal(sockets[0]?.url, 'ws://x/feed?from=10');
    sockets[0]?.onopen?.({});
    sockets[0]?.send({
      kind: 'event',
      index: 10,
      event: { type: 'TargetNominated', record: 'r10', data: {} },
    });
    sockets[0]?.send({
      kind: 'event',
      index: 11,
      event: { type: 'NominationDecided', record: 'r11', data: {} },
    });
    sockets[0]?.close();
    assert.equal(timers.length, 1);
    timers[0]?.f();
    assert.equal(sockets[1]?.url, 'ws://x/feed?from=12');
    assert.deepEqual(
      got.map((m) => m.index),
      [10, 11],
    );
  });

  it('skips entries it already applied when the server resends them', () => {
    const { client, sockets, got } = harness(0);
    client.start();
    sockets[0]?.send({ kind: 'event', index: 0, event: { type: 'TargetNominated', record: 'r0', data: {} } });
    sockets[0]?.send({ kind: 'event', index: 0, event: { type: 'TargetNominated', record: 'r0', data: {} } });
    sockets[0]?.send({ kind: 'tracks', index: 0, tracks: [{ id: 't' }] });
    assert.deepEqual(
      got.map((m) => m.type),
      ['TargetNominated', 'tracks'],
    );
  });

  it('never drops a tracks message as seen, nor resumes from its index', () => {
    const { client, sockets, timers, got } = harness(5);
    client.start();
    sockets[0]?.send({ kind: 'event', index: 5, event: { type: 'TargetNominated', record: 'r5', data: {} } });
    // Tracks repeat the last ledger index, and may come before any entry at all.
    sockets[0]?.send({ kind: 'tracks', index: 5, tracks: [] });
    sockets[0]?.send({ kind: 'tracks', index: 5, tracks: [] });
    sockets[0]?.send({ kind: 'tracks', index: 9, tracks: [] });
    assert.deepEqual(
      got.map((m) => m.kind),
      ['event', 'tracks', 'tracks', 'tracks'],
    );
    sockets[0]?.close();
    timers[0]?.f();
    assert.equal(sockets[1]?.url, 'ws://x/feed?from=6');
  });

  it('reads a sealed stub and a checkpoint as ledger positions', () => {
    const { client, sockets, got } = harness(0);
    client.start();
    sockets[0]?.send({ kind: 'event', index: 0, event: { record: 'r0', sealed: true } });
    sockets[0]?.send({ kind: 'checkpoint', index: 1, checkpoint: { size: 2, note: 'n' } });
    assert.deepEqual(
      got.map((m) => [m.type, m.record]),
      [
        ['sealed', 'r0'],
        ['checkpoint', undefined],
      ],
    );
    assert.equal(client.lastIndex, 1);
  });

  it('backs off exponentially up to a cap, and starts over once connected', () => {
    const { client, sockets, timers } = harness();
    client.start();
    for (let i = 0; i < 8; i++) {
      sockets[i]?.close();
      timers[i]?.f();
    }
    assert.deepEqual(
      timers.map((t) => t.ms),
      [500, 1000, 2000, 4000, 8000, 15000, 15000, 15000],
    );
    sockets[8]?.onopen?.({});
    sockets[8]?.close();
    assert.equal(timers[8]?.ms, 500);
  });

  it('ignores malformed messages and stops for good when told', () => {
    const { client, sockets, timers, got, statuses } = harness();
    client.start();
    sockets[0]?.onmessage?.({ data: 'not json' });
    sockets[0]?.onmessage?.({ data: '{"index":1}' });
    client.stop();
    assert.equal(got.length, 0);
    assert.equal(timers.length, 0);
    assert.equal(statuses.at(-1), 'offline');
  });
});
