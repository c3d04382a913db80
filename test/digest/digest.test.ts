// The digest on the alert fixture (test/alerts/fixture.ts) as of 2026-03-15: last week is
// 2026-W10 (2026-03-02..08): R1 won 800 and R2 1,000 on 03-05, R3 4 × 10 on 03-06 (of 20 closed)
// → revenue 1,840 against 0 the week before; a March revenue target of 2,000 for R1 (800 so far,
// 40%); an alert that fired as of 03-05. Markdown in English with exact numbers; German text and
// HTML through a local SMTP sink; insight sentences in German, Dutch and Turkish from the
// dashboard's templates; the CLI prints, and refuses --email without SMTP settings.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAlerts } from '../../src/alerts/evaluate.js';
import { addRule } from '../../src/alerts/rules.js';
import { insightSentence } from '../../src/analysis/insights/sentences.js';
import { buildDigest, sentenceNumbers } from '../../src/digest/digest.js';
import { sendEmail } from '../../src/notify/email.js';
import { setSetting } from '../../src/store/settings.js';
import type { Store } from '../../src/store/store.js';
import { addTarget, parseScope } from '../../src/targets/targets.js';
import { alertData, alertStore } from '../alerts/fixture.js';
import { useCliStore } from '../fixtures/kpi/cli-store.js';
import { part, startSink, type Sink } from '../notify/sink.js';

let store: Store;
let sink: Sink;
beforeAll(async () => {
  store = await alertStore();
  await addTarget(store, { id: 'T-R1', kpi: 'revenue', scope: parseScope('rep:R1'), period: '2026-03', value: 2000 });
  await addRule(store, { id: 'D1', kpi: 'revenue', scope: 'rep:R1', when: 'below:900' });
  expect((await checkAlerts(store, { asOf: '2026-03-05' })).fired).toHaveLength(1);
  sink = await startSink();
});
afterAll(async () => {
  await store.close();
  await sink.close();
});

