/**
 * Violation figures for people who read them on paper: a self-contained HTML page with print
 * styles (no script, no external resource, every text escaped) and CSV after RFC 4180.
 */
import { toRfc3339 } from '../core/index.ts';
import type { FigureRow, ViolationFigures } from './figures.ts';

export interface ReportMeta {
  readonly title: string;
  /** When the figures were computed. */
  readonly generatedAt: number;
  /** The moment the record was read as of, when not the latest. */
  readonly asOf?: number;
  /** Lines of explanation printed under the title (sources, what is counted). */
  readonly notes?: readonly string[];
}

const SECTIONS: readonly (readonly [keyof Omit<ViolationFigures, 'total'>, string])[] = [
  ['byWeek', 'ISO week'],
  ['byGovernorate', 'Governorate'],
  ['byArea', 'Area'],
  ['byKind', 'Kind'],
  ['byPerpetrator', 'Alleged perpetrator'],
  ['byStatus', 'Status'],
];

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

const PRINT_CSS = `
body { font: 11pt/1.4 Georgia, 'Times New Roman', serif; margin: 2em; color: #000; }
h1 { font-size: 16pt; margin: 0 0 .3em; } h2 { font-size: 12pt; margin: 1.4em 0 .4em; }
p.meta { margin: 0; font-size: 9pt; }
table { border-collapse: collapse; width: 100%; margin-bottom: 1em; }
th, td { border: 1px solid #666; padding: 2pt 6pt; text-align: left; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
thead { display: table-header-group; }
section, tr { break-inside: avoid; page-break-inside: avoid; }
@page { size: A4; margin: 18mm 15mm; }
@media print { body { margin: 0; } }
`;

function table(caption: string, rows: readonly FigureRow[], total: FigureRow): string {
  const body = rows
    .map(
      (r) =>
        `<tr><td>${escapeHtml(r.key)}</td><td class="n">${r.reports}</td><td class="n">${r.killed}</td><td class="n">${r.injured}</td></tr>`,
    )
    .join('\n');
  return `<section><h2>${escapeHtml(caption)}</h2>
<table><thead><tr><th>${escapeHtml(caption)}</th><th class="n">Reports</th><th class="n">Killed</th><th class="n">Injured</th></tr></thead>
<tbody>
${body}
</tbody>
<tfoot><tr><th>Total</th><th class="n">${total.reports}</th><th class="n">${total.killed}</th><th class="n">${total.injured}</th></tr></tfoot></table></section>`;
}

/** A printable HTML page of the figures. */
export function figuresHtml(figures: ViolationFigures, meta: ReportMeta): string {
  const when = [`Generated ${toRfc3339(meta.generatedAt)}`];
  if (meta.asOf !== undefined) when.push(`record as of ${toRfc3339(meta.asOf)}`);
  const notes = (meta.notes ?? []).map((n) => `<p class="meta">${escapeHtml(n)}</p>`).join('\n');
  const sections = SECTIONS.map(([k, caption]) => table(caption, figures[k], figures.total)).join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(meta.title)}</title>
<style>${PRINT_CSS}</style></head>
<body><h1>${escapeHtml(meta.title)}</h1>
<p class="meta">${escapeHtml(when.join('; '))}</p>
${notes}
${sections}
</body></html>
`;
}

/**
 * One CSV field after RFC 4180: quoted when it holds a comma, a quote, CR or LF, with quotes
 * doubled. A text that a spreadsheet would run as a formula (starting with = + - @ or a tab) is
 * prefixed with a single quote, since region and actor names come from outside.
 */
export function csvField(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The figures as CSV (RFC 4180: CRLF line ends, a header line): one row per dimension and key. */
export function figuresCsv(figures: ViolationFigures): string {
  const lines: (string | number)[][] = [['dimension', 'key', 'reports', 'killed', 'injured']];
  const line = (dim: string, r: FigureRow) => [dim, r.key, r.reports, r.killed, r.injured];
  lines.push(line('total', figures.total));
  for (const [k] of SECTIONS) for (const r of figures[k]) lines.push(line(k, r));
  return lines.map((l) => l.map(csvField).join(',')).join('\r\n') + '\r\n';
}
