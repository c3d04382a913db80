// The sign-in page: e-mail address and password; a wrong pair or a lock-out is said in words.
import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../api';
import { useI18n } from '../i18n';
import { errorText } from '../components/status';
import type { Me } from '../types';
import { LanguagePicker } from '../components/language-picker';

export function SignIn({ onSignedIn, notice }: { onSignedIn(me: Me): void; notice?: string }) {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.post('/api/auth/login', { email, password });
      onSignedIn(await api.get<Me>('/api/auth/me'));
    } catch (err) {
      const ae = err instanceof ApiError ? err : new ApiError(0, 'client', String(err));
      setError(ae.status === 401 ? t('bad_credentials') : ae.status === 429 ? t('locked_out') : errorText(ae, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <main className="sign-in" id="content">
      <div className="sign-in-box">
        <div className="sign-in-top">
          <span className="logo" aria-hidden="true">
            Q
          </span>
          <LanguagePicker />
        </div>
        <h1>{t('sign_in_title')}</h1>
        {notice && <p className="note">{notice}</p>}
        <form onSubmit={submit}>
          <label htmlFor="email">{t('email')}</label>
          <input id="email" type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} required />
          <label htmlFor="password">{t('password')}</label>
          <input id="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
          {error && (
            <p className="error-text" role="alert">
              {error}
            </p>
          )}
          <button type="submit" className="primary" disabled={busy}>
            {t('sign_in')}
          </button>
        </form>
      </div>
    </main>
  );
}
