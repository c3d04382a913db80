// Settings and users (admins): the organisation's settings as a form (the server validates, all
// or nothing, and its message is shown beside the field), the users — list, add, change role,
// remove — and the signed-in user's API tokens (a new token is shown once).
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { api, ApiError } from '../api';
import { errorText, ErrorView, Loading } from '../components/status';
import { useI18n, usePageT, type MessageKey } from '../i18n';
import { useSession } from '../session';
import { useApi } from '../use-api';
import { settingsMessages } from './settings.i18n';

const ROLES = ['admin', 'manager', 'rep', 'viewer'] as const;
const KNOWN = ['timezone', 'currency', 'fiscal_year_start_month', 'pipeline_stages', 'ramp_threshold', 'pacing_on_track', 'pacing_at_risk', 'reps_see_team', 'webhook_secret', 'alert_check_minutes'] as const;
/** Settings that are a share (1 for 100%). */
const SHARES = ['ramp_threshold', 'pacing_on_track', 'pacing_at_risk'];
type Known = (typeof KNOWN)[number];

interface UserRow {
  user_id: string;
  email: string;
  role: (typeof ROLES)[number];
  rep_id: string | null;
  team_id: string | null;
  created_at: string;
}

interface TokenRow {
  token_id: string;
  name: string;
  access: 'read' | 'read-write';
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

type PT = ReturnType<typeof usePageT<keyof (typeof settingsMessages)['en']>>;
type Said = { ok: boolean; text: string } | null;

function Message({ said }: { said: Said }) {
  if (!said) return null;
  return (
    <p className={said.ok ? 'settings-ok' : 'error-text'} role={said.ok ? 'status' : 'alert'}>
      {said.text}
    </p>
  );
}

const failure = (e: unknown): ApiError => (e instanceof ApiError ? e : new ApiError(0, 'client', String(e)));

export function SettingsPage() {
  const pt = usePageT(settingsMessages);
  return (
    <section aria-labelledby="page-title" className="settings-page">
      <h1 id="page-title">{pt('title')}</h1>
      <div className="settings-grid">
        <SettingsForm pt={pt} />
        <Tokens pt={pt} />
      </div>
      <Users pt={pt} />
    </section>
  );
}

function SettingsForm({ pt }: { pt: PT }) {
  const { locale, t } = useI18n();
  const loaded = useApi(() => api.get<Record<string, string>>('/api/settings'), []);
  const [values, setValues] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState<Record<string, string>>({});
  const [said, setSaid] = useState<Said>(null);
  const [badKey, setBadKey] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [currencyChanged, setCurrencyChanged] = useState(false);
  const savedRef = useRef<Record<string, string>>({});
  savedRef.current = saved;
  useEffect(() => {
    if (!loaded.data) return;
    const stored = loaded.data;
    const before = savedRef.current;
    // A reload (new data landed elsewhere) keeps what is being typed: a field that differs from
    // its last saved value stays as typed; the others show the stored value.
    setValues((typed) => {
      const next = { ...stored };
      for (const [k, x] of Object.entries(typed)) if (k in before && x !== before[k]) next[k] = x;
      return next;
    });
    setSaved(stored);
  }, [loaded.data]);
  const zones = useMemo(() => {
    try {
      return (Intl as unknown as { supportedValuesOf(k: string): string[] }).supportedValuesOf('timeZone');
    } catch {
      return [];
    }
  }, []);
  const months = useMemo(() => {
    const f = new Intl.DateTimeFormat(locale, { month: 'long', timeZone: 'UTC' });
    return Array.from({ length: 12 }, (_, i) => f.format(new Date(Date.UTC(2026, i, 1))));
  }, [locale]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const changed = Object.fromEntries(Object.entries(values).filter(([k, v]) => v !== saved[k]));
    setBadKey(null);
    if (Object.keys(changed).length === 0) {
      setSaid({ ok: true, text: pt('nothing_changed') });
      return;
    }
    setBusy(true);
    try {
      const after = await api.put<Record<string, string>>('/api/settings', changed);
      setValues(after);
      setSaved(after);
      if (after.currency !== saved.currency) setCurrencyChanged(true);
      setSaid({ ok: true, text: pt('saved') });
    } catch (err) {
      const ae = failure(err);
      const key = Object.keys(values).find((k) => ae.message.startsWith(`${k}:`));
      setBadKey(key ?? null);
      setSaid({ ok: false, text: ae.status === 400 ? pt('not_saved', { message: ae.message }) : errorText(ae, t) });
    } finally {
      setBusy(false);
    }
  };

  const keys = [...KNOWN.filter((k) => k in values), ...Object.keys(values).filter((k) => !(KNOWN as readonly string[]).includes(k))];
  const input = (k: string) => {
    const common = {
      id: `setting-${k}`,
      value: values[k] ?? '',
      'aria-describedby': `setting-${k}-help`,
      'aria-invalid': badKey === k ? true : undefined,
      onChange: (e: { target: { value: string } }) => setValues({ ...values, [k]: e.target.value }),
    };
    if (k === 'fiscal_year_start_month') {
      return (
        <select {...common}>
          {months.map((m, i) => (
            <option key={i} value={String(i + 1)}>
              {m}
            </option>
          ))}
        </select>
      );
    }
    if (k === 'timezone') return <input {...common} list="settings-zones" autoComplete="off" spellCheck={false} />;
    if (k === 'currency') return <input {...common} maxLength={3} className="settings-short" autoComplete="off" spellCheck={false} />;
    if (SHARES.includes(k)) return <input {...common} inputMode="decimal" className="settings-short" />;
    return <input {...common} />;
  };
  return (
    <section className="settings-card" aria-labelledby="settings-title">
      <h2 id="settings-title">{pt('settings_title')}</h2>
      <p className="note">{pt('settings_intro')}</p>
      {loaded.loading && <Loading />}
      {loaded.error && <ErrorView error={loaded.error} onRetry={loaded.reload} />}
      {loaded.data && (
        <form onSubmit={submit} className="settings-form" noValidate>
          {keys.map((k) => (
            <div key={k} className="settings-field" data-setting={k}>
              <label htmlFor={`setting-${k}`}>{(KNOWN as readonly string[]).includes(k) ? pt(`s_${k as Known}`) : k}</label>
              {input(k)}
              <span id={`setting-${k}-help`} className="note">
                {(KNOWN as readonly string[]).includes(k) ? pt(`s_${k as Known}_help`) : ''}
              </span>
            </div>
          ))}
          <datalist id="settings-zones">
            {zones.map((z) => (
              <option key={z} value={z} />
            ))}
          </datalist>
          <div className="settings-actions">
            <button type="submit" className="primary" disabled={busy}>
              {pt('save_settings')}
            </button>
          </div>
          <Message said={said} />
          {currencyChanged && (
            <p className="note">
              {pt('reload_note')}{' '}
              <button type="button" className="link" onClick={() => window.location.reload()}>
                {pt('reload')}
              </button>
            </p>
          )}
        </form>
      )}
    </section>
  );
}

function Users({ pt }: { pt: PT }) {
  const { t, locale } = useI18n();
  const { me, dims, nameOf } = useSession();
  const users = useApi(() => api.get<UserRow[]>('/api/users'), []);
  const [said, setSaid] = useState<Said>(null);
  const [confirm, setConfirm] = useState<string | null>(null);
  const [form, setForm] = useState({ email: '', role: 'rep' as UserRow['role'], rep_id: '', team_id: '', password: '' });
  const [addSaid, setAddSaid] = useState<Said>(null);
  const [busy, setBusy] = useState(false);
  const date = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric' });
  const roleName = (r: string) => t(`role_${r}` as MessageKey);
  const fail = (e: unknown) => {
    const ae = failure(e);
    return { ok: false, text: ae.status === 400 || ae.status === 404 || ae.status === 409 ? pt('failed', { message: ae.message }) : errorText(ae, t) };
  };

  const changeRole = async (u: UserRow, role: UserRow['role']) => {
    try {
      await api.patch(`/api/users/${encodeURIComponent(u.user_id)}`, { role });
      setSaid({ ok: true, text: pt('role_changed', { email: u.email, role: roleName(role) }) });
    } catch (e) {
      setSaid(fail(e));
    }
    users.reload();
  };
  const remove = async (u: UserRow) => {
    setConfirm(null);
    try {
      await api.del(`/api/users/${encodeURIComponent(u.user_id)}`);
      setSaid({ ok: true, text: pt('removed', { email: u.email }) });
    } catch (e) {
      setSaid(fail(e));
    }
    users.reload();
  };
  const add = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      const u = await api.post<UserRow>('/api/users', { email: form.email, role: form.role, password: form.password, rep_id: form.rep_id || null, team_id: form.team_id || null });
      setAddSaid({ ok: true, text: pt('added', { email: u.email }) });
      setForm({ email: '', role: 'rep', rep_id: '', team_id: '', password: '' });
      users.reload();
    } catch (err) {
      setAddSaid(fail(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="settings-card settings-users" aria-labelledby="users-title">
      <h2 id="users-title">{pt('users_title')}</h2>
      <Message said={said} />
      {users.loading && !users.data && <Loading />}
      {users.error && <ErrorView error={users.error} onRetry={users.reload} />}
      {users.data && (
        <div className="table-scroll">
          <table className="data settings-users-table">
            <thead>
              <tr>
                <th scope="col">{pt('col_email')}</th>
                <th scope="col">{pt('col_role')}</th>
                <th scope="col">{pt('col_rep')}</th>
                <th scope="col">{pt('col_team')}</th>
                <th scope="col">{pt('col_created')}</th>
                <th scope="col">{pt('col_actions')}</th>
              </tr>
            </thead>
            <tbody>
              {users.data.map((u) => {
                const self = u.user_id === me.user.user_id;
                return (
                  <tr key={u.user_id} data-user={u.email}>
                    <th scope="row">
                      {u.email} {self && <span className="note">{pt('you')}</span>}
                    </th>
                    <td data-label={pt('col_role')}>
                      <select aria-label={pt('role_of', { email: u.email })} value={u.role} disabled={self} onChange={(e) => void changeRole(u, e.target.value as UserRow['role'])}>
                        {ROLES.map((r) => (
                          <option key={r} value={r}>
                            {roleName(r)}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td data-label={pt('col_rep')}>{u.rep_id ? `${nameOf('rep', u.rep_id)}${nameOf('rep', u.rep_id) !== u.rep_id ? ` (${u.rep_id})` : ''}` : '–'}</td>
                    <td data-label={pt('col_team')}>{u.team_id ? nameOf('team', u.team_id) : '–'}</td>
                    <td data-label={pt('col_created')}>{date.format(new Date(u.created_at))}</td>
                    <td className="settings-actions-cell">
                      {confirm === u.user_id ? (
                        <span className="settings-confirm" role="group" aria-label={pt('remove_confirm', { email: u.email })}>
                          <span>{pt('remove_confirm', { email: u.email })}</span>
                          <button type="button" className="danger" onClick={() => void remove(u)}>
                            {pt('confirm_remove')}
                          </button>
                          <button type="button" onClick={() => setConfirm(null)}>
                            {pt('cancel')}
                          </button>
                        </span>
                      ) : (
                        !self && (
                          <button type="button" onClick={() => setConfirm(u.user_id)} aria-label={pt('remove_label', { email: u.email })}>
                            {pt('remove')}
                          </button>
                        )
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <form className="settings-add" onSubmit={add}>
        <h3>{pt('add_user')}</h3>
        <div className="settings-add-fields">
          <label htmlFor="new-email">
            {pt('new_email')}
            <input id="new-email" type="email" autoComplete="off" required value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} />
          </label>
          <label htmlFor="new-role">
            {pt('new_role')}
            <select id="new-role" value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as UserRow['role'] })}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {roleName(r)}
                </option>
              ))}
            </select>
          </label>
          <label htmlFor="new-rep">
            {pt('new_rep')}
            <select id="new-rep" value={form.rep_id} onChange={(e) => setForm({ ...form, rep_id: e.target.value })} aria-describedby="new-rep-hint">
              <option value="">{pt('none')}</option>
              {dims.reps.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name} ({r.id})
                </option>
              ))}
            </select>
          </label>
          <label htmlFor="new-team">
            {pt('new_team')}
            <select id="new-team" value={form.team_id} onChange={(e) => setForm({ ...form, team_id: e.target.value })}>
              <option value="">{pt('none')}</option>
              {dims.teams.map((x) => (
                <option key={x.id} value={x.id}>
                  {x.name}
                </option>
              ))}
            </select>
          </label>
          <label htmlFor="new-password">
            {pt('new_password')}
            <input id="new-password" type="password" autoComplete="new-password" required minLength={10} value={form.password} onChange={(e) => setForm({ ...form, password: e.target.value })} />
          </label>
        </div>
        <p id="new-rep-hint" className="note">
          {pt('rep_hint')}
        </p>
        <button type="submit" className="primary" disabled={busy}>
          {pt('add')}
        </button>
        <Message said={addSaid} />
      </form>
    </section>
  );
}

function Tokens({ pt }: { pt: PT }) {
  const { t, locale } = useI18n();
  const tokens = useApi(() => api.get<TokenRow[]>('/api/tokens'), []);
  const [name, setName] = useState('');
  const [access, setAccess] = useState<TokenRow['access']>('read');
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const [copied, setCopied] = useState(false);
  const [said, setSaid] = useState<Said>(null);
  const date = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric' });
  const accessName = (a: TokenRow['access']) => (a === 'read' ? pt('access_read') : pt('access_read_write'));
  const fail = (e: unknown) => {
    const ae = failure(e);
    return { ok: false, text: ae.status === 400 || ae.status === 404 ? pt('failed', { message: ae.message }) : errorText(ae, t) };
  };
  const create = async (e: FormEvent) => {
    e.preventDefault();
    setSaid(null);
    setCopied(false);
    try {
      const r = await api.post<TokenRow & { token: string }>('/api/tokens', { name: name.trim(), access });
      setCreated({ name: r.name, token: r.token });
      setName('');
      tokens.reload();
    } catch (err) {
      setSaid(fail(err));
    }
  };
  const revoke = async (tk: TokenRow) => {
    try {
      await api.del(`/api/tokens/${encodeURIComponent(tk.token_id)}`);
      setSaid({ ok: true, text: pt('token_revoked', { name: tk.name }) });
      if (created?.name === tk.name) setCreated(null);
    } catch (e) {
      setSaid(fail(e));
    }
    tokens.reload();
  };
  const copy = async () => {
    if (!created) return;
    try {
      await navigator.clipboard.writeText(created.token);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  const shown = (tokens.data ?? []).filter((x) => !x.revoked_at);
  return (
    <section className="settings-card" aria-labelledby="tokens-title">
      <h2 id="tokens-title">{pt('tokens_title')}</h2>
      <p className="note">{pt('tokens_intro')}</p>
      <form className="settings-token-form" onSubmit={create}>
        <label htmlFor="token-name">
          {pt('token_name')}
          <input id="token-name" required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label htmlFor="token-access">
          {pt('token_access')}
          <select id="token-access" value={access} onChange={(e) => setAccess(e.target.value as TokenRow['access'])}>
            <option value="read">{pt('access_read')}</option>
            <option value="read-write">{pt('access_read_write')}</option>
          </select>
        </label>
        <button type="submit" className="primary" disabled={!name.trim()}>
          {pt('create_token')}
        </button>
      </form>
      {created && (
        <div className="settings-new-token" role="status">
          <p>{pt('token_created', { name: created.name })}</p>
          <div className="settings-token-value">
            <label htmlFor="token-value" className="visually-hidden">
              {pt('token_value')}
            </label>
            <input id="token-value" readOnly value={created.token} onFocus={(e) => e.target.select()} spellCheck={false} />
            <button type="button" onClick={() => void copy()}>
              {pt('copy')}
            </button>
          </div>
          {copied && <p className="settings-ok">{pt('copied')}</p>}
        </div>
      )}
      <Message said={said} />
      {tokens.loading && !tokens.data && <Loading />}
      {tokens.error && <ErrorView error={tokens.error} onRetry={tokens.reload} />}
      {tokens.data &&
        (shown.length === 0 ? (
          <p className="note">{pt('no_tokens')}</p>
        ) : (
          <div className="table-scroll">
            <table className="data settings-tokens">
              <thead>
                <tr>
                  <th scope="col">{pt('col_name')}</th>
                  <th scope="col">{pt('col_access')}</th>
                  <th scope="col">{pt('col_last_used')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{pt('col_actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {shown.map((tk) => (
                  <tr key={tk.token_id} data-token={tk.name}>
                    <th scope="row">{tk.name}</th>
                    <td data-label={pt('col_access')}>{accessName(tk.access)}</td>
                    <td data-label={pt('col_last_used')}>{tk.last_used_at ? date.format(new Date(tk.last_used_at)) : pt('never')}</td>
                    <td>
                      <button type="button" onClick={() => void revoke(tk)} aria-label={pt('revoke_label', { name: tk.name })}>
                        {pt('revoke')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
    </section>
  );
}
