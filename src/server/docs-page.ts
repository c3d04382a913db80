// The API documentation as one self-contained HTML page, rendered on the server from the
// OpenAPI document: every endpoint with who may call it, its parameters, body and answers.
// No scripts and nothing from elsewhere; its one inline style is allowed by its hash.
import { createHash } from 'node:crypto';

type Json = Record<string, unknown>;

const STYLE = `body{font:15px/1.5 system-ui,sans-serif;margin:0 auto;max-width:960px;padding:1rem 2rem;color:#1d2430}
h1{margin-bottom:.2rem}h2{border-bottom:2px solid #dde3ea;padding-bottom:.2rem;margin-top:2rem}
.op{border:1px solid #dde3ea;border-radius:6px;margin:1rem 0;padding:.6rem 1rem}
.m{display:inline-block;min-width:4.2rem;font-weight:700;font-family:monospace}
.GET{color:#1565c0}.POST{color:#2e7d32}.PUT,.PATCH{color:#ef6c00}.DELETE{color:#c62828}
code,.path{font-family:ui-monospace,monospace}.path{font-weight:600}
.access{float:right;font-size:.8rem;background:#eef2f6;border-radius:4px;padding:0 .4rem}
table{border-collapse:collapse;width:100%;margin:.4rem 0}td,th{border-top:1px solid #eef2f6;padding:.2rem .4rem;text-align:left;vertical-align:top}
pre{background:#f6f8fa;padding:.5rem;overflow:auto;font-size:.8rem}summary{cursor:pointer}`;

export const DOCS_CSP = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'`;

/** The pattern of plain text parameters (no control characters). */
const TEXT_PATTERN = '^[^\\p{Cc}]*$';

function esc(v: unknown): string {
  return String(v ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function typeOf(s: Json | undefined): string {
  if (!s) return '';
  if (Array.isArray(s.enum)) return (s.enum as unknown[]).map((v) => JSON.stringify(v)).join(' | ');
  if (Array.isArray(s.anyOf)) return (s.anyOf as Json[]).map(typeOf).join(' or ');
  if (s.type === 'array') return `array of ${typeOf(s.items as Json)}`;
  // A format says it in words (date, date-time); the regular expression behind it, and the
  // one that only keeps control characters out of text, would say it in noise.
  const pattern = s.pattern && !s.format && s.pattern !== TEXT_PATTERN ? `matching ${s.pattern}` : '';
  const format = s.format === 'date' ? 'date (YYYY-MM-DD)' : s.format === 'date-time' ? 'date-time (ISO 8601)' : s.format;
  return [s.type, format, pattern].filter(Boolean).join(', ');
}

function schemaBlock(label: string, schema: unknown): string {
  return `<details><summary>${esc(label)}</summary><pre>${esc(JSON.stringify(schema, null, 2))}</pre></details>`;
}

function operation(method: string, path: string, op: Json): string {
  const params = (op.parameters as Json[]) ?? [];
  const rows = params
    .map((p) => {
      const s = p.schema as Json;
      const dflt = s.default === undefined ? '' : ` (default ${esc(JSON.stringify(s.default))})`;
      return `<tr><td><code>${esc(p.name)}</code></td><td>${esc(p.in)}${p.required ? ', required' : ''}</td><td>${esc(typeOf(s))}${dflt}</td><td>${esc(p.description)}</td></tr>`;
    })
    .join('');
  const body = op.requestBody as { content: Record<string, { schema: unknown }> } | undefined;
  const bodyHtml = body ? Object.entries(body.content).map(([type, c]) => schemaBlock(`Request body: ${type}`, c.schema)).join('') : '';
  const answers = Object.entries(op.responses as Record<string, { description: string; content?: Record<string, { schema: unknown }> }>)
    .map(([status, r]) => {
      const c = r.content ? Object.entries(r.content)[0] : undefined;
      const inner = c && !(c[1].schema as Json).$ref ? schemaBlock(`${status} ${c[0]}`, c[1].schema) : '';
      return `<li><b>${esc(status)}</b> ${esc(r.description)}${inner}</li>`;
    })
    .join('');
  return `<div class="op" id="${esc(op.operationId)}"><span class="access">${esc(op['x-access'])}</span>
<div><span class="m ${esc(method)}">${esc(method)}</span> <span class="path">${esc(path)}</span></div>
<p>${esc(op.summary)}${op.description ? `<br>${esc(op.description)}` : ''}</p>
${rows ? `<table><tr><th>parameter</th><th>in</th><th>type</th><th>meaning</th></tr>${rows}</table>` : ''}${bodyHtml}<ul>${answers}</ul></div>`;
}

export function docsPage(doc: Json): string {
  const info = doc.info as Json;
  const byTag = new Map<string, string[]>();
  for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, Json>>)) {
    for (const [method, op] of Object.entries(ops)) {
      const tag = (op.tags as string[])[0];
      byTag.set(tag, [...(byTag.get(tag) ?? []), operation(method.toUpperCase(), path, op)]);
    }
  }
  const anchor = (tag: string) => `tag-${tag.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  const sections = [...byTag].map(([tag, ops]) => `<h2 id="${anchor(tag)}">${esc(tag)}</h2>${ops.join('\n')}`).join('\n');
  const contents = [...byTag].map(([tag, ops]) => `<a href="#${anchor(tag)}">${esc(tag)}</a> (${ops.length})`).join(' · ');
  const schemas = Object.entries((doc.components as { schemas: Json }).schemas)
    .map(([name, s]) => schemaBlock(name, s))
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(info.title)} ${esc(info.version)}</title><style>${STYLE}</style></head><body>
<h1>${esc(info.title)}</h1><p>version ${esc(info.version)} · OpenAPI ${esc(doc.openapi)} document: <a href="/api/openapi.json">/api/openapi.json</a></p>
<p>${esc(info.description)}</p>
<p>Access: <b>public</b> needs no sign-in; <b>user</b> any signed-in user or API token (what they see follows their role); <b>admin</b> the admin role.</p>
<p class="toc">${contents} · <a href="#schemas">Schemas</a></p>
${sections}
<h2 id="schemas">Schemas</h2>${schemas}
</body></html>`;
}
