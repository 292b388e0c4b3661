// The chart layer: Observable Plot rendered to static, accessible SVG at build time.

export {
  CHART_CLASS,
  CHART_FONT_SIZE,
  CHART_WIDTH,
  chartCss,
  renderPlot,
  renderEmpty,
  swatchLegend,
  textWidth,
  truncate,
  niceZeroDomain,
  escapeText,
  type ChartMeta,
  type ChartResult,
  type ChartTable,
  type LegendItem,
} from './render.ts';
export {
  MISSING,
  formatNumber,
  formatYuan,
  formatWithUnit,
  formatMonthZh,
  formatQuarterZh,
  formatPeriodZh,
  parsePeriod,
  periodAxisLabels,
  monthRange,
  valueAxis,
  type ParsedPeriod,
  type PeriodKind,
} from './format.ts';
export {monthlyTrendChart, type MonthlyTrendInput, type MonthlyTrendPoint} from './monthly-trend.ts';
export {categoryBarsChart, type CategoryBar, type CategoryBarsInput} from './category-bars.ts';
export {
  plannedVsPaidChart,
  paidShare,
  PLANNED_COLOR,
  PAID_COLOR,
  PLANNED_LABEL,
  PAID_LABEL,
  type PlannedVsPaidInput,
  type PlannedVsPaidItem,
} from './planned-vs-paid.ts';
export {
  incomeVsSpendingChart,
  INCOME_COLOR,
  SPENDING_COLOR,
  INCOME_LABEL,
  SPENDING_LABEL,
  type IncomeSpendingPoint,
  type IncomeVsSpendingInput,
} from './income-vs-spending.ts';
