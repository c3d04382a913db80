// /api/digest — the API twin of `quotient digest`: the period's headline KPIs with their change,
// the targets running in it, the alerts fired in it and the top insights, in the reader's language.
//
// Access: scoped, as GET /api/insights. The digest names reps (insights, rep targets, rep alerts),
// so it needs rep detail: an admin gets the company's digest, a manager one over the reps of
// their teams, a rep one over their own deals (KPIs, their targets and alerts, their findings);
// a viewer (company totals only) is refused. Sending it by e-mail (POST /api/digest/send) is for
// admins: it goes out through the server's SMTP settings to any address, with the company's
// numbers — what `quotient digest --email` does, so that command works while the server runs.
import { z } from 'zod';
import { toQuery } from '../../cli/commands/report.js';
import { buildDigest, DIGEST_FORMATS, type Digest } from '../../digest/digest.js';
import { LANGS } from '../../metrics/types.js';
import { sendWith, smtpSettings } from '../../notify/email.js';
import { loadScope, scopedQuery } from '../auth/scope.js';
import { isoDate, route, text } from '../route.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const digestParams = {
  period: text(100).optional().describe('a period as for GET /api/report (default last_week)'),
  as_of: isoDate.optional().describe('"today" for relative periods (default today in the organisation’s time zone)'),
  lang: z.enum(LANGS as [string, ...string[]]).default('en').describe('en, de, nl or tr'),
};

export const digestRoutes = [
  route({
    method: 'GET',
    url: '/api/digest',
    tag: 'Analytics',
    summary: 'The digest: headline KPIs with change, targets, alerts and top insights, in one language',
    description:
      'As `quotient digest`. Scoped like GET /api/insights, because it names reps: an admin gets the company’s digest, a manager one over their teams’ reps, a rep one over their own deals; a viewer (totals only) gets 403. The content is Markdown, plain text or a self-contained HTML page.',
    access: 'user',
    query: z.object({ ...digestParams, format: z.enum(DIGEST_FORMATS).default('markdown').describe('markdown, text or html') }).strict(),
    response: { description: 'the subject line and the digest in the format asked for', schema: z.object({ subject: z.string(), format: z.enum(DIGEST_FORMATS), content: z.string() }) },
    handler: ({ query, principal, server }) =>
      server.gate.run(async (store) => {
        const q = scopedQuery(await loadScope(store, principal!.user), toQuery({ kpi: 'win_rate', by: 'rep', period: query.period, asOf: query.as_of, filter: [], format: 'json', lang: 'en' }), 'report');
        const d = await buildDigest(store, { period: query.period, asOf: query.as_of, lang: query.lang, scope: q.scope });
        return { subject: d.subject, format: query.format, content: contentOf(d, query.format) };
      }),
  }),
  route({
    method: 'POST',
    url: '/api/digest/send',
    tag: 'Analytics',
    summary: 'Send the company’s digest by e-mail, HTML and text (admins)',
    description: 'As `quotient digest --email ADDR…`: through the SMTP settings (400 while e-mail is off, smtp_host empty).',
    access: 'admin',
    body: z
      .object({
        period: digestParams.period,
        as_of: digestParams.as_of,
        lang: digestParams.lang,
        to: z.array(text(320).regex(EMAIL, 'expected an e-mail address')).min(1).max(50).describe('the addresses'),
      })
      .strict(),
    response: { description: 'the subject and the addresses the SMTP server accepted', schema: z.object({ subject: z.string(), accepted: z.array(z.string()), rejected: z.array(z.string()) }) },
    handler: async ({ body, server }) => {
      // Built and the settings read under the store gate; the SMTP conversation runs outside it.
      const { d, smtp } = await server.gate.run(async (store) => ({ d: await buildDigest(store, { period: body.period, asOf: body.as_of, lang: body.lang }), smtp: await smtpSettings(store) }));
      const sent = await sendWith(smtp, { to: body.to, subject: d.subject, text: d.text, html: d.html });
      return { subject: d.subject, accepted: sent.accepted, rejected: sent.rejected };
    },
  }),
];

function contentOf(d: Digest, format: (typeof DIGEST_FORMATS)[number]): string {
  return format === 'markdown' ? d.markdown : format === 'text' ? d.text : d.html;
}
