// The dashboard's pages: path, the message key of its name, and the component. A new page adds
// a line here (and its words to every locale); the navigation and the router read this list.
import type { ComponentType } from 'react';
import type { MessageKey } from '../i18n';
import type { Filters } from '../state';
import { Overview } from './overview';
import { Funnel } from './funnel';
import { Compare } from './compare';
import { Explain } from './explain';
import { Insights } from './insights';
import { Forecast } from './forecast';
import { Trends } from './trends';
import { Products } from './products';
import { Sources } from './sources';
import { Customers } from './customers';
import { Team } from './team';
import { Targets } from './targets';
import { Alerts } from './alerts';
import { ImportPage } from './import';
import { SettingsPage } from './settings';

export interface PageProps {
  filters: Filters;
  /** The rest of the path after the page's own, e.g. a rep id for /team/R012. */
  rest: string;
  navigate(path: string, search?: string): void;
}

export interface PageDef {
  path: string;
  title: MessageKey;
  component: ComponentType<PageProps>;
  /** Roles that may open it (default: everyone signed in). */
  roles?: readonly string[];
  /** Whether the shared filters apply (default true). */
  filters?: boolean;
}

export const PAGES: PageDef[] = [
  { path: '/', title: 'nav_overview', component: Overview },
  { path: '/forecast', title: 'nav_forecast', component: Forecast },
  { path: '/team', title: 'nav_team', component: Team },
  { path: '/trends', title: 'nav_trends', component: Trends },
  { path: '/products', title: 'nav_products', component: Products },
  { path: '/sources', title: 'nav_sources', component: Sources },
  { path: '/customers', title: 'nav_customers', component: Customers },
  { path: '/funnel', title: 'nav_funnel', component: Funnel },
  { path: '/compare', title: 'nav_compare', component: Compare },
  { path: '/explain', title: 'nav_explain', component: Explain },
  { path: '/insights', title: 'nav_insights', component: Insights },
  { path: '/targets', title: 'nav_targets', component: Targets, filters: false },
  { path: '/alerts', title: 'nav_alerts', component: Alerts, filters: false },
  { path: '/import', title: 'nav_import', component: ImportPage, roles: ['admin'], filters: false },
  { path: '/settings', title: 'nav_settings', component: SettingsPage, roles: ['admin'], filters: false },
];

/** The page for a path, and the rest of the path after it. */
export function pageFor(path: string): { page: PageDef; rest: string } | null {
  if (path === '/' || path === '') return { page: PAGES[0], rest: '' };
  for (const p of PAGES) {
    if (p.path === '/') continue;
    if (path === p.path || path.startsWith(p.path + '/')) return { page: p, rest: decodeURIComponent(path.slice(p.path.length + 1)) };
  }
  return null;
}
