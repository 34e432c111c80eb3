/**
 * The resources of the API, from one declaration each: list and fetch (as of a past moment when
 * asked), create, and the actions on one record (`/nominations/{id}/decisions`...). Each write
 * becomes one command for the service; what comes back is what the caller may see.
 */
import type { z } from 'zod';
import { JigError, parseRfc3339 } from '../core/index.ts';
import type { AsOf, Collection } from '../service/types.ts';
import { examples } from './examples.ts';
import { must, type AnyRoute, type Call } from './route.ts';
import { commands, idParams, readQuery, type CommandName } from './schemas.ts';

interface Resource {
  readonly collection: Collection;
  readonly title: string;
  readonly create?: CommandName;
  /** Actions on one record: sub-path, command, and the command field naming the record. */
  readonly actions?: readonly { path: string; command: CommandName; field: string; summary: string }[];
  readonly single?: false;
}

export const RESOURCES: readonly Resource[] = [
  { collection: 'designated-areas', title: 'Designated areas', create: 'DesignateArea' },
  {
    collection: 'protected-sites',
    title: 'Protected sites',
    create: 'RegisterProtectedSite',
    actions: [
      {
        path: 'disputes',
        command: 'DisputeProtectedSite',
        field: 'site',
        summary: 'Dispute a protected site',
      },
    ],
  },
  {
    collection: 'nominations',
    title: 'Target nominations',
    create: 'NominateTarget',
    actions: [
      {
        path: 'decisions',
        command: 'DecideNomination',
        field: 'nomination',
        summary: 'Concur or non-concur',
      },
      { path: 'execution', command: 'ReportExecution', field: 'nomination', summary: 'Report the execution' },
    ],
  },
  { collection: 'notices', title: 'Notices of synchronized operations', create: 'GiveNotice' },
  { collection: 'imminent-actions', title: 'Imminent-threat actions', create: 'RecordImminentAction' },
  { collection: 'flights', title: 'Flight notifications', create: 'NotifyFlight' },
  { collection: 'tracks', title: 'Aircraft tracks', create: 'ReportTracks', single: false },
  { collection: 'alerts', title: 'Alerts' },
  {
    collection: 'violations',
    title: 'Ceasefire violations',
    create: 'ReportViolation',
    actions: [
      { path: 'assessments', command: 'AssessViolation', field: 'violation', summary: 'Assess a violation' },
    ],
  },
  {
    collection: 'movements',
    title: 'Humanitarian movements',
    create: 'NotifyMovement',
    actions: [
      {
        path: 'outcomes',
        command: 'ReportMovementOutcome',
        field: 'movement',
        summary: 'Record a delivery or a denial',
      },
    ],
  },
];

export function asOfOf(query: z.output<typeof readQuery>): AsOf | undefined {
  if (query.asOfIndex !== undefined) return { index: query.asOfIndex };
  const time = query.asOf === undefined ? undefined : parseRfc3339(query.asOf);
  return time === undefined ? undefined : { time };
}

const base = (c: Collection) => `/api/v1/${c}`;

function reads(r: Resource): AnyRoute[] {
  const list: AnyRoute = {
    method: 'GET',
    path: base(r.collection),
    summary: `List ${r.title.toLowerCase()}`,
    tag: r.title,
    success: 200,
    query: readQuery,
    handler: async ({ principal, query, deps }: Call<unknown, z.output<typeof readQuery>, unknown>) => ({
      items: await deps.service.list(must(principal), r.collection, asOfOf(query)),
    }),
  };
  if (r.single === false) return [list];
  const one: AnyRoute = {
    method: 'GET',
    path: `${base(r.collection)}/:id`,
    summary: `Fetch one of the ${r.title.toLowerCase()}`,
    tag: r.title,
    success: 200,
    params: idParams,
    query: readQuery,
    handler: async ({
      principal,
      params,
      query,
      deps,
    }: Call<{ id: string }, z.output<typeof readQuery>, unknown>) => {
      const view = await deps.service.get(must(principal), r.collection, params.id, asOfOf(query));
      if (!view) throw new JigError('NOT_FOUND', 'no such record');
      return view;
    },
  };
  return [list, one];
}

function writes(r: Resource): AnyRoute[] {
  const out: AnyRoute[] = [];
  if (r.create) {
    const type = r.create;
    out.push({
      method: 'POST',
      path: base(r.collection),
      summary: `${type.replace(/([a-z])([A-Z])/g, '$1 $2')}`,
      tag: r.title,
      success: 201,
      body: commands[type],
      example: { body: examples[type] },
      handler: async ({ principal, body, deps, reply }: Call<unknown, unknown, Record<string, unknown>>) => {
        const done = await deps.service.execute(must(principal), { ...body, type });
        const id = done.events[0]?.record;
        if (id !== undefined && r.single !== false)
          void reply.header('location', `${base(r.collection)}/${id}`);
        return { id, index: done.index, events: done.events };
      },
    });
  }
  for (const action of r.actions ?? []) {
    out.push({
      method: 'POST',
      path: `${base(r.collection)}/:id/${action.path}`,
      summary: action.summary,
      tag: r.title,
      success: 201,
      params: idParams,
      body: commands[action.command],
      example: { body: examples[action.command] },
      handler: async ({
        principal,
        params,
        body,
        deps,
      }: Call<{ id: string }, unknown, Record<string, unknown>>) => {
        const done = await deps.service.execute(must(principal), {
          ...body,
          type: action.command,
          [action.field]: params.id,
        });
        return { index: done.index, events: done.events };
      },
    });
  }
  return out;
}

export const resourceRoutes = (): AnyRoute[] => RESOURCES.flatMap((r) => [...reads(r), ...writes(r)]);
