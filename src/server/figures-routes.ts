/**
 * Ceasefire-violation figures for the API and the map, and the same figures as a report a
 * diplomat can print (HTML) or open in a spreadsheet (CSV, RFC 4180).
 */
import { systemClock } from '../core/index.ts';
import { figuresCsv, figuresHtml } from '../rules/index.ts';
import { asOfOf } from './resources.ts';
import { must, type AnyRoute, type Call } from './route.ts';
import { readQuery } from './schemas.ts';

type Read = Call<unknown, Parameters<typeof asOfOf>[0], unknown>;

export const figuresRoutes = (): AnyRoute[] => [
  {
    method: 'GET',
    path: '/api/v1/violations/figures',
    summary:
      'Violation counts and casualties by week, governorate, area, kind, alleged perpetrator and status',
    tag: 'Violations',
    success: 200,
    query: readQuery,
    handler: ({ principal, query, deps }: Read) => deps.service.figures(must(principal), asOfOf(query)),
  },
  {
    method: 'GET',
    path: '/api/v1/violations/report.csv',
    summary: 'The violation figures as CSV (RFC 4180)',
    tag: 'Violations',
    success: 200,
    produces: 'text/csv',
    query: readQuery,
    handler: async ({ principal, query, deps, reply }: Read) => {
      const figures = await deps.service.figures(must(principal), asOfOf(query));
      void reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="violations.csv"');
      return figuresCsv(figures);
    },
  },
  {
    method: 'GET',
    path: '/api/v1/violations/report.html',
    summary: 'The violation figures as a page to print',
    tag: 'Violations',
    success: 200,
    produces: 'text/html',
    query: readQuery,
    handler: async ({ principal, query, deps, reply }: Read) => {
      const asOf = asOfOf(query);
      const figures = await deps.service.figures(must(principal), asOf);
      void reply.type('text/html; charset=utf-8');
      return figuresHtml(figures, {
        title: 'Ceasefire violations: reported figures',
        generatedAt: systemClock.now(),
        ...(asOf !== undefined && 'time' in asOf ? { asOf: asOf.time } : {}),
        notes: ['Counts every report on the joint record; status derives from every party’s assessment.'],
      });
    },
  },
];
