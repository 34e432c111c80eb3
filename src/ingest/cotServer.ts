/**
 * Cursor-on-Target listeners: TAK plain XML over TCP (a stream of events split on `</event>`) and
 * over UDP (one event per datagram). Each connection has its own bounded buffer; a hostile peer
 * (DOCTYPE, entities, oversize, too deep) is cut off and counted, and the listener keeps serving
 * every other connection. A TCP peer is paused while the pipeline is saturated.
 */
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { cotTrackReport, DEFAULT_COT_LIMITS, parseCotEvent, type CotLimits } from './cot.ts';
import type { TrackPipeline } from './pipeline.ts';
import { CotStreamSplitter } from './splitter.ts';

export interface CotListenOptions {
  readonly host?: string;
  readonly port?: number;
  readonly limits?: CotLimits;
  /** Largest unfinished event a TCP connection may buffer, bytes. */
  readonly maxBufferBytes?: number;
}

/** Parses one event and queues its report; false when the peer proved hostile. */
function accept(pipeline: TrackPipeline, xml: string, source: string, limits: CotLimits): boolean {
  const parsed = parseCotEvent(xml, limits);
  if (!parsed.ok) {
    pipeline.countRefused(parsed.error.kind);
    return parsed.error.kind !== 'hostile';
  }
  const report = cotTrackReport(parsed.value, source);
  if (!report.ok) pipeline.countRefused('invalid');
  else pipeline.submit(report.value);
  return true;
}

function serve(socket: Socket, pipeline: TrackPipeline, o: CotListenOptions): void {
  const limits = o.limits ?? DEFAULT_COT_LIMITS;
  const splitter = new CotStreamSplitter(o.maxBufferBytes ?? limits.maxEventBytes * 4);
  socket.setEncoding('utf8');
  socket.on('error', () => socket.destroy());
  socket.on('data', (chunk: string) => {
    const events = splitter.push(chunk);
    if (events === 'overflow' || !events.every((xml) => accept(pipeline, xml, 'cot-tcp', limits))) {
      if (events === 'overflow') pipeline.countRefused('hostile');
      socket.destroy();
      return;
    }
    if (pipeline.saturated && !socket.isPaused()) {
      socket.pause();
      void pipeline.whenDrained().then(() => socket.resume());
    }
  });
}

export async function listenCotTcp(
  pipeline: TrackPipeline,
  o: CotListenOptions = {},
): Promise<Server & { port: number }> {
  const server = createServer((socket) => serve(socket, pipeline, o));
  await new Promise<void>((resolve) => server.listen(o.port ?? 0, o.host ?? '127.0.0.1', resolve));
  return Object.assign(server, { port: (server.address() as AddressInfo).port });
}

/** UDP: a datagram is one event; a datagram cannot be paused, so a full queue counts it refused. */
export async function listenCotUdp(
  pipeline: TrackPipeline,
  o: CotListenOptions = {},
): Promise<UdpSocket & { port: number }> {
  const limits = o.limits ?? DEFAULT_COT_LIMITS;
  const socket = createSocket('udp4');
  socket.on('message', (msg) => {
    if (pipeline.full) return pipeline.countRefused('refused');
    accept(pipeline, msg.toString('utf8'), 'cot-udp', limits);
  });
  await new Promise<void>((resolve) => socket.bind(o.port ?? 0, o.host ?? '127.0.0.1', resolve));
  return Object.assign(socket, { port: socket.address().port });
}
