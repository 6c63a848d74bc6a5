/** A counting semaphore with two FIFO queues: `high` waiters (list pages) go before `normal` ones. */
export class Semaphore {
  private active = 0;
  private readonly high: Array<() => void> = [];
  private readonly normal: Array<() => void> = [];
  /** Highest number of holders seen at once. */
  peak = 0;

  constructor(private readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1)
      throw new RangeError(`concurrency must be a positive integer, got ${limit}`);
  }

  async acquire(priority: 'high' | 'normal' = 'normal'): Promise<void> {
    if (this.active < this.limit) {
      this.take();
      return;
    }
    // The releasing holder hands its slot over directly, so nobody can slip in between.
    await new Promise<void>((resolve) => (priority === 'high' ? this.high : this.normal).push(resolve));
  }

  release(): void {
    const next = this.high.shift() ?? this.normal.shift();
    if (next) next();
    else this.active -= 1;
  }

  private take(): void {
    this.active += 1;
    this.peak = Math.max(this.peak, this.active);
  }
}
