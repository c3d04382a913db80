// The language: English, Deutsch, Nederlands, Türkçe, each named in itself.
import { LANGS, useI18n, type Lang } from '../i18n';

const NAMES: Record<Lang, string> = { en: 'English', de: 'Deutsch', nl: 'Nederlands', tr: 'Türkçe' };

export function LanguagePicker() {
  const { lang, setLang, t } = useI18n();
  return (
    <label className="lang">
      <span className="visually-hidden">{t('language')}</span>
      <select value={lang} onChange={(e) => setLang(e.target.value as Lang)} aria-label={t('language')}>
        {LANGS.map((l) => (
          <option key={l} value={l} lang={l}>
            {NAMES[l]}
          </option>
        ))}
      </select>
    </label>
  );
}
