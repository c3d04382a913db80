// The records behind a number: every set the KPI reads (numerator and denominator flagged),
// sortable by any column, 25 rows a page, and the whole set as a CSV file.
import { useEffect, useMemo, useRef, useState } from 'react';
import { api } from '../api';
import { useI18n } from '../i18n';
import type { RecordSet, RecordsResult } from '../types';
import { useApi } from '../use-api';
import { ErrorView, Loading } from './status';

const PAGE = 25;
type Cell = string | number | boolean | null;

function csvOf(set: RecordSet): string {
  const esc = (v: Cell) => {
    const s = v === null ? '' : String(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [set.columns.map(esc).join(','), ...set.rows.map((r) => set.columns.map((c) => esc(r[c])).join(','))].join('\r\n') + '\r\n';
}

function compare(a: Cell, b: Cell): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b));
}

function SetTable({ set, name }: { set: RecordSet; name: string }) {
  const { t, locale } = useI18n();
  const [sort, setSort] = useState<{ col: string; dir: 1 | -1 } | null>(null);
  const [page, setPage] = useState(0);
  const rows = useMemo(() => (sort ? [...set.rows].sort((a, b) => sort.dir * compare(a[sort.col], b[sort.col])) : set.rows), [set, sort]);
  const pages = Math.max(1, Math.ceil(rows.length / PAGE));
  const shown = rows.slice(page * PAGE, (page + 1) * PAGE);
  const num = new Intl.NumberFormat(locale, { maximumFractionDigits: 4 });
  const show = (c: string, v: Cell) => {
    if (v === null) return '';
    if (typeof v === 'boolean') return v ? t('yes') : t('no');
    if (typeof v === 'number' && !c.endsWith('_id')) return num.format(v);
    return String(v);
  };
  const download = () => {
    const url = URL.createObjectURL(new Blob([csvOf(set)], { type: 'text/csv' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `${name}-${set.fact}.csv`;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  return (
    <section className="record-set">
      <div className="record-set-head">
        <h3>{set.doc}</h3>
        <span>{t('records_rows', { count: num.format(set.rows.length) })}</span>
        <button type="button" onClick={download}>
          {t('export_csv')}
        </button>
      </div>
      {set.rows.length === 0 ? (
        <p>{t('records_empty')}</p>
      ) : (
        <>
          <div className="table-scroll">
            <table className="records">
              <thead>
                <tr>
                  {set.columns.map((c) => (
                    <th key={c} scope="col" aria-sort={sort?.col === c ? (sort.dir === 1 ? 'ascending' : 'descending') : 'none'}>
                      <button type="button" onClick={() => setSort({ col: c, dir: sort?.col === c && sort.dir === 1 ? -1 : 1 })} aria-label={t('sort_by', { column: c })}>
                        {c}
                        {sort?.col === c ? (sort.dir === 1 ? ' ▲' : ' ▼') : ''}
                      </button>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {shown.map((r, i) => (
                  <tr key={page * PAGE + i}>
                    {set.columns.map((c) => (
                      <td key={c} className={typeof r[c] === 'number' ? 'num' : undefined}>
                        {show(c, r[c])}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {pages > 1 && (
            <div className="pager">
              <button type="button" onClick={() => setPage((p) => p - 1)} disabled={page === 0}>
                {t('previous_page')}
              </button>
              <span>{t('page_of', { page: page + 1, pages })}</span>
              <button type="button" onClick={() => setPage((p) => p + 1)} disabled={page >= pages - 1}>
                {t('next_page')}
              </button>
            </div>
          )}
        </>
      )}
    </section>
  );
}

export function RecordsDialog({ kpi, title, params, onClose }: { kpi: string; title: string; params: Record<string, string | string[] | undefined>; onClose(): void }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const records = useApi(() => api.get<RecordsResult>('/api/records', { ...params, kpi, limit: 10000 }), [kpi, JSON.stringify(params)]);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    const close = () => onClose();
    d?.addEventListener('close', close);
    return () => d?.removeEventListener('close', close);
  }, [onClose]);
  return (
    <dialog ref={ref} className="records-dialog" aria-labelledby="records-title">
      <div className="dialog-head">
        <h2 id="records-title">{t('records_title', { kpi: title })}</h2>
        <button type="button" onClick={() => ref.current?.close()} autoFocus>
          {t('close')}
        </button>
      </div>
      {records.loading && <Loading />}
      {records.error && <ErrorView error={records.error} onRetry={records.reload} />}
      {records.data && (
        <>
          {records.data.truncated && <p className="note">{t('records_truncated', { count: 10000 })}</p>}
          {records.data.sets.map((s) => (
            <SetTable key={s.fact} set={s} name={kpi} />
          ))}
        </>
      )}
    </dialog>
  );
}
