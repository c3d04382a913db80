// A finding's sentence in any of the four languages, rebuilt from its `kind` and `params` (every
// number the analysis's English sentence uses is in them; see the other files of this folder):
// the one source of the sentence templates and of the function that fills them, used by the
// dashboard's Insights page (web/src/components/insight-sentence.ts re-exports it; the page's
// words, web/src/pages/insights.i18n.ts, include these templates) and by the digest
// (src/digest/digest.ts). Pure: no Node and no browser imports, so Vite bundles it as it is.
// Numbers, money, percentages and q-values come through `NumberWords`, so each caller writes
// them in its own locale and currency.
import type { Lang } from '../../metrics/types.js';

export type ParamValue = string | number | boolean | null | ParamValue[] | { [key: string]: ParamValue };

export interface InsightLike {
  kind: string;
  params: Record<string, ParamValue>;
}

export interface NumberWords {
  /** A rate as a percentage with one decimal. */
  pct(x: number | null): string;
  count(x: number): string;
  money(x: number): string;
  /** "q < 0.001" or "q = 0.023". */
  q(x: number | null): string;
  /** A number with exactly `digits` decimals. */
  fixed(x: number, digits: number): string;
  /** A KPI value in its unit (targets of any KPI). */
  value(kpi: string, x: number | null): string;
  /** A KPI's name as it reads inside a sentence. */
  kpiName(kpi: string): string;
}

/** A template with {name} placeholders filled in (an unknown name stays as it is). */
export function fillTemplate(text: string, params: Record<string, string | number> = {}): string {
  return text.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? `{${k}}`));
}

const EN = {
  s_rep_win: '{rep} won {value} of closed deals ({k} of {n}) against {rest} for the rest of team {team} ({q}){worth}.',
  s_rep_lead: '{rep} converted {value} of leads ({k} of {n}) against {rest} for the rest of team {team} ({q}){worth}.',
  w_rep_win: '; worth about {money} of revenue at the team’s rate',
  w_rep_lead: '; worth about {money} of expected revenue at the team’s rate',
  s_source_best: 'Leads from {source} convert best: {value} ({k} of {n}) against {rest} for leads from other sources ({q}){worth}.',
  s_source_worst: 'Leads from {source} convert worst: {value} ({k} of {n}) against {rest} for leads from other sources ({q}){worth}.',
  w_source_best: '; worth about {money} of expected revenue above the other sources’ rate',
  w_source_worst: '; worth about {money} of expected revenue below the other sources’ rate',
  s_cpa_highest: 'The {channel} channel costs the most per new customer: {cpa} ({spend} for {customers} customers), {ratio} the average of {average}; {stake} more than those customers would have cost at the average.',
  s_cpa_lowest: 'The {channel} channel acquires customers most cheaply: {cpa} each ({spend} for {customers} customers), {ratio} the average of {average}; {stake} less than those customers would have cost at the average.',
  s_activity_won: 'Won deals had {won} {many} each, lost deals {lost} ({ratio}); deals with {one} won {with} ({k} of {n}) against {without} without ({q}) — an association, worth testing, not proof that {many} win deals.',
  s_activity_lost: 'Lost deals had {lost} {many} each, won deals {won} ({ratio}); deals with {one} won {with} ({k} of {n}) against {without} without ({q}) — an association, worth testing, not proof that {many} win deals.',
  ratio_none_lost: 'none in lost deals',
  ratio_more_lost: '{ratio} as many in lost deals',
  act_call_one: 'a call',
  act_call_many: 'calls',
  act_email_one: 'an e-mail',
  act_email_many: 'e-mails',
  act_meeting_one: 'a meeting',
  act_meeting_many: 'meetings',
  act_demo_one: 'a demo',
  act_demo_many: 'demos',
  act_social_one: 'a social touch',
  act_social_many: 'social touches',
  act_other_one: 'another activity',
  act_other_many: 'other activities',
  act_any_one: 'a {type} activity',
  act_any_many: '{type} activities',
  s_stage_worse: 'Fewer deals moved on from {stage}: {value} of the entries decided in the period ({k} of {n}; {undecided} still open not counted) against {history} in the {months} months before ({q}){worth}.',
  w_stage_worse: '; worth about {money} of expected revenue',
  s_bottleneck: '{stage} is the funnel’s bottleneck: {drop} of the deals decided there dropped off ({dropped} of {n}) against {others} at the other stages ({q}){days}{worth}.',
  d_bottleneck: '; stays there last a median {days} days',
  d_bottleneck_longest: '; stays there last a median {days} days, the longest of any stage',
  w_bottleneck: '; worth about {money} of expected revenue at the other stages’ rate',
  s_technique: 'Deals worked with the {technique} technique won {value} ({k} of {n}) against {rest} for the other deals ({q}){worth}.',
  w_technique: '; worth about {money} in wins above the other deals’ rate',
  s_target_company: 'The company met its {what}: {detail}.',
  s_target_rep_one: '{name} met the {what}: {detail}.',
  s_target_team_one: 'Team {name} met its {what}: {detail}.',
  s_target_reps: '{count} of {of} reps met their {what}: {named}{more}.',
  s_target_teams: '{count} of {of} teams met their {what}: {named}{more}.',
  target_detail: '{pct} ({value} against {target})',
  target_named: '{name} {pct}',
  target_more: ' and {count} more',
  target_quota: 'revenue quota',
  target_kpi: '{kpi} target',
};

