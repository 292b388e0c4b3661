import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import type { TableData } from '../../../src/lib/site/model.ts';
import { attr, dataTableHtml, escapeHtml, printTableHtml } from '../../../src/lib/site/table-html.ts';

const hostile = `<script>alert("x")</script>&'"`;

const table: TableData = {
  caption: `名单 ${hostile}`,
  captionEn: 'List',
  columns: [
    { key: 'village', title: '村' },
    { key: 'name', title: '户主姓名（户）' },
    { key: 'amount', title: '金额（元）', numeric: true },
    { key: 'period', title: '期间', period: true },
  ].map((c) => ({ numeric: false, ...c })),
  rows: [
    ['王家村', hostile, '1,070.00', '2026年10月'],
    ['李家村', '这是一段超过十四个字的很长很长的说明文字', '—', '2026年9月'],
  ],
  sortValues: [
    [null, null, 1070, null],
    [null, null, Number.NaN, null],
  ],
  links: ['place/999901100000/', null],
};

function parse(html: string): Document {
  return parseHTML(`<!doctype html><html><body>${html}</body></html>`).document as unknown as Document;
}

describe('escapeHtml and attr', () => {
  it('escape the way Astro does, so data can never become markup', () => {
    expect(escapeHtml(hostile)).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;&quot;');
    expect(escapeHtml('王家村')).toBe('王家村');
    expect(attr('title', 'a"b&c<d')).toBe(' title="a&quot;b&amp;c<d"');
    expect(attr('data-sortable', '')).toBe(' data-sortable');
    expect(attr('class', undefined)).toBe('');
  });
});

describe('dataTableHtml', () => {
  it('renders every cell as text, with sort keys, classes and row links', () => {
    const html = dataTableHtml(table, { id: 'dibao-list', lang: 'zh', base: '/sub/' });
    expect(html).not.toContain('<script');
    const doc = parse(html);
    const region = doc.querySelector('div.scroll[role="region"]');
    expect(region?.getAttribute('aria-labelledby')).toBe('dibao-list-c');
    expect(region?.getAttribute('style')).toBe('--rows:2');
    expect(doc.querySelector('table')?.hasAttribute('data-sortable')).toBe(true);
    expect(doc.querySelector('caption')?.textContent).toBe(`名单 ${hostile}`);
    // Column titles break before the bracket, so 户主姓名 and （户） wrap as units.
    expect([...doc.querySelectorAll('th:nth-child(2) span.p')].map((s) => s.textContent)).toEqual(['户主姓名', '（户）']);
    expect(doc.querySelector('th:nth-child(3)')?.getAttribute('class')).toBe('n');
    const rows = [...doc.querySelectorAll('tbody tr')];
    expect(rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent))).toEqual(table.rows);
    const first = rows[0]!.querySelectorAll('td');
    expect(first[0]!.querySelector('a')?.getAttribute('href')).toBe('/sub/place/999901100000/');
    expect(first[2]!.getAttribute('data-sort')).toBe('1070');
    const second = rows[1]!.querySelectorAll('td');
    expect(second[0]!.querySelector('a')).toBeNull();
    expect(second[1]!.getAttribute('class')).toBe('t'); // long text wraps
    expect(second[2]!.hasAttribute('data-sort')).toBe(false); // no number, no sort key
    expect(doc.querySelector('tbody')?.hasAttribute('lang')).toBe(false);
  });

  it('on English pages: English caption, links under en/, periods translated and marked English, data marked Chinese', () => {
    const doc = parse(dataTableHtml(table, { id: 't', lang: 'en', base: '/' }));
    expect(doc.querySelector('caption')?.textContent).toBe('List');
    expect(doc.querySelector('tbody')?.getAttribute('lang')).toBe('zh-CN');
    const cells = doc.querySelectorAll('tbody tr:first-child td');
    expect(cells[0]!.querySelector('a')?.getAttribute('href')).toBe('/en/place/999901100000/');
    expect(cells[3]!.getAttribute('lang')).toBe('en');
    expect(cells[3]!.textContent).toBe('Oct 2026');
    expect(cells[1]!.textContent).toBe(hostile);
  });

  it('leaves a one-row table unsortable', () => {
    const doc = parse(dataTableHtml({ ...table, rows: [table.rows[0]!], links: undefined }, { id: 't', lang: 'zh', base: '/' }));
    expect(doc.querySelector('table')?.hasAttribute('data-sortable')).toBe(false);
  });
});

describe('printTableHtml', () => {
  it('prints plain headers and cells, numbers right-aligned, text escaped', () => {
    const html = printTableHtml(table);
    expect(html).not.toContain('<script');
    const doc = parse(html);
    expect(doc.querySelector('table')?.getAttribute('class')).toBe('sheet-t');
    expect([...doc.querySelectorAll('th')].map((t) => t.textContent)).toEqual(['村', '户主姓名（户）', '金额（元）', '期间']);
    expect([...doc.querySelectorAll('tbody tr:first-child td')].map((t) => t.textContent)).toEqual(table.rows[0]);
    expect(doc.querySelector('tbody tr:first-child td:nth-child(3)')?.getAttribute('class')).toBe('n');
    expect(doc.querySelector('a')).toBeNull();
  });

  it('repeats a running head (title, 监督电话) in the header rows, which print on every page the table runs onto', () => {
    const doc = parse(printTableHtml(table, '王家村低保对象公示 · 监督电话：0999-1234567 <b>'));
    const rows = doc.querySelectorAll('thead tr');
    expect(rows.length).toBe(2);
    expect(rows[0]!.querySelector('th')!.getAttribute('colspan')).toBe(String(table.columns.length));
    expect(rows[0]!.textContent).toBe('王家村低保对象公示 · 监督电话：0999-1234567 <b>');
    expect(doc.querySelector('thead b')).toBeNull();
    expect(parse(printTableHtml(table)).querySelectorAll('thead tr').length).toBe(1);
  });

  it('marks date columns (known from their first value) so a date never breaks across lines', () => {
    const dated: TableData = { ...table, columns: [...table.columns, { key: 'date', title: '认定日期', numeric: false }], rows: [['王家村', '张三', '1.00', '2026年10月', '—'], ['王家村', '李四', '2.00', '2026年10月', '2022-10-07']] };
    const doc = parse(printTableHtml(dated));
    expect([...doc.querySelectorAll('tbody tr:last-child td')].map((t) => t.className)).toEqual(['', '', 'n', '', 'd']);
    expect(doc.querySelector('thead th:last-child')?.getAttribute('class')).toBe('d');
  });
});
