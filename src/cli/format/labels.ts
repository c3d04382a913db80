// Words of reports in each language: column headers, dimension names, statuses, units.
import type { Lang } from '../../metrics/types.js';

export const LOCALES: Record<Lang, string> = { en: 'en-US', de: 'de-DE', nl: 'nl-NL', tr: 'tr-TR' };

type Words = Record<string, string>;

export const LABELS: Record<Lang, Words> = {
  en: {
    kpi: 'KPI', name: 'Name', period: 'Period', value: 'Value', n: 'n', ci95: '95% CI', status: 'Status', unit: 'Unit', direction: 'Better',
    dimensions: 'Dimensions', definition: 'Definition', previous_period: 'Prev. period', previous_year: 'Prev. year', target: 'Target',
    delta: 'Δ', attainment: 'Attained', higher: 'higher', lower: 'lower', days: 'days', points: 'pts', median: 'median', p90: 'p90', mean_score: 'mean score',
    rep: 'Rep', team: 'Team', manager: 'Manager', region: 'Region', product: 'Product', product_line: 'Product line', source: 'Lead source', channel: 'Channel',
    segment: 'Segment', industry: 'Industry', technique: 'Technique', currency: 'Currency', stage: 'Stage', activity_type: 'Activity type', cohort_month: 'Cohort (month created)',
    money: 'money', ratio: '%', count: 'count', records: 'records', truncated: 'more records not shown; use --limit',
  },
  de: {
    kpi: 'Kennzahl', name: 'Name', period: 'Zeitraum', value: 'Wert', n: 'n', ci95: '95%-KI', status: 'Status', unit: 'Einheit', direction: 'Besser',
    dimensions: 'Dimensionen', definition: 'Definition', previous_period: 'Vorperiode', previous_year: 'Vorjahr', target: 'Ziel',
    delta: 'Δ', attainment: 'Erreicht', higher: 'höher', lower: 'niedriger', days: 'Tage', points: 'Pkt.', median: 'Median', p90: 'P90', mean_score: 'Mittelwert',
    rep: 'Vertriebsmitarbeiter', team: 'Team', manager: 'Manager', region: 'Region', product: 'Produkt', product_line: 'Produktlinie', source: 'Lead-Quelle', channel: 'Kanal',
    segment: 'Segment', industry: 'Branche', technique: 'Technik', currency: 'Währung', stage: 'Phase', activity_type: 'Aktivitätsart', cohort_month: 'Kohorte (Anlagemonat)',
    money: 'Geld', ratio: '%', count: 'Anzahl', records: 'Datensätze', truncated: 'weitere Datensätze nicht gezeigt; --limit verwenden',
  },
  nl: {
    kpi: 'KPI', name: 'Naam', period: 'Periode', value: 'Waarde', n: 'n', ci95: '95%-BI', status: 'Status', unit: 'Eenheid', direction: 'Beter',
    dimensions: 'Dimensies', definition: 'Definitie', previous_period: 'Vorige periode', previous_year: 'Vorig jaar', target: 'Doel',
    delta: 'Δ', attainment: 'Behaald', higher: 'hoger', lower: 'lager', days: 'dagen', points: 'ptn', median: 'mediaan', p90: 'p90', mean_score: 'gem. score',
    rep: 'Verkoper', team: 'Team', manager: 'Manager', region: 'Regio', product: 'Product', product_line: 'Productlijn', source: 'Leadbron', channel: 'Kanaal',
    segment: 'Segment', industry: 'Branche', technique: 'Techniek', currency: 'Valuta', stage: 'Fase', activity_type: 'Soort activiteit', cohort_month: 'Cohort (aanmaakmaand)',
    money: 'geld', ratio: '%', count: 'aantal', records: 'records', truncated: 'meer records niet getoond; gebruik --limit',
  },
  tr: {
    kpi: 'KPI', name: 'Ad', period: 'Dönem', value: 'Değer', n: 'n', ci95: '%95 GA', status: 'Durum', unit: 'Birim', direction: 'Daha iyi',
    dimensions: 'Boyutlar', definition: 'Tanım', previous_period: 'Önceki dönem', previous_year: 'Önceki yıl', target: 'Hedef',
    delta: 'Δ', attainment: 'Gerçekleşme', higher: 'yüksek', lower: 'düşük', days: 'gün', points: 'puan', median: 'medyan', p90: 'p90', mean_score: 'ort. puan',
    rep: 'Temsilci', team: 'Ekip', manager: 'Yönetici', region: 'Bölge', product: 'Ürün', product_line: 'Ürün grubu', source: 'Aday kaynağı', channel: 'Kanal',
    segment: 'Segment', industry: 'Sektör', technique: 'Teknik', currency: 'Para birimi', stage: 'Aşama', activity_type: 'Aktivite türü', cohort_month: 'Kohort (oluşturma ayı)',
    money: 'para', ratio: '%', count: 'adet', records: 'kayıt', truncated: 'daha fazla kayıt gösterilmedi; --limit kullanın',
  },
};

export function label(lang: Lang, key: string): string {
  return LABELS[lang][key] ?? LABELS.en[key] ?? key;
}
