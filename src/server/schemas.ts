/**
 * Wire schemas of the API. Command bodies are the rules' own command schemas (`commands.ts`);
 * this file holds the rest: reads, ledger queries, login. Every object is strict: an unknown
 * field is an error, not something silently dropped.
 */
import { z } from 'zod';
import { parseRfc3339 } from '../core/index.ts';

export const time = z
  .string()
  .max(40)
  .refine((s) => parseRfc3339(s) !== undefined, 'expected an RFC 3339 time with a time zone')
  .meta({ format: 'date-time', example: '2016-07-31T14:00:00Z' });

const text = (max: number) => z.string().trim().min(1).max(max);

const index = z
  .string()
  .regex(/^\d{1,15}$/, 'expected a ledger index (a whole number)')
  .transform(Number);

/** `?asOf=` (RFC 3339) or `?asOfIndex=` on every read. */
export const readQuery = z
  .strictObject({ asOf: time.optional(), asOfIndex: index.optional() })
  .refine((q) => q.asOf === undefined || q.asOfIndex === undefined, 'give asOf or asOfIndex, not both');

export const idParams = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9._:-]{1,128}$/, 'not a record id'),
});

export const ledgerQueries = {
  entries: z.strictObject({ from: index, to: index }),
  inclusion: z.strictObject({ index, size: index }),
  consistency: z.strictObject({ size1: index, size2: index }),
  feed: z.strictObject({ from: index.optional() }),
};

export const login = z.strictObject({ name: text(200), password: z.string().min(1).max(1024) });
export const passwordChange = z.strictObject({
  current: z.string().min(1).max(1024),
  next: z.string().min(12).max(1024),
});

/** A checkpoint note cosigned by a party's witness (`jig witness cosign` writes one). */
export const cosignatures = z.strictObject({
  note: z
    .string()
    .min(1)
    .max(64 * 1024),
});
