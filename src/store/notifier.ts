/**
 * The in-process half of `LedgerNotifier`, shared by the adapters: listeners, and a size that only
 * grows, so that a commit reported twice (by this process directly and again through PostgreSQL's
 * NOTIFY) reaches each listener once.
 */
import type { LedgerNotifier } from './types.ts';

export class SizeListeners implements LedgerNotifier {
  private readonly listeners = new Set<(size: number) => void>();
  private reported = -1;

  onAppended(listener: (size: number) => void): () => void {
    // Wrapped, so that subscribing the same function twice gives two independent subscriptions.
    const entry = (size: number) => listener(size);
    this.listeners.add(entry);
    return () => void this.listeners.delete(entry);
  }

  /** Reports `size` unless a size at least as large has been reported already. */
  report(size: number): void {
    if (size <= this.reported) return;
    this.reported = size;
    for (const listener of [...this.listeners]) {
      try {
        listener(size);
      } catch (e) {
        // A listener's fault is its own: the commit has happened, the other listeners still hear of
        // it, and the fault is shown rather than lost.
        process.emitWarning(e instanceof Error ? e : String(e), 'LedgerListenerWarning');
      }
    }
  }
}
