// `quotient alerts add|list|remove` and `quotient check` on a store file: exit 0 when nothing
// fired, 1 when alerts fired (once per occurrence), 2 on an error.
import { describe, expect, it } from 'vitest';
import { useCliStore } from '../fixtures/kpi/cli-store.js';
import { alertData } from './fixture.js';

const cli = useCliStore(alertData);

describe('quotient alerts and quotient check', () => {
  it('check with no rules: exit 0', async () => {
    expect(await cli('check', '--as-of', '2026-03-15')).toEqual({ code: 0, out: 'Checked 0 alert rules as of 2026-03-15: 0 fired.\n', err: '' });
  });

  it('bad rules are refused with exit 2 and a clear message', async () => {
    expect(await cli('alerts', 'add', '--kpi', 'nope', '--scope', 'company', '--when', 'below:1')).toMatchObject({ code: 2, err: expect.stringMatching(/^quotient: unknown KPI "nope"; KPIs are: /) });
    expect(await cli('alerts', 'add', '--kpi', 'revenue', '--scope', 'everyone', '--when', 'below:1')).toMatchObject({ code: 2, err: 'quotient: --scope: expected company, team:TEAM_ID or rep:REP_ID, e.g. team:T01 or rep:R012; got "everyone"\n' });
    expect(await cli('alerts', 'add', '--kpi', 'revenue', '--scope', 'company', '--when', 'sometimes')).toMatchObject({ code: 2, err: expect.stringContaining('--when: expected below_target, below:X') });
  });

  it('add and list (the e-mail stored, not sent)', async () => {
    expect(await cli('alerts', 'add', '--id', 'A1', '--kpi', 'revenue', '--scope', 'rep:R1', '--when', 'change:-0.1', '--email', 'boss@example.com')).toEqual({ code: 0, out: 'Added A1: revenue for rep:R1 change:-0.1 (this_month).\n', err: '' });
    const list = await cli('alerts', 'list');
    expect(list.code).toBe(0);
    expect(list.out).toContain('A1  revenue  rep:R1  change:-0.1  this_month');
    expect(list.out).toContain('Note: alerts go by e-mail to the addresses above through the SMTP settings (quotient config set smtp_host …); with no SMTP server set, only webhooks and the in-app feed.');
    expect(JSON.parse((await cli('alerts', 'list', '--format', 'json')).out)).toMatchObject([{ rule_id: 'A1', email: 'boss@example.com' }]);
  });

  it('check: exit 1 when alerts fired, then 0 (not repeated); 2 on a bad date', async () => {
    expect(await cli('check', '--as-of', '2026-03-15')).toEqual({
      code: 1,
      // The rule has an address but no SMTP server is set: said, and the check still counts.
      out:
        'Checked 1 alert rule as of 2026-03-15: 1 fired.\nALERT A1:2026-03:change: revenue for rep:R1 fell 20.0% to 800.00 USD (2026-03 to 2026-03-15) from 1,000.00 USD (2026-02-01..2026-02-15)\n' +
        'e-mail to boss@example.com: NOT SENT (e-mail is off: no SMTP server is set; set one with quotient config set smtp_host HOST (and smtp_port, smtp_user, smtp_password, smtp_from, smtp_secure as the server needs))\n',
      err: '',
    });
    expect((await cli('check', '--as-of', '2026-03-16')).code).toBe(0);
    const json = await cli('check', '--as-of', '2026-03-17', '--format', 'json');
    expect([json.code, JSON.parse(json.out).rules[0].state]).toEqual([0, 'still_true']);
    expect(await cli('check', '--as-of', '2026-13-45')).toEqual({ code: 2, out: '', err: 'quotient: --as-of: "2026-13-45" is not a date; expected YYYY-MM-DD\n' });
  });

  it('remove', async () => {
    expect(await cli('alerts', 'remove', 'A1')).toEqual({ code: 0, out: 'Removed A1: revenue for rep:R1 change:-0.1 (this_month).\n', err: '' });
    expect(await cli('alerts', 'remove', 'A1')).toMatchObject({ code: 2, err: 'quotient: no alert rule has the id "A1"; quotient alerts list shows them\n' });
  });
});
