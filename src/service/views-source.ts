/** What every view builder reads: the rules' state, who owns each record, the agreement, `now`. */
import type { EpochMs } from '../core/index.ts';
import type { Agreement } from '../policy/index.ts';
import type { RootState } from '../rules/index.ts';
import type { RecordIndex } from './history.ts';

export interface ViewSource {
  readonly state: RootState;
  readonly records: RecordIndex;
  readonly policy: Agreement;
  /** The moment the view is as of: statuses that depend on time (overdue, ended) use it. */
  readonly now: EpochMs;
}
