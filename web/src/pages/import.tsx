// Import (admins): an entity file (CSV, TSV, JSON Lines, Parquet) with its options, a column
// mapping read from the file's first line in the browser, and the server's answer — what was
// written, or every problem with its line and nothing written. POST /api/import takes no
// mapping, so the mapping is applied here: the header line is rewritten to the field names and
// the rest of the file is sent as it is (line numbers stay the same).
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { api, ApiError, queryString } from '../api';
import { readCsvHead, withHeader, type CsvHead } from '../components/csv-header';
import { autoMapping, ENTITIES, ENTITY_FIELDS, mappedHeader } from '../components/entity-fields';
import { errorText } from '../components/status';
import { useI18n, usePageT, type MessageKey } from '../i18n';
import { importMessages } from './import.i18n';

type Format = 'csv' | 'tsv' | 'jsonl' | 'parquet';
const FORMATS: Format[] = ['csv', 'tsv', 'jsonl', 'parquet'];
const FORMAT_OF_EXT: Record<string, Format> = { csv: 'csv', txt: 'csv', tsv: 'tsv', tab: 'tsv', jsonl: 'jsonl', ndjson: 'jsonl', json: 'jsonl', parquet: 'parquet' };
const DELIMITER_CHOICES = [
  ['', 'delimiter_auto'],
  [',', 'delimiter_comma'],
  [';', 'delimiter_semicolon'],
  ['\t', 'delimiter_tab'],
  ['|', 'delimiter_pipe'],
] as const;
const SAVED_KEY = 'quotient.import.mappings';

export interface ImportProblem {
  code: string;
  file: string;
  line: number | null;
  column: string | null;
  value: string | null;
  expected: string;
  severity: 'error' | 'warning';
}

interface ImportSummary {
  ok: boolean;
  written: boolean;
  entities: { entity: string; file: string; rows: number; inserted: number; updated: number; unchanged: number; rejected: number }[];
  problems: ImportProblem[];
  errorCount: number;
  warningCount: number;
  seconds: number;
}

type Outcome = { kind: 'done'; summary: ImportSummary } | { kind: 'invalid'; file: string; problems: ImportProblem[]; errorCount: number } | { kind: 'error'; error: ApiError };

/** Field → source column name, per entity and saved name. */
type Saved = Record<string, Record<string, Record<string, string>>>;

function loadSaved(): Saved {
  try {
    const v = JSON.parse(localStorage.getItem(SAVED_KEY) ?? '{}') as unknown;
    return v && typeof v === 'object' ? (v as Saved) : {};
  } catch {
    return {};
  }
}

function formatOf(name: string): Format | undefined {
  const m = /\.([a-z0-9]+)$/i.exec(name);
  return m ? FORMAT_OF_EXT[m[1].toLowerCase()] : undefined;
}

