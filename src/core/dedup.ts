/**
 * Shares one in-flight (or finished) computation among callers asking for the same key, so identical
 * requests in a run cost one call. Keys live as long as the instance: one per run.
 */
export class Dedup<T> {
  private readonly pending = new Map<string, Promise<T>>();

  /** `shared` is true for every caller after the first. */
  async run(key: string, compute: () => Promise<T>): Promise<{ value: T; shared: boolean }> {
    const existing = this.pending.get(key);
    if (existing) return { value: await existing, shared: true };
    const started = compute();
    this.pending.set(key, started);
    return { value: await started, shared: false };
  }
}
