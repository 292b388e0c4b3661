// Per-chart render time (median of N renders after a warm-up) and output size
// for each chart builder, on typical village-page inputs.
//
//   node scripts/bench-charts.ts [renders=200]

import {performance} from 'node:perf_hooks';
import {brotliCompressSync, gzipSync} from 'node:zlib';
import {
  categoryBarsChart,
  incomeVsSpendingChart,
  monthlyTrendChart,
  plannedVsPaidChart,
  type ChartResult,
} from '../src/lib/charts/index.ts';

const RUNS = Number(process.argv[2] ?? 200);
const WARMUP = 20;

const VILLAGES = ['城关镇', '王家村', '李家庄村', '新华街道办事处', '东风村', '红旗村', '张家湾村', '柳树屯村', '石桥村', '南山村', '北岭村', '大河村', '小河村', '青山村', '绿水村'];

const months12 = Array.from({length: 12}, (_, i) => {
  const m = ((i + 6) % 12) + 1;
  return `${i < 6 ? 2025 : 2026}-${String(m).padStart(2, '0')}`;
});

const cases: Record<string, () => ChartResult> = {
  'monthlyTrend (12 months, 元)': () =>
    monthlyTrendChart({
      id: 'dibao-trend',
      title: '低保金月度发放',
      description: '2025年7月至2026年6月每月发放的低保金总额',
      unitLabel: '元',
      series: months12.map((period, i) => ({period, value: 182000 + ((i * 7919) % 23000) + 0.5})),
    }),
  'categoryBars (15 bars, 户)': () =>
    categoryBarsChart({
      id: 'dibao-by-village',
      title: '各村低保户数',
      description: '2026年6月各村（社区）低保户数',
      unitLabel: '户',
      bars: VILLAGES.map((label, i) => ({label, value: 80 - i * 4 - (i % 3)})),
    }),
  'plannedVsPaid (8 projects)': () =>
    plannedVsPaidChart({
      id: 'xianjie-projects',
      title: '衔接资金项目拨付进度',
      description: '2026年度各衔接资金项目计划金额与已拨付金额',
      items: VILLAGES.slice(0, 8).map((v, i) => ({label: `${v}产业路硬化工程`, planned: 200000 + i * 55000, paid: 90000 + i * 41000})),
    }),
  'incomeVsSpending (8 quarters)': () =>
    incomeVsSpendingChart({
      id: 'village-finance',
      title: '村集体收支',
      description: '2024年至2025年各季度村集体收入与支出',
      series: ['2024Q1', '2024Q2', '2024Q3', '2024Q4', '2025Q1', '2025Q2', '2025Q3', '2025Q4'].map((period, i) => ({
        period,
        income: 120000 + ((i * 3571) % 90000),
        spending: 100000 + ((i * 6007) % 110000),
      })),
    }),
};

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

console.log(`node ${process.version}, ${RUNS} renders per chart after ${WARMUP} warm-up renders\n`);
console.log('chart'.padEnd(32), 'median ms'.padStart(10), 'p90 ms'.padStart(8), 'bytes'.padStart(7), 'gzip'.padStart(6), 'brotli'.padStart(7));
for (const [name, build] of Object.entries(cases)) {
  for (let i = 0; i < WARMUP; i++) build();
  const times: number[] = [];
  let svg = '';
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    svg = build().svg;
    times.push(performance.now() - t0);
  }
  const sorted = [...times].sort((a, b) => a - b);
  const p90 = sorted[Math.floor(sorted.length * 0.9)] ?? 0;
  const bytes = Buffer.byteLength(svg);
  console.log(
    name.padEnd(32),
    median(times).toFixed(2).padStart(10),
    p90.toFixed(2).padStart(8),
    String(bytes).padStart(7),
    String(gzipSync(svg, {level: 9}).length).padStart(6),
    String(brotliCompressSync(svg).length).padStart(7),
  );
}
