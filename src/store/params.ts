// Collects query parameters while SQL text is composed; each value becomes $1, $2, … so
// composition order does not matter. User values reach SQL only through here.
export class Params {
  readonly values: unknown[] = [];

  /** Adds a value and returns its placeholder. */
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}
