// A table of a report page: a caption, columns sortable by a click on their heading (empty
// values last either way), numbers right-aligned, the first column as the row's header, and
// an optional totals row that stays at the bottom.
import { useMemo, useState, type ReactNode } from 'react';
import { useI18n } from '../i18n';

export interface Column<R> {
  id: string;
  label: string;
  /** A number column: right-aligned. */
  num?: boolean;
  /** The value to sort by; without it the column does not sort. */
  sort?: (row: R) => number | string | null | undefined;
  cell: (row: R) => ReactNode;
}

export function ReportTable<R>({ caption, columns, rows, rowKey, foot, initialSort, className }: { caption: string; columns: Column<R>[]; rows: readonly R[]; rowKey: (row: R) => string; foot?: ReactNode[]; initialSort?: { id: string; dir: 1 | -1 }; className?: string }) {
  const { t } = useI18n();
  const [sort, setSort] = useState<{ id: string; dir: 1 | -1 } | null>(initialSort ?? null);
  const sorted = useMemo(() => {
    const col = sort && columns.find((c) => c.id === sort.id);
    if (!sort || !col?.sort) return rows;
    const key = col.sort;
    return [...rows].sort((a, b) => {
      const x = key(a);
      const y = key(b);
      if (x === y) return 0;
      if (x === null || x === undefined) return 1;
      if (y === null || y === undefined) return -1;
      return sort.dir * (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y)));
    });
  }, [rows, columns, sort]);
  return (
    <div className={`table-scroll rpt-table-wrap${className ? ` ${className}` : ''}`}>
      <table className="data rpt-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => {
              const on = sort?.id === c.id;
              return (
                <th key={c.id} scope="col" className={c.num ? 'num' : undefined} aria-sort={c.sort ? (on ? (sort!.dir === 1 ? 'ascending' : 'descending') : 'none') : undefined}>
                  {c.sort ? (
                    <button type="button" onClick={() => setSort({ id: c.id, dir: on && sort!.dir === 1 ? -1 : on ? 1 : c.num ? -1 : 1 })} aria-label={t('sort_by', { column: c.label })}>
                      {c.label}
                      <span aria-hidden="true" className="rpt-sort">
                        {on ? (sort!.dir === 1 ? '▲' : '▼') : '↕'}
                      </span>
                    </button>
                  ) : (
                    c.label
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {sorted.map((r) => (
            <tr key={rowKey(r)}>
              {columns.map((c, i) =>
                i === 0 ? (
                  <th key={c.id} scope="row" className={c.num ? 'num' : undefined}>
                    {c.cell(r)}
                  </th>
                ) : (
                  <td key={c.id} className={c.num ? 'num' : undefined}>
                    {c.cell(r)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
        {foot && (
          <tfoot>
            <tr>
              {foot.map((cell, i) =>
                i === 0 ? (
                  <th key={i} scope="row">
                    {cell}
                  </th>
                ) : (
                  <td key={i} className={columns[i]?.num ? 'num' : undefined}>
                    {cell}
                  </td>
                ),
              )}
            </tr>
          </tfoot>
        )}
      </table>
    </div>
  );
}
