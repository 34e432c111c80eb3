/**
 * The live air pictures of several server instances on one database: each instance writes its own
 * tracks once a second and reads the others', so that a client of any instance sees every aircraft
 * whichever instance its reports reached. Positions are not records (the ledger keeps the alerts),
 * so the table is UNLOGGED: fast, and emptied by a crash of the database server, after which each
 * instance writes its picture again within a second.
 */
import type pg from 'pg';
import type { EpochMs } from '../../core/index.ts';
import type { SharedPictures } from '../types.ts';

export const PG_PICTURES_MIGRATION = `
  CREATE UNLOGGED TABLE live_pictures (
    instance text PRIMARY KEY,
    at bigint NOT NULL,
    tracks jsonb NOT NULL
  );
`;

export function postgresPictures(pool: pg.Pool): SharedPictures {
  return {
    async put(instance: string, at: EpochMs, tracks: readonly unknown[]): Promise<void> {
      await pool.query(
        `INSERT INTO live_pictures (instance, at, tracks) VALUES ($1, $2, $3)
         ON CONFLICT (instance) DO UPDATE SET at = excluded.at, tracks = excluded.tracks`,
        [instance, at, JSON.stringify(tracks)],
      );
    },
    async others(instance: string, since: EpochMs): Promise<readonly unknown[]> {
      const { rows } = await pool.query<{ tracks: unknown[] }>(
        'SELECT tracks FROM live_pictures WHERE instance <> $1 AND at >= $2',
        [instance, since],
      );
      // Pictures of instances gone for good are left to age out of the query, then deleted.
      await pool.query('DELETE FROM live_pictures WHERE at < $1', [since - 60_000]);
      return rows.flatMap((r) => r.tracks);
    },
  };
}
