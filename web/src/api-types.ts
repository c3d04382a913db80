// The API's answers, as the server declares them: type-only imports of its own result types, so
// the dashboard cannot drift from what the API sends (nothing of the server is bundled).
export type { ExplainResult, SegmentChange } from '../../src/analysis/explain.js';
export type { CompareResult, GroupComparison } from '../../src/analysis/compare.js';
export type { FunnelResult, FunnelStage } from '../../src/analysis/funnel.js';
export type { ForecastResult, ForecastFigures, BacktestRow } from '../../src/analysis/forecast.js';
export type { InsightsResult, Insight } from '../../src/analysis/insights.js';
export type { Side } from '../../src/analysis/insights/common.js';
export type { DimensionValues } from '../../src/query/dimension-values.js';
export type { ComparisonValue, KpiRow } from '../../src/query/rows.js';
export type { KpiResult } from '../../src/query/engine.js';
export type { Unit } from '../../src/metrics/types.js';
