/**
 * Report stage: the check's findings as the office reads them — a line per file while it runs, a
 * Chinese summary at the end, JSON for tools, and an HTML page to act on (never published).
 */
import { CODE_LABEL, type Issue } from './issues.ts';
import type { CheckReport, FileReport, Progress } from './check.ts';
import { ENCODING_LABEL } from './decode.ts';
import { DATASET_BY_ID } from './datasets/index.ts';
import { escapeHtml } from './html.ts';

const SEVERITY_LABEL = { error: '错误', warning: '警告', info: '说明' } as const;

function datasetTitle(id: string | null): string {
  if (id === 'regions') return '区划表';
  return (id && DATASET_BY_ID.get(id)?.title) || '—';
}

function counts(f: FileReport): { errors: number; warnings: number } {
  let errors = 0, warnings = 0;
  for (const i of f.issues) { if (i.severity === 'error') errors++; else if (i.severity === 'warning') warnings++; }
  for (const [code, n] of Object.entries(f.omitted ?? {})) {
    const sample = f.issues.find((i) => i.code === code);
    if (sample?.severity === 'error') errors += n; else if (sample?.severity === 'warning') warnings += n;
  }
  return { errors, warnings };
}

export function progressLine(p: Progress): string | undefined {
  if (p.kind !== 'file-done') return undefined;
  const f = p.report;
  const { errors, warnings } = counts(f);
  const mark = errors ? '✗' : warnings ? '!' : '✓';
  const enc = f.encoding ? ENCODING_LABEL[f.encoding] : '—';
  return `[${p.index}/${p.total}] ${mark} ${f.path}  ${datasetTitle(f.dataset)}  ${enc}  ${f.rows} 行` +
    (errors ? `  ${errors} 个错误` : '') + (warnings ? `  ${warnings} 个警告` : '');
}

export function locationText(f: FileReport, i: Issue): string {
  return [f.path, i.row ? `第 ${i.row} 行` : '', i.column ? `「${i.column}」列` : ''].filter(Boolean).join(' ');
}

/** The end-of-run summary: every error and warning with file, row and column. */
export function formatSummary(report: CheckReport, maxLines = 200): string {
  const lines: string[] = [];
  let shown = 0;
  for (const sev of ['error', 'warning'] as const) {
    for (const f of report.files) {
      for (const i of f.issues) {
        if (i.severity !== sev) continue;
        if (shown++ < maxLines) lines.push(`${SEVERITY_LABEL[sev]} [${i.code}] ${locationText(f, i)}：${i.message}`);
      }
      for (const [code, n] of Object.entries(f.omitted ?? {})) {
        const sample = f.issues.find((i) => i.code === code);
        if (sample?.severity === sev) lines.push(`${SEVERITY_LABEL[sev]} [${code}] ${f.path}：另有 ${n} 处同类问题（见 JSON/HTML 报告）`);
      }
    }
  }
  if (shown > maxLines) lines.push(`……另有 ${shown - maxLines} 条，完整列表见 --report / --html 报告`);
  const s = report.summary;
  lines.push('');
  lines.push(`检查了 ${s.files} 个文件，${s.rows} 行数据：${s.errors} 个错误，${s.warnings} 个警告。`);
  lines.push(report.ok
    ? (s.warnings ? '可以发布（请看一下警告）。 OK to publish; please review the warnings.' : '可以发布。 OK to publish.')
    : '有错误，不能发布：请按上面的提示改正后重新检查。 Errors found: nothing will be published until they are fixed.');
  return lines.join('\n');
}

