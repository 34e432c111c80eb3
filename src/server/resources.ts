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
import { anyCommand, commandBody, signedCommand, type CommandType } from './commands.ts';
import { signedExample } from './examples-signed.ts';
import { wasParsed } from '../rules/index.ts';
import { idParams, readQuery } from './schemas.ts';

interface Action {
  /** Sub-path after `/{id}/`, or after the collection when `field` is absent (a second create). */
  readonly path: string;
  readonly command: CommandType;
  /** The command field the path's `{id}` fills; absent for routes that name no record. */
  readonly field?: string;
  readonly summary: string;
}

interface Resource {
  readonly collection: Collection;
  readonly title: string;
  readonly create?: CommandType;
  /**
   * Actions on one record (`/nominations/{id}/decisions`) and further creates, in the order a
   * record lives through them: the docs list them so.
   */
  readonly actions?: readonly Action[];
  readonly single?: false;
}

const receipt = (summary = 'Acknowledge receipt'): Action => ({
  path: 'receipts',
  command: 'AcknowledgeReceipt',
  field: 'record',
  summary,
});

/**
 * Commands with no place in this tree (answers to disputes and information requests, revealing a
 * shielded reporter, amending or acknowledging a humanitarian site notice) go to `POST
 * /api/v1/commands` with their `type`.
 */
