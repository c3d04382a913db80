// Plain-text tables for the terminal (aligned columns, numbers right-aligned), CSV and Markdown.
export interface Table {
  headers: string[];
  rows: string[][];
  /** Columns to align right (numbers). */
  right?: ReadonlySet<number>;
}

function width(s: string): number {
  return [...s].length;
}

export function renderText(t: Table): string {
  const widths = t.headers.map((h, i) => Math.max(width(h), ...t.rows.map((r) => width(r[i] ?? ''))));
  const pad = (s: string, i: number) => (t.right?.has(i) ? ' '.repeat(widths[i] - width(s)) + s : s + ' '.repeat(widths[i] - width(s)));
  const line = (cells: string[]) => cells.map((c, i) => pad(c ?? '', i)).join('  ').trimEnd();
  return [line(t.headers), widths.map((w) => '─'.repeat(w)).join('  '), ...t.rows.map(line)].join('\n') + '\n';
}

function csvCell(s: string): string {
  return /[",\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
}

export function renderCsv(headers: string[], rows: unknown[][]): string {
  const cell = (v: unknown) => (v === null || v === undefined ? '' : csvCell(typeof v === 'object' ? JSON.stringify(v) : String(v)));
  return [headers.map(csvCell).join(','), ...rows.map((r) => r.map(cell).join(','))].join('\n') + '\n';
}

function mdCell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

export function renderMarkdown(t: Table): string {
  const align = t.headers.map((_, i) => (t.right?.has(i) ? '---:' : '---'));
  return [
    `| ${t.headers.map(mdCell).join(' | ')} |`,
    `| ${align.join(' | ')} |`,
    ...t.rows.map((r) => `| ${r.map(mdCell).join(' | ')} |`),
  ].join('\n') + '\n';
}