export type SentenceKey = keyof typeof EN;

/** The sentence templates in every language; TypeScript holds each to the English keys. */
export const SENTENCES: Record<Lang, Record<SentenceKey, string>> = {
  en: EN,
  de: {
    s_rep_win: '{rep} gewann {value} der abgeschlossenen Deals ({k} von {n}) gegenüber {rest} beim übrigen Team {team} ({q}){worth}.',
    s_rep_lead: '{rep} konvertierte {value} der Leads ({k} von {n}) gegenüber {rest} beim übrigen Team {team} ({q}){worth}.',
    w_rep_win: '; das entspricht etwa {money} Umsatz bei der Quote des Teams',
    w_rep_lead: '; das entspricht etwa {money} erwartetem Umsatz bei der Quote des Teams',
    s_source_best: 'Leads aus {source} konvertieren am besten: {value} ({k} von {n}) gegenüber {rest} bei Leads aus anderen Quellen ({q}){worth}.',
    s_source_worst: 'Leads aus {source} konvertieren am schlechtesten: {value} ({k} von {n}) gegenüber {rest} bei Leads aus anderen Quellen ({q}){worth}.',
    w_source_best: '; das entspricht etwa {money} erwartetem Umsatz über der Quote der anderen Quellen',
    w_source_worst: '; das entspricht etwa {money} erwartetem Umsatz unter der Quote der anderen Quellen',
    s_cpa_highest: 'Der Kanal {channel} kostet je Neukunde am meisten: {cpa} ({spend} für {customers} Kunden), das {ratio} des Durchschnitts von {average}; {stake} mehr, als diese Kunden zum Durchschnitt gekostet hätten.',
    s_cpa_lowest: 'Der Kanal {channel} gewinnt Kunden am günstigsten: {cpa} je Kunde ({spend} für {customers} Kunden), das {ratio} des Durchschnitts von {average}; {stake} weniger, als diese Kunden zum Durchschnitt gekostet hätten.',
    s_activity_won: 'Gewonnene Deals hatten je {won} {many}, verlorene {lost} ({ratio}); Deals mit {one} wurden zu {with} gewonnen ({k} von {n}), Deals ohne zu {without} ({q}) – ein Zusammenhang, den zu prüfen sich lohnt, kein Beweis, dass {many} Deals gewinnen.',
    s_activity_lost: 'Verlorene Deals hatten je {lost} {many}, gewonnene {won} ({ratio}); Deals mit {one} wurden zu {with} gewonnen ({k} von {n}), Deals ohne zu {without} ({q}) – ein Zusammenhang, den zu prüfen sich lohnt, kein Beweis, dass {many} Deals gewinnen.',
    ratio_none_lost: 'keine in verlorenen Deals',
    ratio_more_lost: '{ratio} so viele in verlorenen Deals',
    act_call_one: 'einem Anruf',
    act_call_many: 'Anrufe',
    act_email_one: 'einer E-Mail',
    act_email_many: 'E-Mails',
    act_meeting_one: 'einem Meeting',
    act_meeting_many: 'Meetings',
    act_demo_one: 'einer Demo',
    act_demo_many: 'Demos',
    act_social_one: 'einem Social-Media-Kontakt',
    act_social_many: 'Social-Media-Kontakte',
    act_other_one: 'einer anderen Aktivität',
    act_other_many: 'andere Aktivitäten',
    act_any_one: 'einer Aktivität vom Typ {type}',
    act_any_many: 'Aktivitäten vom Typ {type}',
    s_stage_worse: 'Weniger Deals kamen über {stage} hinaus: {value} der im Zeitraum entschiedenen Eintritte ({k} von {n}; {undecided} noch offene nicht gezählt) gegenüber {history} in den {months} Monaten davor ({q}){worth}.',
    w_stage_worse: '; das entspricht etwa {money} erwartetem Umsatz',
    s_bottleneck: '{stage} ist der Engpass des Trichters: {drop} der dort entschiedenen Deals schieden aus ({dropped} von {n}) gegenüber {others} in den anderen Phasen ({q}){days}{worth}.',
    d_bottleneck: '; Aufenthalte dort dauern im Median {days} Tage',
    d_bottleneck_longest: '; Aufenthalte dort dauern im Median {days} Tage, länger als in jeder anderen Phase',
    w_bottleneck: '; das entspricht etwa {money} erwartetem Umsatz bei der Quote der anderen Phasen',
    s_technique: 'Deals mit der Technik {technique} wurden zu {value} gewonnen ({k} von {n}) gegenüber {rest} bei den übrigen Deals ({q}){worth}.',
    w_technique: '; das entspricht etwa {money} an Abschlüssen über der Quote der übrigen Deals',
    s_target_company: 'Das Unternehmen hat sein {what} erreicht: {detail}.',
    s_target_rep_one: '{name} hat das {what} erreicht: {detail}.',
    s_target_team_one: 'Team {name} hat sein {what} erreicht: {detail}.',
    s_target_reps: '{count} von {of} Mitarbeitern haben ihr {what} erreicht: {named}{more}.',
    s_target_teams: '{count} von {of} Teams haben ihr {what} erreicht: {named}{more}.',
    target_detail: '{pct} ({value} gegenüber {target})',
    target_named: '{name} {pct}',
    target_more: ' und {count} weitere',
    target_quota: 'Umsatzziel',
    target_kpi: 'Ziel für {kpi}',
  },
  nl: {
    s_rep_win: '{rep} won {value} van de afgesloten deals ({k} van {n}) tegenover {rest} voor de rest van team {team} ({q}){worth}.',
    s_rep_lead: '{rep} converteerde {value} van de leads ({k} van {n}) tegenover {rest} voor de rest van team {team} ({q}){worth}.',
    w_rep_win: '; goed voor ongeveer {money} omzet tegen het percentage van het team',
    w_rep_lead: '; goed voor ongeveer {money} verwachte omzet tegen het percentage van het team',
    s_source_best: 'Leads uit {source} converteren het best: {value} ({k} van {n}) tegenover {rest} voor leads uit andere bronnen ({q}){worth}.',
    s_source_worst: 'Leads uit {source} converteren het slechtst: {value} ({k} van {n}) tegenover {rest} voor leads uit andere bronnen ({q}){worth}.',
    w_source_best: '; goed voor ongeveer {money} verwachte omzet boven het percentage van de andere bronnen',
    w_source_worst: '; goed voor ongeveer {money} verwachte omzet onder het percentage van de andere bronnen',
    s_cpa_highest: 'Het kanaal {channel} kost het meest per nieuwe klant: {cpa} ({spend} voor {customers} klanten), {ratio} het gemiddelde van {average}; {stake} meer dan die klanten tegen het gemiddelde zouden hebben gekost.',
    s_cpa_lowest: 'Het kanaal {channel} werft klanten het goedkoopst: {cpa} per klant ({spend} voor {customers} klanten), {ratio} het gemiddelde van {average}; {stake} minder dan die klanten tegen het gemiddelde zouden hebben gekost.',
    s_activity_won: 'Gewonnen deals hadden elk {won} {many}, verloren deals {lost} ({ratio}); deals met {one} werden voor {with} gewonnen ({k} van {n}) tegenover {without} zonder ({q}) — een samenhang die het testen waard is, geen bewijs dat {many} deals winnen.',
    s_activity_lost: 'Verloren deals hadden elk {lost} {many}, gewonnen deals {won} ({ratio}); deals met {one} werden voor {with} gewonnen ({k} van {n}) tegenover {without} zonder ({q}) — een samenhang die het testen waard is, geen bewijs dat {many} deals winnen.',
    ratio_none_lost: 'geen in verloren deals',
    ratio_more_lost: '{ratio} zoveel in verloren deals',
    act_call_one: 'een telefoontje',
    act_call_many: 'telefoontjes',
    act_email_one: 'een e-mail',
    act_email_many: 'e-mails',
    act_meeting_one: 'een meeting',
    act_meeting_many: 'meetings',
    act_demo_one: 'een demo',
    act_demo_many: 'demo’s',
    act_social_one: 'een social-mediacontact',
    act_social_many: 'social-mediacontacten',
    act_other_one: 'een andere activiteit',
    act_other_many: 'andere activiteiten',
    act_any_one: 'een activiteit van het type {type}',
    act_any_many: 'activiteiten van het type {type}',
    s_stage_worse: 'Minder deals gingen door na {stage}: {value} van de instromen waarover in de periode is beslist ({k} van {n}; {undecided} nog open, niet meegeteld) tegenover {history} in de {months} maanden ervoor ({q}){worth}.',
    w_stage_worse: '; goed voor ongeveer {money} verwachte omzet',
    s_bottleneck: '{stage} is het knelpunt van de trechter: {drop} van de deals waarover daar is beslist viel af ({dropped} van {n}) tegenover {others} in de andere fasen ({q}){days}{worth}.',
    d_bottleneck: '; verblijven daar duren een mediaan van {days} dagen',
    d_bottleneck_longest: '; verblijven daar duren een mediaan van {days} dagen, het langst van alle fasen',
    w_bottleneck: '; goed voor ongeveer {money} verwachte omzet tegen het percentage van de andere fasen',
    s_technique: 'Deals die met de techniek {technique} werden bewerkt, werden voor {value} gewonnen ({k} van {n}) tegenover {rest} voor de andere deals ({q}){worth}.',
    w_technique: '; goed voor ongeveer {money} aan gewonnen deals boven het percentage van de andere deals',
    s_target_company: 'Het bedrijf heeft zijn {what} gehaald: {detail}.',
    s_target_rep_one: '{name} heeft het {what} gehaald: {detail}.',
    s_target_team_one: 'Team {name} heeft zijn {what} gehaald: {detail}.',
    s_target_reps: '{count} van {of} verkopers haalden hun {what}: {named}{more}.',
    s_target_teams: '{count} van {of} teams haalden hun {what}: {named}{more}.',
    target_detail: '{pct} ({value} tegenover {target})',
    target_named: '{name} {pct}',
    target_more: ' en nog {count}',
    target_quota: 'omzetquotum',
    target_kpi: 'doel voor {kpi}',
  },
  tr: {
    s_rep_win: '{rep}, kapanan fırsatların {value} kadarını kazandı ({n} içinden {k}); {team} ekibinin geri kalanında bu oran {rest} ({q}){worth}.',
    s_rep_lead: '{rep}, potansiyel müşterilerin {value} kadarını dönüştürdü ({n} içinden {k}); {team} ekibinin geri kalanında bu oran {rest} ({q}){worth}.',
    w_rep_win: '; ekibin oranıyla yaklaşık {money} gelire denk geliyor',
    w_rep_lead: '; ekibin oranıyla yaklaşık {money} beklenen gelire denk geliyor',
    s_source_best: '{source} kaynaklı potansiyel müşteriler en iyi dönüşüyor: {value} ({n} içinden {k}); diğer kaynaklarda {rest} ({q}){worth}.',
    s_source_worst: '{source} kaynaklı potansiyel müşteriler en kötü dönüşüyor: {value} ({n} içinden {k}); diğer kaynaklarda {rest} ({q}){worth}.',
    w_source_best: '; diğer kaynakların oranının üzerinde yaklaşık {money} beklenen gelire denk geliyor',
    w_source_worst: '; diğer kaynakların oranının altında yaklaşık {money} beklenen gelire denk geliyor',
    s_cpa_highest: '{channel} kanalı yeni müşteri başına en pahalı kanal: {cpa} ({customers} müşteri için {spend}), {average} olan ortalamanın {ratio_n} katı; bu müşteriler ortalama maliyetle {stake} daha ucuza gelirdi.',
    s_cpa_lowest: '{channel} kanalı müşteriyi en ucuza kazanıyor: müşteri başına {cpa} ({customers} müşteri için {spend}), {average} olan ortalamanın {ratio_n} katı; bu müşteriler ortalama maliyetle {stake} daha pahalıya gelirdi.',
    s_activity_won: 'Kazanılan fırsatlarda fırsat başına {won}, kaybedilenlerde {lost} {many} vardı ({ratio}); {one} içeren fırsatların {with} kadarı kazanıldı ({n} içinden {k}), içermeyenlerde {without} ({q}) — bir ilişki; test etmeye değer, ama fırsat kazandırdığının kanıtı değil.',
    s_activity_lost: 'Kaybedilen fırsatlarda fırsat başına {lost}, kazanılanlarda {won} {many} vardı ({ratio}); {one} içeren fırsatların {with} kadarı kazanıldı ({n} içinden {k}), içermeyenlerde {without} ({q}) — bir ilişki; test etmeye değer, ama fırsat kazandırdığının kanıtı değil.',
    ratio_none_lost: 'kaybedilenlerde hiç yok',
    ratio_more_lost: 'kaybedilenlerde {ratio_n} kat fazla',
    act_call_one: 'arama',
    act_call_many: 'arama',
    act_email_one: 'e-posta',
    act_email_many: 'e-posta',
    act_meeting_one: 'toplantı',
    act_meeting_many: 'toplantı',
    act_demo_one: 'demo',
    act_demo_many: 'demo',
    act_social_one: 'sosyal medya teması',
    act_social_many: 'sosyal medya teması',
    act_other_one: 'diğer etkinlik',
    act_other_many: 'diğer etkinlik',
    act_any_one: '{type} etkinliği',
    act_any_many: '{type} etkinliği',
    s_stage_worse: '{stage} aşamasından ilerleyen fırsatlar azaldı: dönem içinde sonuçlanan girişlerin {value} kadarı ({n} içinden {k}; hâlâ açık olan {undecided} giriş sayılmadı), önceki {months} ayda {history} ({q}){worth}.',
    w_stage_worse: '; yaklaşık {money} beklenen gelire denk geliyor',
    s_bottleneck: '{stage}, hunideki darboğaz: orada sonuçlanan fırsatların {drop} kadarı düştü ({n} içinden {dropped}); diğer aşamalarda {others} ({q}){days}{worth}.',
    d_bottleneck: '; orada medyan kalış süresi {days} gün',
    d_bottleneck_longest: '; orada medyan kalış süresi {days} gün, tüm aşamaların en uzunu',
    w_bottleneck: '; diğer aşamaların oranıyla yaklaşık {money} beklenen gelire denk geliyor',
    s_technique: '{technique} tekniğiyle yürütülen fırsatların {value} kadarı kazanıldı ({n} içinden {k}); diğer fırsatlarda {rest} ({q}){worth}.',
    w_technique: '; diğer fırsatların oranının üzerinde yaklaşık {money} kazanca denk geliyor',
    s_target_company: 'Şirket {what} ulaştı: {detail}.',
    s_target_rep_one: '{name} {what} ulaştı: {detail}.',
    s_target_team_one: '{name} ekibi {what} ulaştı: {detail}.',
    s_target_reps: '{of} temsilciden {count} tanesi {what} ulaştı: {named}{more}.',
    s_target_teams: '{of} ekipten {count} tanesi {what} ulaştı: {named}{more}.',
    target_detail: '{pct} ({target} hedefe karşı {value})',
    target_named: '{name} {pct}',
    target_more: ' ve {count} tane daha',
    target_quota: 'gelir kotasına',
    target_kpi: '{kpi} hedefine',
  },
};

