// Settings kept in the store: `quotient config get|set|list` and the store functions behind it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/store.js';
import { allSettings, getSetting, loadSettings, setSetting } from '../../src/store/settings.js';
import { settingDefs } from '../../src/model/settings.js';
import { useTempDir } from '../helpers/tmp.js';
import { runCli } from '../helpers/cli.js';
import { openStore } from '../helpers/store.js';

const tmp = useTempDir('quotient-settings-');
const db = () => tmp.join('cli.duckdb');
const settingList = settingDefs.map((d) => d.key).join(', ');
const defaults = Object.fromEntries(settingDefs.map((d) => [d.key, d.default]));

describe('quotient config', () => {
  it('list shows the defaults of a new store', async () => {
    const run = await runCli(['--db', db(), 'config', 'list', '--format', 'json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.out)).toEqual(defaults);
    expect(defaults).toMatchObject({ timezone: 'UTC', currency: 'USD', fiscal_year_start_month: '1', pipeline_stages: 'Qualification,Discovery,Demo,Proposal,Negotiation' });
  });

  it.each([
    ['timezone', 'Europe/Berlin', 'Europe/Berlin'],
    ['currency', 'eur', 'EUR'],
    ['fiscal_year_start_month', '04', '4'],
    ['pipeline_stages', 'Lead, Demo ,Contract', 'Lead,Demo,Contract'],
  ])('set %s %j stores %j, and get reads it back', async (key, value, stored) => {
    expect(await runCli(['--db', db(), 'config', 'set', key, value])).toEqual({ code: 0, out: `${key} = ${stored}\n`, err: '' });
    expect(await runCli(['--db', db(), 'config', 'get', key])).toEqual({ code: 0, out: `${stored}\n`, err: '' });
  });

  it.each([
    ['timezone', 'Mars/Olympus', 'timezone: "Mars/Olympus" is not an IANA time zone; expected a name like Europe/Berlin or UTC'],
    ['timezone', '+02:00', 'timezone: "+02:00" is not an IANA time zone; expected a name like Europe/Berlin or UTC'],
    ['currency', 'XYZ', 'currency: "XYZ" is not an ISO 4217 currency code; expected a code like USD or EUR'],
    ['fiscal_year_start_month', '13', 'fiscal_year_start_month: "13" is not a month number; expected 1 to 12'],
    ['fiscal_year_start_month', '0', 'fiscal_year_start_month: "0" is not a month number; expected 1 to 12'],
    ['fiscal_year_start_month', '2.5', 'fiscal_year_start_month: "2.5" is not a month number; expected 1 to 12'],
    ['pipeline_stages', 'Demo,Demo', 'pipeline_stages: "Demo,Demo" names a stage twice'],
    ['colour', 'red', `unknown setting "colour"; settings are: ${settingList}`],
  ])('set %s %j is refused with exit 2', async (key, value, message) => {
    expect(await runCli(['--db', db(), 'config', 'set', key, value])).toEqual({ code: 2, out: '', err: `quotient: ${message}\n` });
  });

  it('refused values leave the stored ones', async () => {
    const run = await runCli(['--db', db(), 'config', 'list', '--format', 'json']);
    expect(JSON.parse(run.out)).toEqual({ ...defaults, timezone: 'Europe/Berlin', currency: 'EUR', fiscal_year_start_month: '4', pipeline_stages: 'Lead,Demo,Contract' });
  });

  it('get of an unknown key is exit 2 with the list of settings', async () => {
    expect(await runCli(['--db', db(), 'config', 'get', 'nope'])).toEqual({
      code: 2,
      out: '',
      err: `quotient: unknown setting "nope"; settings are: ${settingList}\n`,
    });
  });

  it('list as text shows each value with its meaning', async () => {
    const run = await runCli(['--db', db(), 'config', 'list']);
    expect(run.code).toBe(0);
    const lines = run.out.split('\n');
    expect(lines[0]).toBe('timezone                 Europe/Berlin');
    expect(lines[1]).toMatch(/^ {25}\(organisation time zone/);
    expect(lines[2]).toBe('currency                 EUR');
    expect(lines[4]).toBe('fiscal_year_start_month  4');
    expect(lines[6]).toBe('pipeline_stages          Lead,Demo,Contract');
  });
});

describe('settings in the store', () => {
  let store: Store;

  beforeAll(async () => {
    store = await openStore(tmp.join('api.duckdb'));
  });

  afterAll(async () => {
    await store?.close();
  });

  it('defaults until set; loadSettings types them', async () => {
    expect(await getSetting(store, 'timezone')).toBe('UTC');
    expect(await loadSettings(store)).toMatchObject({ timezone: 'UTC', currency: 'USD', fiscal_year_start_month: 1, pipeline_stages: ['Qualification', 'Discovery', 'Demo', 'Proposal', 'Negotiation'] });
  });

  it('setSetting normalises and replaces; one row per key', async () => {
    expect(await setSetting(store, 'currency', ' gbp ')).toBe('GBP');
    expect(await setSetting(store, 'currency', 'chf')).toBe('CHF');
    expect(await store.query(`SELECT key, value FROM settings`)).toEqual([{ key: 'currency', value: 'CHF' }]);
    expect(await allSettings(store)).toMatchObject({ currency: 'CHF', timezone: 'UTC' });
  });

  it('bad values throw invalid_setting and change nothing', async () => {
    await expect(setSetting(store, 'timezone', 'Mars/Olympus')).rejects.toMatchObject({ code: 'invalid_setting' });
    await expect(setSetting(store, 'currency', 'XYZ')).rejects.toMatchObject({ code: 'invalid_setting' });
    await expect(setSetting(store, 'fiscal_year_start_month', '13')).rejects.toMatchObject({ code: 'invalid_setting' });
    await expect(getSetting(store, 'nope')).rejects.toMatchObject({ code: 'unknown_setting' });
    expect(await store.query(`SELECT key, value FROM settings`)).toEqual([{ key: 'currency', value: 'CHF' }]);
  });
});
