/**
 * Group commit, independent of the database. A durable commit costs an fsync; under load, the
 * appends that arrive while one commit is in progress are collected and committed together in the
 * next transaction, so the fsync is paid once per group rather than once per append. An append that
 * arrives while the committer is idle starts a commit on the next turn of the event loop: a lone
 * append waits for nothing but the I/O already received.
 *
 * The committer runs one group at a time, in arrival order, and settles each job itself (a job may
 * fail alone, e.g. when its projection throws, while the rest of its group commits). Other writes
 * that must not interleave with a transaction (checkpoints) run through `exclusive`.
 */
export interface Job<I, O> {
  readonly input: I;
  resolve(value: O): void;
  reject(error: unknown): void;
}

type Task = () => Promise<void>;

export class GroupCommitter<I, O> {
  private pending: Job<I, O>[] = [];
  private readonly exclusives: Task[] = [];
  private running: Promise<void> | undefined;

  constructor(private readonly commitGroup: (jobs: readonly Job<I, O>[]) => Promise<void>) {}

  submit(input: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.pending.push({ input, resolve, reject });
      this.kick();
    });
  }

  /** Runs `task` alone, between groups. */
  exclusive<T>(task: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.exclusives.push(() => task().then(resolve, reject));
      this.kick();
    });
  }

  /** Resolves when everything submitted so far has been settled. */
  async drain(): Promise<void> {
    while (this.running) await this.running;
  }

  private kick(): void {
    this.running ??= this.loop().finally(() => {
      this.running = undefined;
    });
  }

  private async loop(): Promise<void> {
    for (;;) {
      // Yield to the event loop first, so that every append whose I/O has already arrived (requests
      // read while the previous commit blocked on fsync) joins this group.
      await new Promise<void>((resolve) => setImmediate(resolve));
      const task = this.exclusives.shift();
      if (task) {
        await task();
        continue;
      }
      if (this.pending.length === 0) return;
      const group = this.pending;
      this.pending = [];
      try {
        await this.commitGroup(group);
      } catch (e) {
        // commitGroup settles its jobs; this only guards against one it left unsettled.
        for (const job of group) job.reject(e);
      }
    }
  }
}
