// Buffered CSV output with backpressure: rows are encoded (UTF-8) into a 64 KB chunk, the chunk
// goes to an fs.WriteStream when full, and the generator awaits 'drain' whenever a stream is
// full, so memory stays flat however many rows are written.
import { createWriteStream, type WriteStream } from 'node:fs';
import { join } from 'node:path';

type Encode = (buf: Buffer, text: string, offset: number) => number;
/** UTF-8 encode into a buffer at an offset; Buffer#utf8Write skips the argument parsing of Buffer#write. */
const encodeInto: Encode =
  typeof (Buffer.prototype as unknown as { utf8Write?: unknown }).utf8Write === 'function'
    ? (buf, text, offset) => (buf as unknown as { utf8Write(t: string, o: number): number }).utf8Write(text, offset)
    : (buf, text, offset) => buf.write(text, offset, 'utf8');

const CHUNK_BYTES = 64 * 1024;
/** Room kept free in a chunk before a row is encoded into it (a row is far shorter than this). */
const ROW_ROOM = 8 * 1024;
const STREAM_HIGH_WATER = 256 * 1024;

/** RFC 4180 quoting: a value with a comma, quote or line break is wrapped in quotes, quotes doubled. */
export function csvText(value: string): string {
  if (!/[",\r\n]/.test(value)) return value;
  return '"' + value.replace(/"/g, '""') + '"';
}

export class CsvFile {
  readonly path: string;
  rows = 0;
  private chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  private used = 0;
  private stream: WriteStream;
  private full = false;
  private drainWaiters: (() => void)[] = [];
  private failure: Error | null = null;

  /** Called when the file becomes full (true) or drains (false). */
  onFull: (full: boolean) => void = () => {};

  constructor(outDir: string, readonly entity: string, header: readonly string[]) {
    this.path = join(outDir, `${entity}.csv`);
    this.stream = createWriteStream(this.path, { encoding: 'utf8', highWaterMark: STREAM_HIGH_WATER });
    this.stream.on('drain', () => {
      if (this.full) this.onFull(false);
      this.full = false;
      const waiters = this.drainWaiters;
      this.drainWaiters = [];
      for (const w of waiters) w();
    });
    this.stream.on('error', (err) => {
      this.failure = err;
      this.onFull(true);
      const waiters = this.drainWaiters;
      this.drainWaiters = [];
      for (const w of waiters) w();
    });
    this.row(header.join(','));
    this.rows = 0;
  }

  /** Appends one row: `line` is the already joined, already quoted row without its '\n'. */
  row(line: string): void {
    if (CHUNK_BYTES - this.used < ROW_ROOM || line.length * 3 >= ROW_ROOM) {
      this.flush();
      if (line.length * 3 >= CHUNK_BYTES) this.chunk = Buffer.allocUnsafe(line.length * 3 + 1);
    }
    this.used += encodeInto(this.chunk, line, this.used);
    this.chunk[this.used++] = 10;
    this.rows++;
  }

  get blocked(): boolean {
    return this.full || this.failure !== null;
  }

  private flush(): void {
    if (this.used === 0) return;
    const ok = this.stream.write(this.chunk.subarray(0, this.used));
    this.chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    this.used = 0;
    if (!ok && !this.full) {
      this.full = true;
      this.onFull(true);
    }
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
  private fullCount = 0;

  constructor(private readonly outDir: string) {}

  open(entity: string, header: readonly string[]): CsvFile {
    const f = new CsvFile(this.outDir, entity, header);
    f.onFull = (full) => (this.fullCount += full ? 1 : -1);
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

  /** True when some file is full (or failed) and the generator should await `drain()`, which rethrows a failure. */
  get blocked(): boolean {
    return this.fullCount > 0;
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
