// Buffered CSV output with backpressure: rows are appended to a string chunk, the chunk goes to
// an fs.WriteStream every ~64 KB, and the generator awaits 'drain' whenever a stream is full,
// so memory stays flat however many rows are written.
import { createWriteStream, type WriteStream } from 'node:fs';
import { join } from 'node:path';

const CHUNK_CHARS = 64 * 1024;
const STREAM_HIGH_WATER = 256 * 1024;

/** RFC 4180 quoting: a value with a comma, quote or line break is wrapped in quotes, quotes doubled. */
export function csvText(value: string): string {
  if (!/[",\r\n]/.test(value)) return value;
  return '"' + value.replace(/"/g, '""') + '"';
}

export class CsvFile {
  readonly path: string;
  rows = 0;
  private chunk = '';
  private stream: WriteStream;
  private full = false;
  private drainWaiters: (() => void)[] = [];
  private failure: Error | null = null;

  constructor(outDir: string, readonly entity: string, header: readonly string[]) {
    this.path = join(outDir, `${entity}.csv`);
    this.stream = createWriteStream(this.path, { encoding: 'utf8', highWaterMark: STREAM_HIGH_WATER });
    this.stream.on('drain', () => {
      this.full = false;
      const waiters = this.drainWaiters;
      this.drainWaiters = [];
      for (const w of waiters) w();
    });
    this.stream.on('error', (err) => {
      this.failure = err;
      const waiters = this.drainWaiters;
      this.drainWaiters = [];
      for (const w of waiters) w();
    });
    this.chunk = header.join(',') + '\n';
  }

  /** Appends one row: `line` is the already joined, already quoted row without its '\n'. */
  row(line: string): void {
    this.chunk += line + '\n';
    this.rows++;
    if (this.chunk.length >= CHUNK_CHARS) this.flush();
  }

  get blocked(): boolean {
    return this.full || this.failure !== null;
  }

  private flush(): void {
    if (this.chunk.length === 0) return;
    const ok = this.stream.write(this.chunk);
    this.chunk = '';
    if (!ok) this.full = true;
  }

  /** Resolves once the stream has room again; rejects if writing failed. */
  async drain(): Promise<void> {
    if (this.full && this.failure === null) await new Promise<void>((resolve) => this.drainWaiters.push(resolve));
    if (this.failure) throw this.failure;
  }

  /** Writes what is left and closes the file. */
  async close(): Promise<void> {
    this.flush();
    if (this.failure) throw this.failure;
    await new Promise<void>((resolve, reject) => {
      this.stream.once('error', reject);
      this.stream.end(() => resolve());
    });
    if (this.failure) throw this.failure;
  }

  /** Closes the file after a failure elsewhere, ignoring errors. */
  abort(): void {
    this.stream.destroy();
  }
}

/** The set of output files, one per entity. */
export class CsvSet {
  private files = new Map<string, CsvFile>();
  private list: CsvFile[] = [];

  constructor(private readonly outDir: string) {}

  open(entity: string, header: readonly string[]): CsvFile {
    const f = new CsvFile(this.outDir, entity, header);
    this.files.set(entity, f);
    this.list.push(f);
    return f;
  }

  get(entity: string): CsvFile {
    const f = this.files.get(entity);
    if (!f) throw new Error(`no output file for ${entity}`);
    return f;
  }

  all(): readonly CsvFile[] {
    return this.list;
  }

  get blocked(): boolean {
    for (const f of this.list) if (f.blocked) return true;
    return false;
  }

  async drain(): Promise<void> {
    for (const f of this.list) if (f.blocked) await f.drain();
  }

  async closeAll(): Promise<void> {
    for (const f of this.list) await f.close();
  }

  abortAll(): void {
    for (const f of this.list) f.abort();
  }
}