/** A standalone HTML report for the office. Everything from the data is escaped. */
export function renderHtmlReport(report: CheckReport, opts: { title: string; generatedFor?: string }): string {
  const s = report.summary;
  // Files with errors first, then those with warnings, in the order checked: a clerk works down the
  // list from the top. Files with neither are folded away at the end.
  const files = report.files.map((f, n) => ({ f, n, ...counts(f) }));
  const rank = (x: { errors: number; warnings: number }) => (x.errors ? 0 : x.warnings ? 1 : 2);
  const ordered = [...files].sort((a, b) => rank(a) - rank(b) || a.n - b.n);
  const section = ({ f, n, errors, warnings }: (typeof files)[number]) => {
    const issues = f.issues.filter((i) => i.severity !== 'info' || i.code === 'context-from-name');
    const list = issues.length
      ? `<div class="scroll"><table><thead><tr><th scope="col">级别</th><th scope="col">行</th><th scope="col">列</th><th scope="col">问题</th><th scope="col">代码</th></tr></thead><tbody>${issues.map((i) =>
        `<tr class="${i.severity}"><td>${SEVERITY_LABEL[i.severity]}</td><td>${i.row ?? ''}</td><td>${escapeHtml(i.column ?? '')}</td><td>${escapeHtml(i.message)}</td><td><code>${escapeHtml(i.code)}</code> ${escapeHtml(CODE_LABEL[i.code] ?? '')}</td></tr>`).join('')}</tbody></table></div>`
      : '<p>没有问题。</p>';
    const omitted = Object.entries(f.omitted ?? {}).map(([code, k]) => `<p>另有 ${k} 处「${escapeHtml(CODE_LABEL[code] ?? code)}」问题未逐条列出。</p>`).join('');
    const status = errors ? `<span class="bad">${errors} 个错误</span>${warnings ? `，<span class="warn">${warnings} 个警告</span>` : ''}` : warnings ? `<span class="warn">${warnings} 个警告</span>` : '<span class="good">通过</span>';
    return `<section id="f${n}"><h2>${escapeHtml(f.path)}</h2><p>${escapeHtml(datasetTitle(f.dataset))} · ${f.encoding ? escapeHtml(ENCODING_LABEL[f.encoding]) : '—'} · ${f.rows} 行数据 · ${status}</p>${list}${omitted}</section>`;
  };
  const needing = ordered.filter((x) => rank(x) < 2);
  const clean = ordered.filter((x) => rank(x) === 2);
  const index = needing.length
    ? `<h2>需要处理的文件（${needing.length} 个）</h2><ul class="index">${needing.map((x) => `<li><a href="#f${x.n}">${escapeHtml(x.f.path)}</a>：${x.errors ? `<span class="bad">${x.errors} 个错误</span>` : ''}${x.errors && x.warnings ? '，' : ''}${x.warnings ? `<span class="warn">${x.warnings} 个警告</span>` : ''}</li>`).join('')}</ul>`
    : '<p>所有文件都没有错误或警告。</p>';
  const cleanPart = clean.length
    ? `<details><summary>其余 ${clean.length} 个文件没有错误或警告（点开查看从文件名读取的信息）</summary>\n${clean.map(section).join('\n')}\n</details>`
    : '';
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>数据检查报告 · ${escapeHtml(opts.title)}</title>
<style>body{font:16px/1.6 system-ui,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;max-width:70rem;margin:0 auto;padding:1rem;color:#1a1a1a}
table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}
td{overflow-wrap:anywhere}.scroll{overflow-x:auto}td:nth-child(4){min-width:12em}
tr.error td:first-child,.bad{color:#a40000;font-weight:bold}tr.warning td:first-child,.warn{color:#7a4d00;font-weight:bold}.good{color:#05612b;font-weight:bold}
.summary{padding:.75rem 1rem;border-radius:.4rem;background:${report.ok ? '#e8f5ec' : '#fdecec'}}.index li{margin:.25rem 0}summary{cursor:pointer;margin:1rem 0}
@media print{details{display:none}}</style></head>
<body><h1>数据检查报告</h1><p>${escapeHtml(opts.title)}${opts.generatedFor ? ` · ${escapeHtml(opts.generatedFor)}` : ''} · 本报告仅供经办单位内部使用，不公开</p>
<p class="summary"><strong>${report.ok ? '可以发布' : '有错误，不能发布'}</strong>：检查了 ${s.files} 个文件、${s.rows} 行数据，${s.errors} 个错误，${s.warnings} 个警告。行号与 Excel 中看到的行号一致。</p>
${index}
${needing.map(section).join('\n')}
${cleanPart}
</body></html>
`;
}