export function ImportPage() {
  const { t, locale } = useI18n();
  const pt = usePageT(importMessages);
  const [entity, setEntity] = useState('opportunities');
  const [file, setFile] = useState<File | null>(null);
  const [formatChoice, setFormatChoice] = useState<'' | Format>('');
  const [delimiter, setDelimiter] = useState('');
  const [decimalComma, setDecimalComma] = useState(false);
  const [head, setHead] = useState<CsvHead | null>(null);
  const [headError, setHeadError] = useState<string | null>(null);
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState<Saved>(loadSaved);
  const [savedName, setSavedName] = useState('');
  const [chosenSaved, setChosenSaved] = useState('');
  const [savedNote, setSavedNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);

  const fields = ENTITY_FIELDS[entity] ?? [];
  const format: Format = formatChoice || (file ? (formatOf(file.name) ?? 'csv') : 'csv');
  const text = format === 'csv' || format === 'tsv';
  const entityName = (e: string) => {
    const s = t(`entity_${e}` as MessageKey);
    return s.charAt(0).toLocaleUpperCase(locale) + s.slice(1);
  };

  useEffect(() => {
    setHead(null);
    setHeadError(null);
    if (!file || !text) return;
    let live = true;
    readCsvHead(file, delimiter || (format === 'tsv' ? '\t' : undefined)).then(
      (h) => live && setHead(h),
      (e: unknown) => live && setHeadError(String(e)),
    );
    return () => {
      live = false;
    };
  }, [file, text, format, delimiter]);

  useEffect(() => {
    setMapping(head ? autoMapping(fields, head.columns) : {});
    setChosenSaved('');
  }, [head, entity]);

  useEffect(() => {
    if (outcome) resultRef.current?.focus();
  }, [outcome]);

  const columns = head?.columns ?? [];
  const header = useMemo(() => (head ? mappedHeader(fields, columns, mapping) : []), [head, fields, mapping]);
  const renamed = columns.map((c, i) => [c, header[i]] as const).filter(([a, b]) => a !== b);
  const used = Object.values(mapping).filter((v) => v !== '');
  const duplicates = [...new Set(used.filter((v, i) => used.indexOf(v) !== i))].map((i) => columns[Number(i)]);
  const missing = fields.filter((f) => f.required && !mapping[f.name]).map((f) => f.name);
  const unmapped = columns.filter((_, i) => !used.includes(String(i)));
  const savedHere = saved[entity] ?? {};

  const applySaved = (name: string) => {
    setChosenSaved(name);
    const s = savedHere[name];
    if (!s || !head) return;
    const next: Record<string, string> = {};
    for (const f of fields) {
      const i = s[f.name] ? head.columns.indexOf(s[f.name]) : -1;
      next[f.name] = i >= 0 ? String(i) : '';
    }
    setMapping(next);
  };
  const store = (next: Saved) => {
    setSaved(next);
    localStorage.setItem(SAVED_KEY, JSON.stringify(next));
  };
  const saveMapping = () => {
    const name = savedName.trim();
    if (!name || !head) return;
    const m: Record<string, string> = {};
    for (const f of fields) if (mapping[f.name]) m[f.name] = head.columns[Number(mapping[f.name])];
    store({ ...saved, [entity]: { ...savedHere, [name]: m } });
    setChosenSaved(name);
    setSavedName('');
    setSavedNote(pt('saved_done', { name }));
  };
  const deleteSaved = () => {
    if (!chosenSaved) return;
    const rest = { ...savedHere };
    delete rest[chosenSaved];
    store({ ...saved, [entity]: rest });
    setChosenSaved('');
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    setBusy(true);
    setOutcome(null);
    try {
      const rewrite = text && head !== null && renamed.length > 0;
      const body = rewrite ? withHeader(file, head, header) : file;
      const form = new FormData();
      form.append('file', body, file.name);
      const sendDelimiter = delimiter || (rewrite && format === 'csv' ? head.delimiter : undefined);
      const query = queryString({ format, delimiter: text ? sendDelimiter : undefined, decimal_comma: decimalComma ? 'true' : undefined });
      const summary = await api.post<ImportSummary>(`/api/import/${encodeURIComponent(entity)}${query}`, form);
      setOutcome({ kind: 'done', summary });
    } catch (err) {
      const ae = err instanceof ApiError ? err : new ApiError(0, 'client', String(err));
      if (ae.code === 'invalid_data' && Array.isArray(ae.details.problems)) {
        setOutcome({ kind: 'invalid', file: file.name, problems: ae.details.problems as ImportProblem[], errorCount: Number(ae.details.errorCount ?? 0) });
      } else setOutcome({ kind: 'error', error: ae });
    } finally {
      setBusy(false);
    }
  };

  const num = new Intl.NumberFormat(locale);
  const problemRows = (problems: ImportProblem[]) =>
    problems.map((p, i) => (
      <tr key={i} className={p.severity === 'warning' ? 'import-warning' : undefined}>
        <td className="num" data-label={pt('col_line')}>
          {p.line ?? pt('whole_file')}
        </td>
        <td data-label={pt('col_column')}>{p.column ?? ''}</td>
        <td className="import-value" data-label={pt('col_value')}>
          {p.value ?? ''}
        </td>
        <td className="import-expected">
          {p.severity === 'warning' && <span className="import-tag">{pt('warning')}</span>} {p.expected}
        </td>
      </tr>
    ));
  const problemTable = (problems: ImportProblem[], file: string) => (
    <div className="table-scroll">
      <table className="data import-problems">
        <caption className="visually-hidden">{pt('problems_caption', { file })}</caption>
        <thead>
          <tr>
            <th scope="col" className="num">
              {pt('col_line')}
            </th>
            <th scope="col">{pt('col_column')}</th>
            <th scope="col">{pt('col_value')}</th>
            <th scope="col">{pt('col_expected')}</th>
          </tr>
        </thead>
        <tbody>{problemRows(problems)}</tbody>
      </table>
    </div>
  );

  return (
    <section aria-labelledby="page-title" className="import-page">
      <h1 id="page-title">{pt('title')}</h1>
      <p className="subtitle">{pt('intro')}</p>
      <form onSubmit={submit} className="import-form">
        <fieldset className="import-step">
          <legend>{pt('step_file')}</legend>
          <div className="import-row">
            <label htmlFor="import-entity">
              {pt('entity')}
              <select
                id="import-entity"
                value={entity}
                onChange={(e) => {
                  setEntity(e.target.value);
                  setOutcome(null);
                }}
              >
                {ENTITIES.map((e) => (
                  <option key={e} value={e}>
                    {entityName(e)}
                  </option>
                ))}
              </select>
            </label>
            <label htmlFor="import-file" className="import-file">
              {pt('file')}
              <input
                id="import-file"
                type="file"
                accept=".csv,.tsv,.tab,.txt,.jsonl,.ndjson,.json,.parquet"
                onChange={(e) => {
                  setFile(e.target.files?.[0] ?? null);
                  setOutcome(null);
                }}
              />
            </label>
          </div>
          <div className="import-row">
            <label htmlFor="import-format">
              {pt('format')}
              <select id="import-format" value={formatChoice} onChange={(e) => setFormatChoice(e.target.value as '' | Format)}>
                <option value="">
                  {pt('format_auto')}
                  {file ? ` (${pt(`format_${format}`)})` : ''}
                </option>
                {FORMATS.map((f) => (
                  <option key={f} value={f}>
                    {pt(`format_${f}`)}
                  </option>
                ))}
              </select>
            </label>
            {text && (
              <label htmlFor="import-delimiter">
                {pt('delimiter')}
                <select id="import-delimiter" value={delimiter} onChange={(e) => setDelimiter(e.target.value)}>
                  {DELIMITER_CHOICES.map(([v, k]) => (
                    <option key={k} value={v}>
                      {pt(k)}
                    </option>
                  ))}
                </select>
              </label>
            )}
            {format !== 'parquet' && (
              <label htmlFor="import-decimal-comma" className="import-check">
                <input id="import-decimal-comma" type="checkbox" checked={decimalComma} onChange={(e) => setDecimalComma(e.target.checked)} />
                {pt('decimal_comma')}
              </label>
            )}
          </div>
        </fieldset>

        <fieldset className="import-step">
          <legend>{pt('step_mapping')}</legend>
          {!file ? (
            <p className="note">{pt('mapping_no_file')}</p>
          ) : !text ? (
            <p className="note">{pt('mapping_not_csv')}</p>
          ) : headError ? (
            <p className="error-text">{pt('header_error', { message: headError })}</p>
          ) : head ? (
            <>
              <p className="note">{pt('mapping_intro')}</p>
              <div className="import-row import-saved">
                <label htmlFor="import-saved">
                  {pt('saved_mapping')}
                  <select id="import-saved" value={chosenSaved} onChange={(e) => applySaved(e.target.value)}>
                    <option value="">{pt('saved_none')}</option>
                    {Object.keys(savedHere).map((n) => (
                      <option key={n} value={n}>
                        {n}
                      </option>
                    ))}
                  </select>
                </label>
                {chosenSaved && (
                  <button type="button" onClick={deleteSaved}>
                    {pt('delete_mapping')}
                  </button>
                )}
                <label htmlFor="import-save-name">
                  {pt('save_as')}
                  <input id="import-save-name" value={savedName} onChange={(e) => setSavedName(e.target.value)} maxLength={80} />
                </label>
                <button type="button" onClick={saveMapping} disabled={!savedName.trim()}>
                  {pt('save')}
                </button>
                {savedNote && (
                  <span className="note" role="status">
                    {savedNote}
                  </span>
                )}
              </div>
              <div className="table-scroll">
                <table className="data import-mapping">
                  <thead>
                    <tr>
                      <th scope="col">{pt('col_field')}</th>
                      <th scope="col">{pt('col_source')}</th>
                      <th scope="col">{pt('col_example')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {fields.map((f) => {
                      const idx = mapping[f.name] ?? '';
                      const dup = idx !== '' && duplicates.includes(columns[Number(idx)]);
                      return (
                        <tr key={f.name} data-field={f.name}>
                          <th scope="row">
                            <code>{f.name}</code> <span className="import-kind">{pt(`kind_${f.kind}`)}</span>
                            {f.required && <span className={`import-required${idx === '' ? ' missing' : ''}`}>{pt('required')}</span>}
                          </th>
                          <td>
                            <select id={`map-${f.name}`} aria-label={`${pt('col_source')}: ${f.name}`} aria-invalid={dup || (f.required && idx === '') ? true : undefined} value={idx} onChange={(e) => setMapping({ ...mapping, [f.name]: e.target.value })}>
                              <option value="">{pt('not_in_file')}</option>
                              {columns.map((c, i) => (
                                <option key={i} value={String(i)}>
                                  {c || `#${i + 1}`}
                                </option>
                              ))}
                            </select>
                          </td>
                          <td className="import-value">{idx !== '' ? (head.example[Number(idx)] ?? '') : ''}</td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
              <div className="import-mapping-notes">
                {duplicates.map((c) => (
                  <p key={c} className="error-text">
                    {pt('duplicate_source', { column: c })}
                  </p>
                ))}
                {missing.length > 0 && <p className="error-text">{pt('missing_required', { fields: missing.join(', ') })}</p>}
                {unmapped.length > 0 && <p className="note">{pt('unmapped_columns', { columns: unmapped.join(', ') })}</p>}
                <p className="note">{renamed.length > 0 ? pt('renamed', { list: renamed.map(([a, b]) => `${a} → ${b}`).join(', ') }) : pt('unchanged_header')}</p>
              </div>
            </>
          ) : null}
        </fieldset>

        <fieldset className="import-step">
          <legend>{pt('step_import')}</legend>
          <p className="note">{pt('import_note')}</p>
          <button type="submit" className="primary" disabled={!file || busy || duplicates.length > 0}>
            {busy ? pt('importing') : pt('import_button')}
          </button>
          {!file && <span className="note import-hint">{pt('choose_file_first')}</span>}
          {busy && (
            <p className="loading-import note" role="status">
              {pt('importing')}
            </p>
          )}
        </fieldset>
      </form>

      <div ref={resultRef} tabIndex={-1} className="import-result" aria-live="polite">
        {outcome?.kind === 'done' && (
          <div className="import-done" role="status">
            <h2>{pt('done_title')}</h2>
            {outcome.summary.entities.map((e) => (
              <p key={e.entity}>{pt('done_summary', { file: e.file, rows: num.format(e.rows), inserted: num.format(e.inserted), updated: num.format(e.updated), unchanged: num.format(e.unchanged) })}</p>
            ))}
            <div className="table-scroll">
              <table className="data import-summary">
                <thead>
                  <tr>
                    <th scope="col">{pt('col_entity')}</th>
                    <th scope="col" className="num">
                      {pt('col_rows')}
                    </th>
                    <th scope="col" className="num">
                      {pt('col_inserted')}
                    </th>
                    <th scope="col" className="num">
                      {pt('col_updated')}
                    </th>
                    <th scope="col" className="num">
                      {pt('col_unchanged')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {outcome.summary.entities.map((e) => (
                    <tr key={e.entity} data-entity={e.entity}>
                      <th scope="row">{entityName(e.entity)}</th>
                      <td className="num">{num.format(e.rows)}</td>
                      <td className="num">{num.format(e.inserted)}</td>
                      <td className="num">{num.format(e.updated)}</td>
                      <td className="num">{num.format(e.unchanged)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {outcome.summary.problems.length > 0 && (
              <>
                <h3>{pt('warnings')}</h3>
                {problemTable(outcome.summary.problems, outcome.summary.entities[0]?.file ?? '')}
              </>
            )}
          </div>
        )}
        {outcome?.kind === 'invalid' && (
          <div className="import-failed" role="alert">
            <h2>{pt('failed_title')}</h2>
            <p>{pt('failed_summary', { file: outcome.file, count: num.format(outcome.errorCount) })}</p>
            {outcome.errorCount > outcome.problems.filter((p) => p.severity === 'error').length && <p className="note">{pt('shown_of', { shown: num.format(outcome.problems.filter((p) => p.severity === 'error').length), count: num.format(outcome.errorCount) })}</p>}
            {problemTable(outcome.problems, outcome.file)}
          </div>
        )}
        {outcome?.kind === 'error' && (
          <div className="import-failed" role="alert">
            <h2>{pt('failed_title')}</h2>
            <p>{outcome.error.status >= 400 && outcome.error.status < 500 && outcome.error.status !== 401 && outcome.error.status !== 403 ? pt('failed_other', { message: outcome.error.message }) : errorText(outcome.error, t)}</p>
          </div>
        )}
      </div>
    </section>
  );
}
