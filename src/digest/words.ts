// Every fixed word of the digest in the four languages, and a title per kind of insight (the
// insight sentences come from analysis/insights/sentences.ts, shared with the dashboard).
import type { InsightKind } from '../analysis/insights.js';
import type { Lang } from '../metrics/types.js';

export interface DigestWords {
  title: string;
  period: string;
  as_of: string;
  kpis: string;
  kpi: string;
  value: string;
  previous: string;
  change: string;
  targets: string;
  target: string;
  scope: string;
  so_far: string;
  attained: string;
  status: string;
  no_targets: string;
  alerts: string;
  no_alerts: string;
  insights: string;
  no_insights: string;
  at_stake: string;
  company: string;
  on_track: string;
  at_risk: string;
  off_track: string;
  kinds: Record<InsightKind, string>;
}

export const WORDS: Record<Lang, DigestWords> = {
  en: {
    title: 'Quotient digest', period: 'Period', as_of: 'as of', kpis: 'Headline KPIs', kpi: 'KPI', value: 'Value', previous: 'Previous period', change: 'Change',
    targets: 'Targets', target: 'Target', scope: 'Scope', so_far: 'So far', attained: 'Attained', status: 'Status', no_targets: 'No targets run in this period.',
    alerts: 'Alerts', no_alerts: 'No alerts fired in this period.', insights: 'Top insights', no_insights: 'No findings in this period.', at_stake: 'at stake',
    company: 'company', on_track: 'on track', at_risk: 'at risk', off_track: 'off track',
    kinds: {
      rep_below_team: 'Rep below their team', source_best_conversion: 'Best-converting lead source', source_worst_conversion: 'Worst-converting lead source',
      source_cpa: 'Channel cost per acquisition', activity_separates_outcomes: 'Activity that goes with winning', stage_dropoff_worse: 'Stage converting worse than before',
      stage_bottleneck: 'Pipeline bottleneck', technique_wins_more: 'Technique that wins more', target_met: 'Target met',
    },
  },
  de: {
    title: 'Quotient-Zusammenfassung', period: 'Zeitraum', as_of: 'Stand', kpis: 'Wichtigste Kennzahlen', kpi: 'Kennzahl', value: 'Wert', previous: 'Vorperiode', change: 'Veränderung',
    targets: 'Ziele', target: 'Ziel', scope: 'Bereich', so_far: 'Bisher', attained: 'Erreicht', status: 'Status', no_targets: 'In diesem Zeitraum laufen keine Ziele.',
    alerts: 'Warnungen', no_alerts: 'In diesem Zeitraum wurden keine Warnungen ausgelöst.', insights: 'Wichtigste Erkenntnisse', no_insights: 'Keine Erkenntnisse in diesem Zeitraum.', at_stake: 'auf dem Spiel',
    company: 'Unternehmen', on_track: 'im Plan', at_risk: 'gefährdet', off_track: 'nicht im Plan',
    kinds: {
      rep_below_team: 'Vertriebsmitarbeiter unter seinem Team', source_best_conversion: 'Lead-Quelle mit der besten Konversion', source_worst_conversion: 'Lead-Quelle mit der schlechtesten Konversion',
      source_cpa: 'Akquisitionskosten eines Kanals', activity_separates_outcomes: 'Aktivität, die mit Gewinnen einhergeht', stage_dropoff_worse: 'Phase konvertiert schlechter als zuvor',
      stage_bottleneck: 'Engpass in der Pipeline', technique_wins_more: 'Technik, die öfter gewinnt', target_met: 'Ziel erreicht',
    },
  },
  nl: {
    title: 'Quotient-overzicht', period: 'Periode', as_of: 'per', kpis: 'Belangrijkste KPI’s', kpi: 'KPI', value: 'Waarde', previous: 'Vorige periode', change: 'Verandering',
    targets: 'Doelen', target: 'Doel', scope: 'Bereik', so_far: 'Tot nu toe', attained: 'Behaald', status: 'Status', no_targets: 'In deze periode lopen geen doelen.',
    alerts: 'Meldingen', no_alerts: 'In deze periode zijn geen meldingen afgegaan.', insights: 'Belangrijkste inzichten', no_insights: 'Geen bevindingen in deze periode.', at_stake: 'op het spel',
    company: 'bedrijf', on_track: 'op koers', at_risk: 'in gevaar', off_track: 'uit koers',
    kinds: {
      rep_below_team: 'Verkoper onder het eigen team', source_best_conversion: 'Leadbron met de beste conversie', source_worst_conversion: 'Leadbron met de slechtste conversie',
      source_cpa: 'Acquisitiekosten van een kanaal', activity_separates_outcomes: 'Activiteit die samengaat met winnen', stage_dropoff_worse: 'Fase converteert slechter dan eerder',
      stage_bottleneck: 'Knelpunt in de pijplijn', technique_wins_more: 'Techniek die vaker wint', target_met: 'Doel behaald',
    },
  },
  tr: {
    title: 'Quotient özeti', period: 'Dönem', as_of: 'itibarıyla', kpis: 'Temel KPI’lar', kpi: 'KPI', value: 'Değer', previous: 'Önceki dönem', change: 'Değişim',
    targets: 'Hedefler', target: 'Hedef', scope: 'Kapsam', so_far: 'Şu ana kadar', attained: 'Gerçekleşen', status: 'Durum', no_targets: 'Bu dönemde çalışan hedef yok.',
    alerts: 'Uyarılar', no_alerts: 'Bu dönemde uyarı tetiklenmedi.', insights: 'Öne çıkan bulgular', no_insights: 'Bu dönemde bulgu yok.', at_stake: 'risk altında',
    company: 'şirket', on_track: 'yolunda', at_risk: 'risk altında', off_track: 'yolunda değil',
    kinds: {
      rep_below_team: 'Ekibinin altında kalan temsilci', source_best_conversion: 'En iyi dönüşen potansiyel müşteri kaynağı', source_worst_conversion: 'En kötü dönüşen potansiyel müşteri kaynağı',
      source_cpa: 'Kanalın edinme maliyeti', activity_separates_outcomes: 'Kazanmayla birlikte görülen etkinlik', stage_dropoff_worse: 'Öncekinden kötü dönüşen aşama',
      stage_bottleneck: 'Satış hattında darboğaz', technique_wins_more: 'Daha sık kazanan teknik', target_met: 'Hedefe ulaşıldı',
    },
  },
};