const ACTIVITY_TYPES = ['call', 'email', 'meeting', 'demo', 'social', 'other'];
const round6 = (x: number) => Math.round(x * 1e6) / 1e6 || 0;

/** The sentence of a finding in `lang` from its kind and params, or null for a kind without a template. */
export function insightSentence(ins: InsightLike, lang: Lang, n: NumberWords): string | null {
  const w = (key: SentenceKey, params?: Record<string, string | number>) => fillTemplate(SENTENCES[lang][key], params);
  const p = ins.params;
  const num = (k: string): number => Number(p[k] ?? 0);
  const opt = (k: string): number | null => (p[k] === null || p[k] === undefined ? null : Number(p[k]));
  const str = (k: string): string => String(p[k] ?? '');
  const worth = (key: SentenceKey) => (num('at_stake') >= 0.5 ? w(key, { money: n.money(num('at_stake')) }) : '');
  const times = (x: number) => `${n.fixed(x, x < 1 ? 2 : 1)}×`;
  const timesN = (x: number) => n.fixed(x, x < 1 ? 2 : 1);
  switch (ins.kind) {
    case 'rep_below_team': {
      const lead = str('metric') === 'lead_conversion_rate';
      return w(lead ? 's_rep_lead' : 's_rep_win', {
        rep: str('rep_name') || str('rep'),
        team: str('team_name') || str('team'),
        value: n.pct(opt('value')),
        k: n.count(num('numerator')),
        n: n.count(num('n')),
        rest: n.pct(opt('team_rest_value')),
        q: n.q(opt('q')),
        worth: worth(lead ? 'w_rep_lead' : 'w_rep_win'),
      });
    }
    case 'source_best_conversion':
    case 'source_worst_conversion': {
      const best = ins.kind === 'source_best_conversion';
      return w(best ? 's_source_best' : 's_source_worst', {
        source: str('source'),
        value: n.pct(opt('value')),
        k: n.count(num('numerator')),
        n: n.count(num('n')),
        rest: n.pct(opt('rest_value')),
        q: n.q(opt('q')),
        worth: worth(best ? 'w_source_best' : 'w_source_worst'),
      });
    }
    case 'source_cpa': {
      const highest = str('direction') !== 'lowest';
      return w(highest ? 's_cpa_highest' : 's_cpa_lowest', {
        channel: str('channel'),
        cpa: n.money(num('cpa')),
        spend: n.money(num('spend')),
        customers: n.count(num('customers')),
        ratio: times(num('ratio')),
        ratio_n: timesN(num('ratio')),
        average: n.money(num('average')),
        stake: n.money(num('at_stake')),
      });
    }
    case 'activity_separates_outcomes': {
      const type = str('activity_type');
      const known = ACTIVITY_TYPES.includes(type);
      const one = known ? w(`act_${type}_one` as SentenceKey) : w('act_any_one', { type });
      const many = known ? w(`act_${type}_many` as SentenceKey) : w('act_any_many', { type });
      const wins = str('direction') !== 'more_in_lost';
      const ratio = opt('ratio');
      const ratioText =
        ratio === null ? w('ratio_none_lost') : wins ? times(ratio) : w('ratio_more_lost', { ratio: times(round6(1 / ratio)), ratio_n: timesN(round6(1 / ratio)) });
      return w(wins ? 's_activity_won' : 's_activity_lost', {
        won: n.fixed(num('per_won_deal'), 2),
        lost: n.fixed(num('per_lost_deal'), 2),
        one,
        many,
        ratio: ratioText,
        with: n.pct(opt('with_value')),
        k: n.count(num('with_numerator')),
        n: n.count(num('with_n')),
        without: n.pct(opt('without_value')),
        q: n.q(opt('q')),
      });
    }
    case 'stage_dropoff_worse':
      return w('s_stage_worse', {
        stage: str('stage'),
        value: n.pct(opt('value')),
        k: n.count(num('numerator')),
        n: n.count(num('n')),
        undecided: n.count(num('undecided')),
        history: n.pct(opt('history_value')),
        months: n.count(num('history_months')),
        q: n.q(opt('q')),
        worth: worth('w_stage_worse'),
      });
    case 'stage_bottleneck': {
      const median = opt('median_days');
      const days = median === null ? '' : w(p.longest_stay === true ? 'd_bottleneck_longest' : 'd_bottleneck', { days: n.fixed(median, 1) });
      return w('s_bottleneck', {
        stage: str('stage'),
        drop: n.pct(opt('drop_off')),
        dropped: n.count(num('dropped_off')),
        n: n.count(num('n')),
        others: n.pct(opt('others_drop_off')),
        q: n.q(opt('q')),
        days,
        worth: worth('w_bottleneck'),
      });
    }
    case 'technique_wins_more':
      return w('s_technique', {
        technique: str('technique'),
        value: n.pct(opt('value')),
        k: n.count(num('numerator')),
        n: n.count(num('n')),
        rest: n.pct(opt('rest_value')),
        q: n.q(opt('q')),
        worth: worth('w_technique'),
      });
    case 'target_met': {
      const level = str('level');
      const kpi = str('kpi');
      const met = (Array.isArray(p.met) ? p.met : []) as { name?: ParamValue; attainment?: ParamValue; value?: ParamValue; target?: ParamValue }[];
      if (!met.length) return null;
      const what = kpi === 'revenue' && level !== 'company' ? w('target_quota') : w('target_kpi', { kpi: n.kpiName(kpi) });
      const val = (x: ParamValue | undefined) => n.value(kpi, x === null || x === undefined ? null : Number(x));
      const pctOf = (x: ParamValue | undefined) => n.pct(x === null || x === undefined ? null : Number(x));
      const detail = (e: (typeof met)[number]) => w('target_detail', { pct: pctOf(e.attainment), value: val(e.value), target: val(e.target) });
      if (level === 'company') return w('s_target_company', { what, detail: detail(met[0]) });
      if (met.length === 1) return w(level === 'team' ? 's_target_team_one' : 's_target_rep_one', { name: String(met[0].name ?? ''), what, detail: detail(met[0]) });
      const named = met
        .slice(0, 5)
        .map((e) => w('target_named', { name: String(e.name ?? ''), pct: pctOf(e.attainment) }))
        .join(', ');
      const more = met.length > 5 ? w('target_more', { count: n.count(met.length - 5) }) : '';
      return w(level === 'team' ? 's_target_teams' : 's_target_reps', { count: n.count(num('count')), of: n.count(num('of')), what, named, more });
    }
    default:
      return null;
  }
}
