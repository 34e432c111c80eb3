/**
 * The cross-instance half of `LedgerNotifier`: a connection that LISTENs on the channel every
 * append transaction NOTIFYs with the new size. When the connection is lost it reconnects with a
 * growing delay, then reports the current size, since notifications sent meanwhile are gone.
 */
import type pg from 'pg';
import type { SizeListeners } from '../notifier.ts';
import { connectClient, type ConnectOptions } from './connect.ts';
import { APPENDED_CHANNEL } from './writer.ts';

const MAX_DELAY_MS = 30_000;

export class PgListener {
  private client: pg.Client | undefined;
  private timer: NodeJS.Timeout | undefined;
  private delayMs = 250;
  private closed = false;

  constructor(
    private readonly options: ConnectOptions,
    private readonly sizes: SizeListeners,
    private readonly currentSize: () => Promise<number>,
  ) {}

  /** Connects and listens; resolves once notifications are being received. */
  async start(): Promise<void> {
    const client = await connectClient(this.options);
    client.on('notification', (message) => {
      const size = Number(message.payload);
      if (message.channel === APPENDED_CHANNEL && Number.isSafeInteger(size)) this.sizes.report(size);
    });
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    try {
      await client.query(`LISTEN ${APPENDED_CHANNEL}`);
    } catch (e) {
      await client.end().catch(() => undefined);
      throw e;
    }
    if (this.closed) return void (await client.end().catch(() => undefined));
    this.client = client;
    this.delayMs = 250;
    this.sizes.report(await this.currentSize());
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private lost(client: pg.Client): void {
    if (this.closed || this.client !== client) return;
    this.client = undefined;
    void client.end().catch(() => undefined);
    this.retry();
  }

  private retry(): void {
    if (this.closed) return;
    this.timer = setTimeout(() => {
      this.start().catch(() => {
        this.delayMs = Math.min(this.delayMs * 2, MAX_DELAY_MS);
        this.retry();
      });
    }, this.delayMs);
    // Reconnecting must not keep a process alive that has nothing else to do.
    this.timer.unref();
  }
}
