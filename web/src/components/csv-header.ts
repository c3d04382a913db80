// The first lines of a CSV or TSV file, read in the browser without reading the whole file:
// the header's column names, the first record's values (as examples), and where the header
// ends — so a column mapping can rename the header and send the rest of the file unchanged.

export const DELIMITERS = [',', ';', '\t', '|'] as const;

export interface CsvHead {
  delimiter: string;
  columns: string[];
  /** The first data record's values, by column (empty when the file has no rows). */
  example: string[];
  /** Byte offset where the header line (with its line break and any BOM) ends. */
  headerEnd: number;
  /** The header's line break ("\r\n" or "\n"; "" when the file is one line). */
  newline: string;
}

/** Splits CSV text into records (RFC 4180 quoting), at most `max` of them. */
export function parseRecords(text: string, delimiter: string, max: number): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  let i = 0;
  while (i < text.length && records.length < max) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (c === '"') quoted = false;
      else field += c;
      i++;
      continue;
    }
    if (c === '"' && field === '') quoted = true;
    else if (c === delimiter) {
      record.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      if (c === '\r' && text[i + 1] === '\n') i++;
    } else field += c;
    i++;
  }
  if (records.length < max && (field !== '' || record.length > 0)) {
    record.push(field);
    records.push(record);
  }
  return records;
}

/** The delimiter the header line uses most outside quotes (a comma when it has none). */
export function detectDelimiter(line: string): string {
  let best: string = ',';
  let most = 0;
  for (const d of DELIMITERS) {
    let n = 0;
    let quoted = false;
    for (const c of line) {
      if (c === '"') quoted = !quoted;
      else if (c === d && !quoted) n++;
    }
    if (n > most) {
      most = n;
      best = d;
    }
  }
  return best;
}

/** Byte offset just after the first line break outside quotes, and the break itself. */
function headerEndOf(bytes: Uint8Array, start: number): { end: number; newline: string } {
  let quoted = false;
  for (let i = start; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === 0x22) quoted = !quoted;
    else if (!quoted && b === 0x0a) return { end: i + 1, newline: i > start && bytes[i - 1] === 0x0d ? '\r\n' : '\n' };
    else if (!quoted && b === 0x0d && bytes[i + 1] !== 0x0a) return { end: i + 1, newline: '\r' };
  }
  return { end: bytes.length, newline: '' };
}

const HEAD_BYTES = 256 * 1024;

/** Reads the header (and first record) of a CSV/TSV file. */
export async function readCsvHead(file: Blob, delimiter?: string): Promise<CsvHead> {
  const bytes = new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer());
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const { end, newline } = headerEndOf(bytes, bom);
  const text = new TextDecoder('utf-8').decode(bytes.subarray(bom));
  const headerText = new TextDecoder('utf-8').decode(bytes.subarray(bom, end)).replace(/\r?\n$|\r$/, '');
  const d = delimiter ?? detectDelimiter(headerText);
  const [columns = [], example = []] = parseRecords(text, d, 2);
  return { delimiter: d, columns, example, headerEnd: end, newline };
}

function quote(name: string, delimiter: string): string {
  return /["\r\n]/.test(name) || name.includes(delimiter) || name !== name.trim() ? `"${name.replace(/"/g, '""')}"` : name;
}

/** The file with its header line replaced by `columns` (the rest of the file untouched). */
export function withHeader(file: Blob, head: CsvHead, columns: readonly string[]): Blob {
  const line = columns.map((c) => quote(c, head.delimiter)).join(head.delimiter) + (head.newline || '\n');
  return new Blob([line, file.slice(head.headerEnd)], { type: file.type || 'text/csv' });
}
