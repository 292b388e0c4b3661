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
  const rows = report.files.map((f) => {
    const { errors, warnings } = counts(f);
    const issues = f.issues.filter((i) => i.severity !== 'info' || i.code === 'context-from-name');
    const list = issues.length
      ? `<table><thead><tr><th scope="col">级别</th><th scope="col">行</th><th scope="col">列</th><th scope="col">问题</th><th scope="col">代码</th></tr></thead><tbody>${issues.map((i) =>
        `<tr class="${i.severity}"><td>${SEVERITY_LABEL[i.severity]}</td><td>${i.row ?? ''}</td><td>${escapeHtml(i.column ?? '')}</td><td>${escapeHtml(i.message)}</td><td><code>${escapeHtml(i.code)}</code> ${escapeHtml(CODE_LABEL[i.code] ?? '')}</td></tr>`).join('')}</tbody></table>`
      : '<p>没有问题。</p>';
    const omitted = Object.entries(f.omitted ?? {}).map(([code, n]) => `<p>另有 ${n} 处「${escapeHtml(CODE_LABEL[code] ?? code)}」问题未逐条列出。</p>`).join('');
    const status = errors ? `<span class="bad">${errors} 个错误</span>` : warnings ? `<span class="warn">${warnings} 个警告</span>` : '<span class="good">通过</span>';
    return `<section><h2>${escapeHtml(f.path)}</h2><p>${escapeHtml(datasetTitle(f.dataset))} · ${f.encoding ? escapeHtml(ENCODING_LABEL[f.encoding]) : '—'} · ${f.rows} 行数据 · ${status}</p>${list}${omitted}</section>`;
  }).join('\n');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>数据检查报告 · ${escapeHtml(opts.title)}</title>
<style>body{font:16px/1.6 system-ui,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;max-width:70rem;margin:0 auto;padding:1rem;color:#1a1a1a}
table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}
tr.error td:first-child,.bad{color:#a40000;font-weight:bold}tr.warning td:first-child,.warn{color:#7a4d00;font-weight:bold}.good{color:#05612b;font-weight:bold}
.summary{padding:.75rem 1rem;border-radius:.4rem;background:${report.ok ? '#e8f5ec' : '#fdecec'}}</style></head>
<body><h1>数据检查报告</h1><p>${escapeHtml(opts.title)}${opts.generatedFor ? ` · ${escapeHtml(opts.generatedFor)}` : ''} · 本报告仅供经办单位内部使用，不公开</p>
<p class="summary"><strong>${report.ok ? '可以发布' : '有错误，不能发布'}</strong>：检查了 ${s.files} 个文件、${s.rows} 行数据，${s.errors} 个错误，${s.warnings} 个警告。行号与 Excel 中看到的行号一致。</p>
${rows}
</body></html>
`;
}
