// Results of KPI queries kept in memory per (store, data version, settings, query): an import
// bumps the data version, so a cached result is never served for changed data.
const MAX_ENTRIES = 500;

export class ResultCache<T> {
  private readonly entries = new Map<string, T>();

  get(key: string): T | undefined {
    const v = this.entries.get(key);
    if (v !== undefined) {
      // most recently used last
      this.entries.delete(key);
      this.entries.set(key, v);
    }
    return v;
  }

  set(key: string, value: T): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    while (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
