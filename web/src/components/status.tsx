// Loading and error states in words: a view never goes blank.
import { ApiError } from '../api';
import { useI18n } from '../i18n';

export function Loading() {
  const { t } = useI18n();
  return (
    <p className="loading" role="status" aria-live="polite">
      {t('loading')}
    </p>
  );
}

export function errorText(e: ApiError, t: ReturnType<typeof useI18n>['t']): string {
  if (e.code === 'network') return t('error_network');
  if (e.status === 401) return t('error_unauthenticated');
  if (e.status === 403) return t('error_forbidden');
  return t('error_server', { message: e.message });
}

export function ErrorView({ error, onRetry }: { error: ApiError; onRetry?: () => void }) {
  const { t } = useI18n();
  return (
    <div className="error" role="alert">
      <h2>{t('error_title')}</h2>
      <p>{errorText(error, t)}</p>
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {t('retry')}
        </button>
      )}
    </div>
  );
}
