// The dashboard's frame: sign-in when there is no session, else the header (navigation,
// language, who is signed in), the shared filters and the page the URL names.
import { useCallback, useEffect, useState } from 'react';
import { api, ApiError } from './api';
import { LanguagePicker } from './components/language-picker';
import { FiltersBar } from './components/filters-bar';
import { ErrorView, Loading } from './components/status';
import { useI18n, type MessageKey } from './i18n';
import { PAGES, pageFor } from './pages';
import { SignIn } from './pages/sign-in';
import { SessionProvider, useSession } from './session';
import { readFilters, useLocation } from './state';
import type { Me } from './types';

function Shell() {
  const { t } = useI18n();
  const { me, signOut } = useSession();
  const [loc, navigate] = useLocation();
  const filters = readFilters(loc.search);
  const found = pageFor(loc.path);
  const visible = PAGES.filter((p) => !p.roles || p.roles.includes(me.user.role));
  const [menuOpen, setMenuOpen] = useState(false);
  const link = (path: string) => (e: React.MouseEvent<HTMLAnchorElement>) => {
    if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
    e.preventDefault();
    setMenuOpen(false);
    navigate(path);
  };
  const Page = found && (!found.page.roles || found.page.roles.includes(me.user.role)) ? found.page.component : null;
  return (
    <div className="layout">
      <a className="skip" href="#content">
        {t('skip_to_content')}
      </a>
      <header className="side">
        <div className="side-top">
          <a className="brand" href="/" onClick={link('/')}>
            <span className="logo" aria-hidden="true">
              Q
            </span>
            {t('app_name')}
          </a>
          <button type="button" className="menu-toggle" aria-expanded={menuOpen} aria-controls="main-nav" onClick={() => setMenuOpen((o) => !o)}>
            {t('menu')}
          </button>
        </div>
        <nav id="main-nav" aria-label={t('nav_main')} className={menuOpen ? 'open' : undefined}>
          <ul>
            {visible.map((p) => (
              <li key={p.path}>
                <a href={p.path + loc.search} onClick={link(p.path)} aria-current={found?.page === p ? 'page' : undefined}>
                  {t(p.title)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div className="who">
          <LanguagePicker />
          <span className="user">{t('signed_in_as', { email: me.user.email, role: t(`role_${me.user.role}` as MessageKey) })}</span>
          <button type="button" onClick={() => void signOut()}>
            {t('sign_out')}
          </button>
        </div>
      </header>
      <div className="body">
        {found?.page.filters !== false && <FiltersBar key={loc.search} filters={filters} onChange={(search) => navigate(loc.path, search)} />}
        <main id="content">{Page ? <Page filters={filters} rest={found!.rest} navigate={navigate} /> : <ErrorView error={new ApiError(found ? 403 : 404, found ? 'forbidden' : 'not_found', loc.path)} />}</main>
      </div>
    </div>
  );
}

export function App() {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [notice, setNotice] = useState<string | undefined>();
  const { t } = useI18n();
  useEffect(() => {
    api.get<Me>('/api/auth/me').then(setMe, () => setMe(null));
  }, []);
  const signedOut = useCallback(() => {
    setNotice(undefined);
    setMe(null);
  }, []);
  useEffect(() => {
    // Any 401 later (the session ended) brings back the sign-in page with a word why.
    const on = () => {
      setNotice(t('error_unauthenticated'));
      setMe(null);
    };
    window.addEventListener('quotient:unauthenticated', on);
    return () => window.removeEventListener('quotient:unauthenticated', on);
  }, [t]);
  if (me === undefined) return <Loading />;
  if (me === null) return <SignIn onSignedIn={setMe} notice={notice} />;
  return (
    <SessionProvider me={me} onSignedOut={signedOut} fallback={(e) => (e ? <ErrorView error={e} onRetry={() => window.location.reload()} /> : <Loading />)}>
      <Shell />
    </SessionProvider>
  );
}
