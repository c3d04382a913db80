// Maps CSV record numbers to physical line numbers. Records and lines differ when quoted
// fields hold line breaks, so the file is scanned (quote-aware) — only when problems need lines.
import { createReadStream } from 'node:fs';

export interface RecordLines {
  /** startLine[k] is the 1-based line where record k starts (record 0 is the header). */
  startLine: number[];
  /** blank[k] is true when record k is an empty line (the reader skips those). */
  blank: boolean[];
}

/** Scans records 0..maxRecord (inclusive) of a CSV file. */
export async function scanRecordLines(path: string, maxRecord: number): Promise<RecordLines> {
  const startLine: number[] = [];
  const blank: boolean[] = [];
  let line = 1;
  let inQuotes = false;
  let recordStart = 1;
  let empty = true;
  let prevCR = false;
  const stream = createReadStream(path, { highWaterMark: 1 << 20 });
  outer: for await (const chunk of stream as AsyncIterable<Buffer>) {
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i];
      const afterCR = prevCR;
      prevCR = b === 0x0d;
      if (b === 0x22) {
        inQuotes = !inQuotes;
        empty = false;
      } else if (b === 0x0a || b === 0x0d) {
        // A line ends at \n, \r\n or a lone \r (old Mac files); \r\n counts once.
        if (b === 0x0a && afterCR) continue;
        if (!inQuotes) {
          startLine.push(recordStart);
          blank.push(empty);
          if (startLine.length > maxRecord) break outer;
          recordStart = line + 1;
          empty = true;
        }
        line++;
      } else if (!(startLine.length === 0 && line === 1 && i < 3 && (b === 0xef || b === 0xbb || b === 0xbf))) {
        empty = false;
      }
    }
  }
  stream.destroy();
  if (!empty && startLine.length <= maxRecord) {
    startLine.push(recordStart);
    blank.push(false);
  }
  return { startLine, blank };
}
