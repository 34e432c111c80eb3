/**
 * Command bodies on the wire are the rules' own command schemas: the body is the command without
 * its `type` (the route names it) and without the field naming the record (the path gives it).
 * Parsing runs the rules' `parseCommand`, so the edge and the rules cannot disagree on what a
 * command is; every invalid field comes back with its JSON pointer. The OpenAPI schema of each
 * body is generated from the same rules schema.
 */
import { z } from 'zod';
import { parseSignedCommand } from '../ledger/index.ts';
import { AirspaceCommandSchema, parseCommand } from '../rules/index.ts';
import { HumanitarianCommandSchema } from '../rules/humanitarian-wire.ts';
import { OperationsCommandSchema } from '../rules/operations/commands.ts';
import { ViolationCommandSchema } from '../rules/violations-wire.ts';

const ALL = [
  ...OperationsCommandSchema.options,
  ...HumanitarianCommandSchema.options,
  ...ViolationCommandSchema.options,
  ...AirspaceCommandSchema.options,
];
const SCHEMAS: ReadonlyMap<string, z.ZodType> = new Map(ALL.map((o) => [o.shape.type.value, o as z.ZodType]));
export const COMMAND_TYPES: readonly string[] = [...SCHEMAS.keys()];
export type CommandType = string;

/** A valid record id, standing in for the one the path gives while the body is checked. */
const PLACEHOLDER_ID = 'placeholder';

function pathOf(pointer: string): (string | number)[] {
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function bodyJsonSchema(schema: z.ZodType, omit: readonly string[]): Record<string, unknown> {
  const { $schema: _drop, ...json } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
  const properties = { ...(json['properties'] as Record<string, unknown> | undefined) };
  for (const k of omit) delete properties[k];
  const required = (json['required'] ?? []).filter((k) => !omit.includes(k));
  return { ...json, properties, required };
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The body schema of command `type` whose record field `field` (if any) comes from the path. With
 * no such field it yields the rules' parsed command, which the service takes without parsing it
 * again; with one, the body as sent (the service parses the whole command, path id included).
 */
export function commandBody(type: CommandType, field?: string): z.ZodType<Record<string, unknown>> {
  const schema = SCHEMAS.get(type);
  if (schema === undefined) throw new Error(`no rules command ${type}`);
  const omit = field === undefined ? ['type'] : ['type', field];
  return z
    .unknown()
    .transform((body, ctx): Record<string, unknown> => {
      if (!isObject(body)) {
        ctx.addIssue({ code: 'custom', message: 'expected a JSON object', path: [] });
        return z.NEVER;
      }
      for (const k of omit)
        if (k in body) ctx.addIssue({ code: 'custom', message: 'unknown field', path: [k] });
      const parsed = parseCommand({ ...body, type, ...(field ? { [field]: PLACEHOLDER_ID } : {}) });
      if (!parsed.ok)
        for (const i of parsed.error)
          ctx.addIssue({ code: 'custom', message: i.reason, path: pathOf(i.pointer) });
      return parsed.ok && field === undefined ? (parsed.value as unknown as Record<string, unknown>) : body;
    })
    .meta(bodyJsonSchema(schema, omit));
}

/** Any rules command, `type` included: the route for commands that have no resource path. */
export const anyCommand: z.ZodType<Record<string, unknown>> = z
  .unknown()
  .transform((body, ctx): Record<string, unknown> => {
    const parsed = parseCommand(body);
    if (!parsed.ok)
      for (const i of parsed.error)
        ctx.addIssue({ code: 'custom', message: i.reason, path: pathOf(i.pointer) });
    return (parsed.ok ? parsed.value : body) as Record<string, unknown>;
  })
  .meta({
    oneOf: ALL.map((o) => {
      const { $schema: _drop, ...json } = z.toJSONSchema(o, { io: 'input', unrepresentable: 'any' });
      return json;
    }),
  });

/**
 * A command signed on the person's own device (`SignedCommand` in src/ledger): the envelope's
 * fields, then the command inside it, every fault with its pointer. The signature is checked by
 * the service, against the key registered for the caller.
 */
export const signedCommand: z.ZodType<Record<string, unknown>> = z
  .unknown()
  .transform((body, ctx): Record<string, unknown> => {
    const parsed = parseSignedCommand(body);
    if (!parsed.ok)
      for (const i of parsed.error)
        ctx.addIssue({ code: 'custom', message: i.reason, path: pathOf(i.pointer) });
    else {
      const command = parseCommand(parsed.value.command);
      if (!command.ok)
        for (const i of command.error)
          ctx.addIssue({ code: 'custom', message: i.reason, path: ['command', ...pathOf(i.pointer)] });
    }
    return body as Record<string, unknown>;
  })
  .meta({
    type: 'object',
    required: ['person', 'command', 'at', 'nonce', 'key', 'sig'],
    additionalProperties: false,
    properties: {
      person: { type: 'string', description: 'the signer: the person id of the credentials' },
      command: { description: 'any command of the rules, `type` included, exactly as signed' },
      at: {
        type: 'string',
        format: 'date-time',
        description: "RFC 3339 UTC; within 5 minutes of the server's clock",
      },
      nonce: {
        type: 'string',
        description: '16 to 64 random bytes, base64url without padding; accepted once',
      },
      key: { type: 'string', description: "the person's registered raw Ed25519 public key, standard base64" },
      sig: {
        type: 'string',
        description:
          'Ed25519 signature (standard base64) over the RFC 8785 canonical JSON of {at, command, key, ' +
          'mediaType: "application/vnd.jig.signed-command.v1+json", nonce, origin (the log\'s origin), person}',
      },
    },
  });