describe('buildDigest', () => {
  it('Markdown in English: headline KPIs with change, targets, alerts, insights', async () => {
    const d = await buildDigest(store, { asOf: '2026-03-15' });
    expect(d.subject).toBe('Quotient digest: 2026-W10 (2026-03-02 – 2026-03-08)');
    expect(d.markdown).toContain('# Quotient digest: 2026-W10 (2026-03-02 – 2026-03-08)\n\nPeriod: 2026-03-02 – 2026-03-08, as of 2026-03-15\n');
    expect(d.markdown).toContain([
      '| KPI | Value | Previous period | Change |',
      '| --- | ---: | ---: | ---: |',
      '| Revenue | $1,840.00 | $0.00 | +$1,840.00 |',
      '| Win rate | 27.3% | — | — |',
      '| Average deal size | $306.67 | — | — |',
    ].join('\n'));
    expect(d.markdown).toContain('| Open pipeline (value) | $500.00 | $2,500.00 | -$2,000.00 (-80%) |');
    expect(d.markdown).toContain('## Targets\n\n| KPI | Scope | Period | Target | So far | Attained | Status |\n| --- | --- | --- | ---: | ---: | ---: | --- |\n| Revenue | Rita (rep) | 2026-03 | $2,000.00 | $800.00 | 40.0% | off track |\n');
    expect(d.markdown).toContain('## Alerts\n\n1. 2026-03-05: revenue for rep:R1 is 800.00 USD (2026-03 to 2026-03-05), below 900.00 USD\n');
    expect(d.markdown).toContain('## Top insights\n\n1. **Target met**: The company met its revenue target: 407.4% (1,840 USD against 452 USD).\n2. **Target met**: Rita (R1) met the revenue quota: 177.1% (800 USD against 452 USD).\n');
  });

  it('German: KPI names, words and numbers of the locale', async () => {
    const d = await buildDigest(store, { asOf: '2026-03-15', lang: 'de' });
    expect(d.subject).toBe('Quotient-Zusammenfassung: 2026-W10 (2026-03-02 – 2026-03-08)');
    expect(d.text).toMatch(/^Umsatz +1\.840,00\u00a0\$ +0,00\u00a0\$ +\+1\.840,00\u00a0\$$/m);
    expect(d.text).toContain('Warnungen\n---------\n1. 2026-03-05: revenue for rep:R1');
    expect(d.text).toMatch(/^Umsatz +Rita \(rep\) +2026-03 +2\.000,00\u00a0\$ +800,00\u00a0\$ +40,0\u00a0% +nicht im Plan$/m);
    expect(d.text).toContain('Wichtigste Erkenntnisse\n-----------------------\n1. Ziel erreicht: ');
    expect(d.html).toContain('<html lang="de">');
    expect(d.html).toContain('<td style="text-align: left; padding: 2px 8px">Umsatz</td><td style="text-align: right; padding: 2px 8px">1.840,00\u00a0$</td>');
  });

  it('insight sentences in the reader’s language, rebuilt from each finding’s params with the dashboard’s templates', async () => {
    const de = await buildDigest(store, { asOf: '2026-03-15', lang: 'de' });
    expect(de.markdown).toContain(
      '## Wichtigste Erkenntnisse\n\n1. **Ziel erreicht**: Das Unternehmen hat sein Ziel für Umsatz erreicht: 407,4\u00a0% (1.840\u00a0$ gegenüber 452\u00a0$).\n2. **Ziel erreicht**: Rita (R1) hat das Umsatzziel erreicht: 177,1\u00a0% (800\u00a0$ gegenüber 452\u00a0$).\n',
    );
    expect(de.html).toContain('<li><strong>Ziel erreicht</strong>: Das Unternehmen hat sein Ziel für Umsatz erreicht: 407,4\u00a0% (1.840\u00a0$ gegenüber 452\u00a0$).</li>');
    const en = await buildDigest(store, { asOf: '2026-03-15' });
    const english = en.markdown.slice(en.markdown.indexOf('## Top insights')).split('\n').filter((x) => /^\d+\. /.test(x)).map((x) => x.replace(/^\d+\. \*\*[^*]+\*\*: /, ''));
    expect(english).toHaveLength(3);
    const nl = await buildDigest(store, { asOf: '2026-03-15', lang: 'nl' });
    expect(nl.text).toContain('1. Doel behaald: Het bedrijf heeft zijn doel voor omzet gehaald: 407,4% (US$\u00a01.840 tegenover US$\u00a0452).\n');
    const tr = await buildDigest(store, { asOf: '2026-03-15', lang: 'tr' });
    expect(tr.text).toContain('2. Hedefe ulaşıldı: Rita (R1) gelir kotasına ulaştı: %177,1 ($452 hedefe karşı $800).\n');
    for (const d of [de, nl, tr]) {
      for (const sentence of english) expect(d.markdown).not.toContain(sentence);
      expect(d.text).not.toMatch(/\b(met|against|the company)\b/i);
    }
  });

  it('every kind’s sentence in German with the numbers of the locale (the dashboard’s templates)', () => {
    const n = sentenceNumbers('de', 'EUR');
    const rep = { kind: 'rep_below_team', params: { metric: 'win_rate', rep: 'R2', rep_name: 'Rolf', team: 'T1', team_name: 'Nord', value: 0.2, numerator: 4, n: 20, team_rest_value: 0.45, q: 0.0123, at_stake: 12345.6 } };
    expect(insightSentence(rep, 'de', n)).toBe('Rolf gewann 20,0\u00a0% der abgeschlossenen Deals (4 von 20) gegenüber 45,0\u00a0% beim übrigen Team Nord (q = 0,012); das entspricht etwa 12.346\u00a0€ Umsatz bei der Quote des Teams.');
    expect(insightSentence({ kind: 'unknown', params: {} }, 'de', n)).toBeNull();
  });

  it('refuses an unknown language', async () => {
    await expect(buildDigest(store, { asOf: '2026-03-15', lang: 'fr' })).rejects.toThrow(/fr/);
  });

  it('sent by e-mail in German with HTML and text parts, received by a local SMTP sink', async () => {
    await setSetting(store, 'smtp_host', '127.0.0.1');
    await setSetting(store, 'smtp_port', String(sink.port));
    await setSetting(store, 'smtp_from', 'digest@example.com');
    const d = await buildDigest(store, { asOf: '2026-03-15', lang: 'de' });
    await sendEmail(store, { to: ['chef@example.com'], subject: d.subject, text: d.text, html: d.html });
    expect(sink.received).toHaveLength(1);
    const mail = sink.received[0];
    expect(mail.to).toEqual(['chef@example.com']);
    expect(mail.raw).toMatch(/multipart\/alternative/);
    const text = part(mail.raw, 'text/plain')!;
    const html = part(mail.raw, 'text/html')!;
    expect(text).toContain('Umsatz');
    expect(text).toContain('1.840,00\u00a0$');
    expect(html).toContain('>Umsatz</td>');
    expect(html).toContain('1.840,00\u00a0$');
  });
});

describe('quotient digest', () => {
  const cli = useCliStore(alertData);
  it('prints Markdown (or text, html); --email without SMTP settings is a clear error', async () => {
    const md = await cli('digest', '--as-of', '2026-03-15');
    expect(md.code).toBe(0);
    expect(md.out).toContain('| Revenue | $1,840.00 | $0.00 | +$1,840.00 |');
    const de = await cli('digest', '--as-of', '2026-03-15', '--lang', 'de', '--format', 'html');
    expect(de.out).toContain('>Umsatz</td>');
    expect(await cli('digest', '--format', 'pdf')).toMatchObject({ code: 2, err: 'quotient: --format: expected one of markdown, text, html, got "pdf"\n' });
    const mail = await cli('digest', '--as-of', '2026-03-15', '--email', 'chef@example.com');
    expect(mail.code).toBe(2);
    expect(mail.err).toMatch(/^quotient: e-mail is off: no SMTP server is set; set one with quotient config set smtp_host HOST/);
  });
});