export const RESOURCES: readonly Resource[] = [
  // Designated areas and flights are filed through `POST /api/v1/commands`; tracks come from the
  // sensors (`/api/v1/tracks`), alerts from the live air picture.
  { collection: 'designated-areas', title: 'Designated areas' },
  {
    collection: 'protected-sites',
    title: 'Protected sites',
    create: 'RegisterProtectedSite',
    actions: [
      { path: 'humanitarian', command: 'NotifySite', summary: 'Notify a humanitarian site' },
      {
        path: 'disputes',
        command: 'DisputeProtectedSite',
        field: 'site',
        summary: 'Dispute a protected site',
      },
      receipt(),
      {
        path: 'withdrawal',
        command: 'WithdrawProtectedSite',
        field: 'site',
        summary: 'Withdraw a protected site',
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
      receipt(),
      {
        path: 'withdrawal',
        command: 'WithdrawNomination',
        field: 'nomination',
        summary: 'Withdraw a nomination',
      },
    ],
  },
  {
    collection: 'notices',
    title: 'Notices of synchronized operations',
    create: 'SendNotice',
    actions: [receipt()],
  },
  {
    collection: 'imminent-actions',
    title: 'Imminent-threat actions',
    create: 'RecordImminentThreatAction',
    actions: [
      {
        path: 'allegations',
        command: 'AllegeUnilateralAction',
        summary: 'Allege an unfiled unilateral action of another party',
      },
    ],
  },
  { collection: 'flights', title: 'Flight notifications' },
  { collection: 'tracks', title: 'Aircraft tracks', single: false },
  {
    collection: 'alerts',
    title: 'Alerts',
    actions: [
      {
        path: 'ack',
        command: 'AcknowledgeAlert',
        field: 'alert',
        summary: 'Acknowledge an alert for your party (once per party it concerns); body {remarks?}',
      },
    ],
  },
  {
    collection: 'violations',
    title: 'Ceasefire violations',
    create: 'ReportViolation',
    actions: [
      { path: 'assessments', command: 'AssessViolation', field: 'violation', summary: 'Assess a violation' },
      { path: 'evidence', command: 'AddViolationEvidence', field: 'violation', summary: 'Add evidence' },
      {
        path: 'information-requests',
        command: 'RequestInformation',
        field: 'violation',
        summary: 'Request information from a party',
      },
      {
        path: 'withdrawal',
        command: 'WithdrawViolationReport',
        field: 'violation',
        summary: 'Withdraw a report',
      },
    ],
  },
  {
    collection: 'movements',
    title: 'Humanitarian movements',
    create: 'NotifyMovement',
    actions: [
      {
        path: 'receipts',
        command: 'AcknowledgeNotice',
        field: 'notice',
        summary: 'Acknowledge a notice version',
      },
      {
        path: 'outcomes',
        command: 'RecordOutcome',
        field: 'notice',
        summary: 'Record a delivery, delay or denial',
      },
      { path: 'amendments', command: 'AmendNotice', field: 'notice', summary: 'Amend a notice' },
      { path: 'cancellation', command: 'CancelNotice', field: 'notice', summary: 'Cancel a notice' },
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

const title = (type: string) => type.replace(/([a-z])([A-Z])/g, '$1 $2');

function create(r: Resource, type: CommandType, path: string, summary: string): AnyRoute {
  return {
    method: 'POST',
    path,
    summary,
    tag: r.title,
    success: 201,
    body: commandBody(type),
    example: { body: examples[type] },
    handler: async ({ principal, body, deps, reply }: Call<unknown, unknown, Record<string, unknown>>) => {
      // The edge's parsed command goes to the service as it is (see commandBody).
      const done = await deps.service.execute(must(principal), wasParsed(body) ? body : { ...body, type });
      const id = done.events[0]?.record;
      if (id !== undefined && r.single !== false)
        void reply.header('location', `${base(r.collection)}/${id}`);
      return { id, index: done.index, events: done.events };
    },
  };
}

function act(r: Resource, action: Action & { field: string }): AnyRoute {
  return {
    method: 'POST',
    path: `${base(r.collection)}/:id/${action.path}`,
    summary: action.summary,
    tag: r.title,
    success: 201,
    params: idParams,
    body: commandBody(action.command, action.field),
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
  };
}

function writes(r: Resource): AnyRoute[] {
  const out: AnyRoute[] = [];
  if (r.create) out.push(create(r, r.create, base(r.collection), title(r.create)));
  for (const action of r.actions ?? [])
    out.push(
      action.field === undefined
        ? create(r, action.command, `${base(r.collection)}/${action.path}`, action.summary)
        : act(r, { ...action, field: action.field }),
    );
  return out;
}

const integratedRoute: AnyRoute = {
  method: 'POST',
  path: '/api/v1/integrated-operations',
  summary: "Record the national authority's authorization of integrated operations",
  tag: 'Target nominations',
  success: 201,
  body: commandBody('AuthorizeIntegratedOperations'),
  example: { body: {} },
  handler: async ({ principal, body, deps }: Call<unknown, unknown, Record<string, unknown>>) => {
    const done = await deps.service.execute(must(principal), {
      ...body,
      type: 'AuthorizeIntegratedOperations',
    });
    return { index: done.index, events: done.events };
  },
};

/** Every rules command by its `type`, for the commands that have no resource path. */
const commandsRoute: AnyRoute = {
  method: 'POST',
  path: '/api/v1/commands',
  summary: 'Any command of the rules, named by its type (answers, reveals, integrated operations...)',
  tag: 'Commands',
  success: 201,
  body: anyCommand,
  example: { body: { type: 'ReportViolation', ...(examples['ReportViolation'] as object) } },
  handler: async ({ principal, body, deps }: Call<unknown, unknown, Record<string, unknown>>) => {
    const done = await deps.service.execute(must(principal), body as { type: string });
    return { id: done.events[0]?.record, index: done.index, events: done.events };
  },
};

/**
 * A command its person signed on their own device: the only way in for a person who registered
 * their own public key (the server holds no key of theirs), refused for a person whose key the
 * server holds. The ledger entries carry the envelope, so any party can check the signature.
 */
const signedCommandsRoute: AnyRoute = {
  method: 'POST',
  path: '/api/v1/commands/signed',
  summary: "A command signed on the person's own device (for people who registered their own key)",
  tag: 'Commands',
  success: 201,
  body: signedCommand,
  example: { body: signedExample },
  handler: async ({ principal, body, deps }: Call<unknown, unknown, Record<string, unknown>>) => {
    const done = await deps.service.executeSigned(must(principal), body);
    return { id: done.events[0]?.record, index: done.index, events: done.events };
  },
};

export const resourceRoutes = (): AnyRoute[] => [
  ...RESOURCES.flatMap((r) => [...reads(r), ...writes(r)]),
  integratedRoute,
  commandsRoute,
  signedCommandsRoute,
];
