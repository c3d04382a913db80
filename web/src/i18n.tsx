// Every word of the dashboard in English, German, Dutch and Turkish. A first visit follows the
// browser's language; a choice is remembered. KPI names and definitions come from the server's
// catalog in the same language.
import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import { en, type Messages } from './locales/en';
import { de } from './locales/de';
import { nl } from './locales/nl';
import { tr } from './locales/tr';

export const LANGS = ['en', 'de', 'nl', 'tr'] as const;
export type Lang = (typeof LANGS)[number];
export const MESSAGES: Record<Lang, Messages> = { en, de, nl, tr };
export const LOCALES: Record<Lang, string> = { en: 'en-US', de: 'de-DE', nl: 'nl-NL', tr: 'tr-TR' };
const KEY = 'quotient.lang';

export function initialLang(): Lang {
  const saved = localStorage.getItem(KEY);
  if (saved && (LANGS as readonly string[]).includes(saved)) return saved as Lang;
  for (const l of navigator.languages ?? [navigator.language]) {
    const base = l.slice(0, 2).toLowerCase();
    if ((LANGS as readonly string[]).includes(base)) return base as Lang;
  }
  return 'en';
}

export type MessageKey = keyof Messages;

/**
 * A page's own words in the four languages; TypeScript holds every language to the English
 * keys, so no language can miss one.
 */
export function defineMessages<const E extends Record<string, string>>(en: E, rest: Record<Exclude<Lang, 'en'>, Record<keyof E, string>>): Record<Lang, Record<keyof E, string>> {
  return { en, ...rest };
}

/** `t` for a page's own messages (defineMessages), in the chosen language. */
export function usePageT<K extends string>(messages: Record<Lang, Record<K, string>>): (key: K, params?: Record<string, string | number>) => string {
  const { lang } = useI18n();
  return (key, params) => fill(messages[lang][key], params);
}

/** A message with {name} placeholders filled in. */
export function fill(text: string, params: Record<string, string | number> = {}): string {
  return text.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? `{${k}}`));
}

interface I18n {
  lang: Lang;
  locale: string;
  setLang(l: Lang): void;
  t(key: MessageKey, params?: Record<string, string | number>): string;
}

const Ctx = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const value = useMemo<I18n>(() => {
    document.documentElement.lang = lang;
    return {
      lang,
      locale: LOCALES[lang],
      setLang: (l) => {
        localStorage.setItem(KEY, l);
        setLangState(l);
      },
      t: (key, params) => fill(MESSAGES[lang][key], params),
    };
  }, [lang]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useI18n(): I18n {
  const v = useContext(Ctx);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}
