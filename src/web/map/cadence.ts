/**
 * When the live track sources may be flushed next. A flush makes the browser redraw the whole
 * map; with software WebGL on a loaded machine one redraw can take most of a second, and while
 * it is drawn no input gets a frame. So the cadence adapts: at most one flush per `minMs`, and
 * never more often than keeps redrawing under `share` of the time (a slow redraw spaces tracks
 * out instead of freezing the page). A flush also waits `quietMs` after the user's last input,
 * so that a click or key press is answered before the map is redrawn, but never more than
 * `maxDeferMs` past its due time, so that a long drag still sees tracks move.
 */
export interface CadenceOptions {
  readonly minMs: number;
  readonly share: number;
  readonly quietMs: number;
  readonly maxDeferMs: number;
  readonly maxCostMs: number;
}

export const TRACK_CADENCE: CadenceOptions = {
  minMs: 1000,
  share: 1 / 2,
  quietMs: 300,
  maxDeferMs: 1500,
  maxCostMs: 1500,
};

export class FlushCadence {
  private last = -Infinity;
  private lastInput = -Infinity;
  /** The smoothed cost of a flush: the time the page spent drawing it. */
  cost = 0;

  constructor(private readonly o: CadenceOptions = TRACK_CADENCE) {}

  /** Milliseconds from `now` until a flush may run (0: now). */
  delay(now: number): number {
    const due = this.last + Math.max(this.o.minMs, this.cost / this.o.share);
    const quiet = Math.min(this.lastInput + this.o.quietMs, due + this.o.maxDeferMs);
    return Math.max(0, due - now, quiet - now);
  }

  flushed(now: number): void {
    this.last = now;
  }

  input(now: number): void {
    this.lastInput = now;
  }

  measured(ms: number): void {
    // Capped: a long pan is drawn in the same frames and would otherwise stall the tracks.
    const m = Math.min(ms, this.o.maxCostMs);
    // Smoothed, so that one redraw slowed by a passing load does not stall them either.
    this.cost = this.cost === 0 ? m : 0.5 * this.cost + 0.5 * m;
  }
}
