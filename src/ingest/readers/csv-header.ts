// Reads a CSV file's first record (the header) and detects its delimiter, BOM and line ending.
import { openSync, readSync, closeSync, fstatSync } from 'node:fs';

export interface CsvLayout {
  header: string[];
  delimiter: string;
  hasBom: boolean;
  /** Byte offset just past the header record (where data starts). */
  dataOffset: number;
  fileSize: number;
}

const CANDIDATES = [',', ';', '\t', '|'];

/** Parses the first record of `text` (RFC 4180 quoting) with the given delimiter. Returns fields and the index after the record's line end, or -1 when the record does not end in `text`. */
export function parseFirstRecord(text: string, delimiter: string): { fields: string[]; end: number } {
  const fields: string[] = [];
  let field = '';
  let i = 0;
  let inQuotes = false;
  while (i < text.length) {
    const ch = text[i];
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        inQuotes = false;
      } else field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field.length === 0) inQuotes = true;
    else if (ch === delimiter) {
      fields.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      fields.push(field);
      const end = ch === '\r' && text[i + 1] === '\n' ? i + 2 : i + 1;
      return { fields, end };
    } else field += ch;
    i++;
  }
  fields.push(field);
  return { fields, end: -1 };
}

function countOutsideQuotes(line: string, ch: string): number {
  let n = 0;
  let q = false;
  for (const c of line) {
    if (c === '"') q = !q;
    else if (!q && c === ch) n++;
  }
  return n;
}

/** Detects the delimiter from the header line: the candidate that splits it into the most fields. */
export function detectDelimiter(firstLine: string): string {
  let best = ',';
  let bestCount = 0;
  for (const d of CANDIDATES) {
    const n = countOutsideQuotes(firstLine, d);
    if (n > bestCount) {
      best = d;
      bestCount = n;
    }
  }
  return best;
}

export function readCsvLayout(path: string, delimiter?: string): CsvLayout {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const buf = Buffer.alloc(Math.min(size, 1 << 20));
    const n = readSync(fd, buf, 0, buf.length, 0);
    const hasBom = n >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf;
    const text = buf.subarray(hasBom ? 3 : 0, n).toString('utf8');
    const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
    const delim = delimiter ?? detectDelimiter(firstLine);
    const { fields, end } = parseFirstRecord(text, delim);
    const headerBytes = end === -1 ? n : Buffer.byteLength(text.slice(0, end), 'utf8') + (hasBom ? 3 : 0);
    return { header: fields.map((f) => f.trim()), delimiter: delim, hasBom, dataOffset: headerBytes, fileSize: size };
  } finally {
    closeSync(fd);
  }
}
