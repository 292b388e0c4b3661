// What the search index holds per page: only strings the page shows, the place's own lists only.
import { describe, expect, it } from 'vitest';
import { datasetRecord, indexesPeopleNames, NAME_SEARCH_MAX_PLACES, namesOnPage, peopleGroupOf, peopleGroups, peopleRecord, placeRecord } from '../../../src/lib/search/records.ts';
import type { DatasetInfo, DatasetSection, PlacePage, TableData } from '../../../src/lib/site/model.ts';

const link = (id: string, name: string, level: 'county' | 'township' | 'village') => ({ id, name, level, url: `place/${id}/` });
const table = (columns: [string, string][], rows: string[][]): TableData => ({ caption: 't', columns: columns.map(([key, title]) => ({ key, title, numeric: false })), rows });
const section = (dataset: string, t?: TableData, changes?: DatasetSection['changes']): DatasetSection => ({ dataset, title: dataset, titleEn: dataset, figures: [], charts: [], notes: [], ...(t ? { table: t } : {}), ...(changes ? { changes } : {}) });

const village: PlacePage = {
  place: link('v1', '王家村', 'village'),
  ancestors: [link('c', '示例县', 'county'), link('t', '城关镇', 'township')],
  children: [],
  contact: '0999-1234567',
  sections: [
    section('dibao', table([['name', '户主姓名'], ['amount', '月保障金额（元）'], ['category', '保障类别']], [['王大明', '952.00', 'A类'], ['李小红', '1,776.00', 'B类']]), { period: '2026-10', previousPeriod: '2026-09', added: ['李小红'], removed: ['赵老汉'], delta: 0 }),
    section('pension', table([['name', '姓名'], ['pension', '月养老金（元）']], [['王大明', '190.50'], ['孙大爷', '—']])),
    section('projects', table([['year', '年度'], ['name', '项目名称'], ['unit', '责任单位']], [['2026年', '王家村村内道路硬化工程', '示例县交通运输局']])),
    section('finance', table([['summary', '摘要'], ['handler', '经手人']], [['支付宽带网络费', '许群']])),
  ],
};

describe('placeRecord', () => {
  it("holds the place's name, the places above it, and the names on its own lists, each once", () => {
    const r = placeRecord(village);
    expect(r.url).toBe('place/v1/');
    expect(r.language).toBe('zh-cn');
    expect(r.content.split(' ')).toEqual(['王家村', '示例县', '城关镇', '王大明', '李小红', '赵老汉', '孙大爷', '王家村村内道路硬化工程']);
    expect(r.meta).toEqual({ title: '王家村', where: '示例县 · 城关镇', level: 'village', kind: '村' });
  });

  it('leaves out figures, categories, finance entries and their handlers, and the dataset titles', () => {
    const words = placeRecord(village).content;
    for (const s of ['952.00', 'A类', '宽带', '许群', '示例县交通运输局', 'dibao', '0999']) expect(words).not.toContain(s);
  });

  it("leaves out tables that list several places (a township's table of its villages' projects)", () => {
    const township: PlacePage = {
      place: link('t', '城关镇', 'township'), ancestors: [link('c', '示例县', 'county')], children: [village.place], contact: '',
      sections: [section('projects', table([['village', '村'], ['name', '项目名称']], [['王家村', '王家村村内道路硬化工程']]))],
    };
    expect(namesOnPage(township)).toEqual([]);
    expect(placeRecord(township).content).toBe('城关镇 示例县');
    expect(placeRecord(township).meta).toEqual({ title: '城关镇', where: '示例县', level: 'township', kind: '镇' });
  });
});

describe('large sites', () => {
  it("index people's names up to NAME_SEARCH_MAX_PLACES place pages, projects and places always", () => {
    expect(indexesPeopleNames(19)).toBe(true);
    expect(indexesPeopleNames(NAME_SEARCH_MAX_PLACES)).toBe(true);
    expect(indexesPeopleNames(NAME_SEARCH_MAX_PLACES + 1)).toBe(false);
    expect(placeRecord(village, { people: false }).content.split(' ')).toEqual(['王家村', '示例县', '城关镇', '王家村村内道路硬化工程']);
  });
});

describe('datasetRecord', () => {
  it("is the dataset page's title in Chinese and English", () => {
    const info = { id: 'tekun', title: '特困供养人员', titleEn: 'Extreme poverty support' } as DatasetInfo;
    expect(datasetRecord(info)).toEqual({ url: 'datasets/tekun/', content: '特困供养人员 Extreme poverty support 数据', language: 'zh-cn', meta: { title: '特困供养人员', where: '', level: 'dataset', kind: '数据' } });
  });
});

describe('name indexes of a large site (one per county)', () => {
  it("peopleRecord holds only people's names from the place's own lists, with the place's title", () => {
    const r = peopleRecord(village)!;
    // The names in the order the lists give them, each once.
    expect(r).toEqual({ url: 'place/v1/', title: '王家村', where: '示例县 · 城关镇', level: 'village', kind: '村', names: ['王大明', '李小红', '赵老汉', '孙大爷'] });
    // …while the site's record of a large site keeps the place and project names only.
    expect(placeRecord(village, { people: false }).content.split(' ')).toEqual(['王家村', '示例县', '城关镇', '王家村村内道路硬化工程']);
  });

  it('a place that lists no one has no people record', () => {
    expect(peopleRecord({ ...village, sections: village.sections.filter((s) => s.dataset === 'projects') })).toBeUndefined();
  });

  it('a place belongs to its county; without counties, to the top place below the root; the root to itself', () => {
    const province = { id: 'p', name: '示例省', level: 'province' as const, url: 'place/p/' };
    expect(peopleGroupOf({ place: village.place, ancestors: [province, ...village.ancestors] })).toBe('c');
    expect(peopleGroupOf(village)).toBe('c');
    expect(peopleGroupOf({ place: link('v', '王家村', 'village'), ancestors: [link('t0', '示例镇', 'township'), link('t', '城关镇', 'township')] })).toBe('t');
    expect(peopleGroupOf({ place: province, ancestors: [] })).toBe('p');
  });

  it('peopleGroups lists the groups of the places below the root once, in site order, by the same rule', () => {
    const places = [
      { ...link('p', '示例省', 'county'), level: 'province' as const },
      { ...link('c1', '甲县', 'county'), parent: 'p' }, { ...link('t1', '一镇', 'township'), parent: 'c1' }, { ...link('v1', '一村', 'village'), parent: 't1' },
      { ...link('c2', '乙县', 'county'), parent: 'p' }, { ...link('v2', '二村', 'village'), parent: 'c2' },
    ];
    expect(peopleGroups(places).map((g) => g.name)).toEqual(['甲县', '乙县']);
    // A county site: its villages belong to the county at its root.
    expect(peopleGroups(places.slice(1, 4).map((p) => (p.id === 'c1' ? { ...p, parent: undefined } : p))).map((g) => g.name)).toEqual(['甲县']);
  });
});
