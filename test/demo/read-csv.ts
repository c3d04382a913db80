// Reads a CSV written by the demo generator back into rows (RFC 4180: quoted fields, doubled quotes).
import { readFileSync } from 'node:fs';

export interface Table {
  header: string[];
  rows: Record<string, string>[];
}

export function parseCsv(text: string): string[][] {
  const out: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else field += c;
      i++;
      continue;
    }
    if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      row.push(field);
      out.push(row);
      row = [];
      field = '';
    } else field += c;
    i++;
  }
  if (field.length > 0 || row.length > 0) {
    row.push(field);
    out.push(row);
  }
  return out;
}

export function readTable(path: string): Table {
  const [header, ...lines] = parseCsv(readFileSync(path, 'utf8'));
  const rows = lines.map((cells) => {
    if (cells.length !== header.length) throw new Error(`${path}: row has ${cells.length} cells, header has ${header.length}: ${cells.join(',')}`);
    const r: Record<string, string> = {};
    header.forEach((h, k) => (r[h] = cells[k]));
    return r;
  });
  return { header, rows };
}
