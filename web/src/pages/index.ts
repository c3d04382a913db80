// The dashboard's pages: path, the message key of its name, and the component. A new page adds
// a line here (and its words to every locale); the navigation and the router read this list.
import type { ComponentType } from 'react';
import type { MessageKey } from '../i18n';
import type { Filters } from '../state';
import { Overview } from './overview';

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

export const PAGES: PageDef[] = [{ path: '/', title: 'nav_overview', component: Overview }];

/** The page for a path, and the rest of the path after it. */
export function pageFor(path: string): { page: PageDef; rest: string } | null {
  if (path === '/' || path === '') return { page: PAGES[0], rest: '' };
  for (const p of PAGES) {
    if (p.path === '/') continue;
    if (path === p.path || path.startsWith(p.path + '/')) return { page: p, rest: decodeURIComponent(path.slice(p.path.length + 1)) };
  }
  return null;
}
