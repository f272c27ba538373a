/** The outcome of one item of a batch: a batch can succeed for some items and fail for others. */
export type ItemOutcome<R> = { ok: true; value: R } | { ok: false; error: unknown };

export interface EventBatcherOptions<T, R> {
  /** Flush as soon as this many items wait (at most the worker's concurrency, or it never fills). */
  maxSize: number;
  /** Flush this long after the first item arrived, however few wait. */
  windowMs: number;
  /** The key that makes two items the same event (both get the one outcome). */
  keyOf: (item: T) => string;
  /**
   * Handles distinct items together (one transaction). Throws when the batch as a whole failed;
   * then each item is run again on its own, so one bad item cannot fail the others.
   */
  run: (items: T[]) => Promise<Map<string, ItemOutcome<R>>>;
}

interface Waiting<T, R> {
  item: T;
  resolve: (value: R) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for queue jobs: each job's handler submits its event and waits; the events that
 * arrive within a short window (or until `maxSize` wait) are handled in one batch, and each job
 * ends with its own event's outcome. A job stays a job: BullMQ still retries, stalls and
 * deduplicates it on its own, so a failing event is retried alone and blocks nobody.
 */
export class EventBatcher<T, R> {
  private waiting: Array<Waiting<T, R>> = [];
  private timer?: NodeJS.Timeout;

  constructor(private readonly options: EventBatcherOptions<T, R>) {}

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (this.waiting.length >= this.options.maxSize) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.options.windowMs);
    });
  }

  /** Handles what waits now; the returned promise settles when every job of it has its outcome. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.waiting;
    this.waiting = [];
    return batch.length > 0 ? this.handle(batch) : Promise.resolve();
  }

  private async handle(batch: Array<Waiting<T, R>>): Promise<void> {
    const byKey = new Map<string, Array<Waiting<T, R>>>();
    for (const w of batch) {
      const key = this.options.keyOf(w.item);
      byKey.set(key, [...(byKey.get(key) ?? []), w]);
    }
    const settle = (key: string, outcome: ItemOutcome<R> | undefined) => {
      for (const w of byKey.get(key) ?? []) {
        if (outcome?.ok) w.resolve(outcome.value);
        else w.reject(outcome ? outcome.error : new Error('The batch gave no outcome for this event'));
      }
    };
    const distinct = [...byKey.values()].map((ws) => ws[0].item);
    try {
      const outcomes = await this.options.run(distinct);
      for (const key of byKey.keys()) settle(key, outcomes.get(key));
      return;
    } catch (error) {
      if (distinct.length === 1) {
        settle(this.options.keyOf(distinct[0]), { ok: false, error });
        return;
      }
    }
    // The batch failed as a whole: each item on its own, one after the other (a failure that
    // hit every item, say the database away, then costs one attempt each, not a stampede).
    for (const item of distinct) {
      const key = this.options.keyOf(item);
      try {
        settle(key, (await this.options.run([item])).get(key));
      } catch (error) {
        settle(key, { ok: false, error });
      }
    }
  }
}

/** At most `size` tasks at once; the others wait their turn in order. */
export class Semaphore {
  private active = 0;
  private readonly queue: Array<() => void> = [];

  constructor(private readonly size: number) {}

  async use<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.size) await new Promise<void>((resolve) => this.queue.push(resolve));
    else this.active++;
    try {
      return await task();
    } finally {
      const next = this.queue.shift();
      if (next) next();
      else this.active--;
    }
  }
}

/** `work` over every item, at most `limit` at a time; the results (or errors) in the items' order. */
export async function settleEach<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<Array<unknown>> {
  const slots = new Semaphore(limit);
  return Promise.all(items.map((item) => slots.use(() => work(item)).then(() => undefined, (error: unknown) => error ?? new Error('failed'))));
}
