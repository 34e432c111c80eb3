/** What a projection may do inside the PostgreSQL append transaction (see `ProjectionTx`). */
import { JigError } from '../../core/index.ts';
import type { ProjectionTx, Reveal } from '../types.ts';
import type { Queryable } from './nodes.ts';

function json(value: unknown, what: string): string {
  const text = JSON.stringify(value) as string | undefined;
  if (text === undefined) throw new JigError('INVALID_INPUT', `${what} is not JSON`);
  return text;
}

export function projectionTx(db: Queryable): ProjectionTx {
  return {
    async get(ns, key) {
      const { rows } = await db.query<{ value: string }>(
        'SELECT value FROM projections WHERE namespace = $1 AND key = $2',
        [ns, key],
      );
      return rows[0] === undefined ? undefined : (JSON.parse(rows[0].value) as unknown);
    },
    async put(ns, key, value) {
      await db.query(
        `INSERT INTO projections (namespace, key, value) VALUES ($1, $2, $3)
         ON CONFLICT (namespace, key) DO UPDATE SET value = excluded.value`,
        [ns, key, json(value, 'projection value')],
      );
    },
    async delete(ns, key) {
      await db.query('DELETE FROM projections WHERE namespace = $1 AND key = $2', [ns, key]);
    },
    async putReveal(r: Reveal) {
      await db.query(
        'INSERT INTO ledger_reveals (commitment, seq, owner_party, salt, value) VALUES ($1, $2, $3, $4, $5)',
        [r.commitment, r.seq, r.ownerParty, r.salt, json(r.value, 'a revealed value')],
      );
    },
  };
}
