// The dashboard's only door to the server: same-origin fetches with the session cookie, the
// CSRF token sent back on changes, and errors turned into messages people can read.
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

function csrfToken(): string {
  const m = /(?:^|;\s*)quotient_csrf=([^;]+)/.exec(document.cookie);
  return m ? decodeURIComponent(m[1]) : '';
}

export type Params = Record<string, string | number | readonly string[] | undefined | null>;

export function queryString(params: Params): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) for (const x of v) q.append(k, x);
    else q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

async function request<T>(method: string, path: string, body?: BodyInit | object, headers: Record<string, string> = {}): Promise<T> {
  const init: RequestInit = { method, credentials: 'same-origin', headers: { accept: 'application/json', ...headers } };
  if (method !== 'GET') (init.headers as Record<string, string>)['x-csrf-token'] = csrfToken();
  if (body !== undefined) {
    if (body instanceof Blob || body instanceof FormData || typeof body === 'string') init.body = body;
    else {
      init.body = JSON.stringify(body);
      (init.headers as Record<string, string>)['content-type'] = 'application/json';
    }
  }
  let res: Response;
  try {
    res = await fetch(path, init);
  } catch {
    throw new ApiError(0, 'network', 'network');
  }
  const text = await res.text();
  let json: unknown = undefined;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (!res.ok) {
    if (res.status === 401 && !path.startsWith('/api/auth/')) window.dispatchEvent(new Event('quotient:unauthenticated'));
    const e = (json as { error?: { code?: string; message?: string; details?: Record<string, unknown> } } | undefined)?.error;
    throw new ApiError(res.status, e?.code ?? 'http_error', e?.message ?? `HTTP ${res.status}`, e?.details ?? {});
  }
  return json as T;
}

export const api = {
  get: <T>(path: string, params: Params = {}) => request<T>('GET', path + queryString(params)),
  post: <T>(path: string, body?: BodyInit | object, headers?: Record<string, string>) => request<T>('POST', path, body, headers),
  put: <T>(path: string, body?: object) => request<T>('PUT', path, body),
  patch: <T>(path: string, body?: object) => request<T>('PATCH', path, body),
  del: <T>(path: string) => request<T>('DELETE', path),
};
