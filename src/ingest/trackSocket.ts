/**
 * The WebSocket track stream: each message is a JSON batch as for `POST /api/v1/tracks`. Invalid
 * batches are answered with their issues; the socket is paused while the pipeline is saturated.
 * Takes the few methods of a `ws` WebSocket it needs, so that the server can hand it one.
 */
import { parseTrackBatch } from './json.ts';
import type { TrackPipeline } from './pipeline.ts';

export interface TrackSocket {
  on(event: 'message', fn: (data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean) => void): unknown;
  send(data: string): void;
  pause(): void;
  resume(): void;
  readonly isPaused: boolean;
}

export const MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

export function attachTrackSocket(socket: TrackSocket, pipeline: TrackPipeline, source = 'ws'): void {
  socket.on('message', (data) => {
    const buf = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
    let raw: unknown;
    try {
      if (buf.length > MAX_MESSAGE_BYTES) throw new Error('too large');
      raw = JSON.parse(buf.toString('utf8'));
    } catch {
      pipeline.countRefused('invalid');
      return socket.send(
        JSON.stringify({ ok: false, issues: [{ pointer: '', reason: 'expected a JSON batch under 4 MiB' }] }),
      );
    }
    const parsed = parseTrackBatch(raw, source);
    if (!parsed.ok) {
      pipeline.countRefused('invalid');
      return socket.send(JSON.stringify({ ok: false, issues: parsed.error.slice(0, 100) }));
    }
    let pause = false;
    for (const r of parsed.value) pause = pipeline.submit(r);
    socket.send(JSON.stringify({ ok: true, accepted: parsed.value.length }));
    if (pause && !socket.isPaused) {
      socket.pause();
      void pipeline.whenDrained().then(() => socket.resume());
    }
  });
}
