// A finding of GET /api/insights said in the chosen language: the sentence templates and the
// function that fills them live in src/analysis/insights/sentences.ts (pure, bundled from there),
// the one source the digest (src/digest/digest.ts) uses too. Numbers, money, percentages and
// q-values come through `NumberWords`, so each language writes them its own way.
import type { INSIGHTS_MESSAGES } from '../pages/insights.i18n';

export { insightSentence, type InsightLike, type NumberWords, type ParamValue } from '../../../src/analysis/insights/sentences.js';

/** A key of the Insights page's words (its own and the sentence templates). */
export type InsightKey = keyof (typeof INSIGHTS_MESSAGES)['en'];
