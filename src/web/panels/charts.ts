/**
 * Simple bar charts as HTML (a table-like list of labelled bars): readable by screen readers,
 * printable, and no chart library to ship.
 */
import { h } from '../dom.ts';

export interface Bar {
  readonly label: string;
  readonly value: number;
}

export function barChart(title: string, bars: readonly Bar[]): HTMLElement {
  const max = Math.max(1, ...bars.map((b) => b.value));
  return h(
    'figure',
    { className: 'chart' },
    h('figcaption', {}, title),
    h(
      'ul',
      { className: 'bars' },
      bars.map((b) =>
        h(
          'li',
          {},
          h('span', { className: 'bar-label' }, b.label),
          h('span', { className: 'bar', style: `width:${Math.round((100 * b.value) / max)}%` }),
          h('span', { className: 'bar-value' }, String(b.value)),
        ),
      ),
    ),
  );
}

/** Counts by a key, largest first. */
export function countBy<T>(items: readonly T[], key: (i: T) => string): Bar[] {
  const m = new Map<string, number>();
  for (const i of items) m.set(key(i), (m.get(key(i)) ?? 0) + 1);
  return [...m].map(([label, value]) => ({ label, value })).sort((a, b) => b.value - a.value);
}

/** ISO week label (`2016-W30`) of an RFC 3339 time, for weekly figures. */
export function isoWeek(v: unknown): string {
  const t = typeof v === 'string' ? Date.parse(v) : NaN;
  if (!Number.isFinite(t)) return '?';
  const d = new Date(t);
  const day = (d.getUTCDay() + 6) % 7;
  d.setUTCDate(d.getUTCDate() - day + 3);
  const firstThursday = new Date(Date.UTC(d.getUTCFullYear(), 0, 4));
  const week = 1 + Math.round((d.getTime() - firstThursday.getTime()) / 604_800_000);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}
