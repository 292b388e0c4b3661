/**
 * Regions: the hierarchy of places (county → township → village) keyed by 12-digit statistical
 * codes when regions.csv gives them. Names in the data are resolved against it; an unknown name is
 * reported with the closest known name.
 */
import { cleanText, toHalfWidth } from './values.ts';

export type RegionLevel = 'province' | 'prefecture' | 'county' | 'township' | 'village';

export interface Region {
  /** 12-digit statistical code, or a name path when the office gave no regions.csv. */
  id: string;
  code?: string;
  name: string;
  level: RegionLevel;
  parent?: string;
}

export const LEVEL_LABEL: Record<RegionLevel, string> = { province: '省', prefecture: '市', county: '县', township: '乡镇', village: '村' };

/** The level follows from which parts of the 12-digit code are zero (2+2+2+3+3). */
export function levelOfCode(code: string): RegionLevel | undefined {
  if (!/^\d{12}$/.test(code)) return undefined;
  if (code.endsWith('0000000000')) return 'province';
  if (code.endsWith('00000000')) return 'prefecture';
  if (code.endsWith('000000')) return 'county';
  if (code.endsWith('000')) return 'township';
  return 'village';
}

/** Normalises a place name so 王家村委会, 王家村村民委员会 and 王家村 are one place. */
export function normPlace(s: string): string {
  return toHalfWidth(cleanText(s)).replace(/\s+/g, '')
    .replace(/村?(村民委员会|村委会|村委)$/, '村')
    .replace(/(社区居民委员会|社区居委会|居民委员会|居委会)$/, '社区')
    .replace(/(人民政府|政府)$/, '');
}

function stem(s: string): string {
  const n = normPlace(s);
  const m = /^(.{2,}?)(村|社区|镇|乡|街道|街道办事处|办事处)$/.exec(n);
  return m ? m[1]! : n;
}

export function editDistance(a: string, b: string): number {
  const A = [...a], B = [...b];
  let prev = Array.from({ length: B.length + 1 }, (_, i) => i);
  for (let i = 1; i <= A.length; i++) {
    const cur = [i];
    for (let j = 1; j <= B.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (A[i - 1] === B[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[B.length]!;
}

export function closest(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  const n = normPlace(name);
  for (const c of candidates) {
    const d = editDistance(n, normPlace(c));
    if (d < bestD || (d === bestD && best !== undefined && c < best)) { best = c; bestD = d; }
  }
  return best !== undefined && bestD <= Math.max(1, Math.ceil([...n].length / 2)) ? best : undefined;
}

export type Resolution =
  | { ok: true; township?: Region; village?: Region }
  | { ok: false; column: 'township' | 'village'; message: string };

export class RegionRegistry {
  readonly regions = new Map<string, Region>();
  /** True when regions.csv defined the places; false when they are learnt from the data. */
  readonly closed: boolean;
  private townships = new Map<string, Region[]>();
  private townshipStems = new Map<string, Region[]>();
  private villages = new Map<string, Map<string, Region>>();
  private villageStems = new Map<string, Map<string, Region>>();
  private villagesAnywhere = new Map<string, Region[]>();
  /** The lengths of the names in `townships` and in `villages`, longest first (placesIn). */
  private townshipLengths: number[] = [];
  private villageLengths: number[] = [];
  private cache = new Map<string, Map<string, Resolution>>();
  /** Told of each place learnt from the data (no regions.csv), e.g. to mirror the registry in another thread. */
  onLearn: ((r: Region) => void) | undefined;

  constructor(regions: Region[], closed: boolean) {
    this.closed = closed;
    for (const r of regions) this.add(r);
  }

  private add(r: Region): void {
    this.regions.set(r.id, r);
    const n = normPlace(r.name);
    if (r.level === 'township') {
      push(this.townships, n, r);
      addLength(this.townshipLengths, n);
      push(this.townshipStems, stem(r.name), r);
    } else if (r.level === 'village') {
      const parent = r.parent ?? '';
      mapOf(this.villages, parent).set(n, r);
      mapOf(this.villageStems, parent).set(stem(r.name), r);
      push(this.villagesAnywhere, n, r);
      addLength(this.villageLengths, n);
    }
  }

  get(id: string): Region | undefined { return this.regions.get(id); }

  /** Adds a place learnt elsewhere (a mirror of another thread's registry: node-check.ts). */
  learn(r: Region): void { this.add(r); }

  children(id: string | undefined): Region[] {
    return [...this.regions.values()].filter((r) => r.parent === id);
  }

  townshipNames(): string[] { return [...this.townships.values()].flat().map((r) => r.name); }
  villageNames(townshipId?: string): string[] {
    if (townshipId !== undefined) return [...(this.villages.get(townshipId)?.values() ?? [])].map((r) => r.name);
    return [...this.villagesAnywhere.values()].flat().map((r) => r.name);
  }

  /**
   * The longest township name written inside a text (a title or file name), and then the longest
   * village name of that township (or of anywhere, when unique). Looks up every substring instead
   * of scanning every known name, so a province of 30,000 villages costs the same as a county.
   */
  placesIn(text: string): { township?: Region; village?: Region } {
    const township = longestIn(text, (sub) => { const t = this.townships.get(sub); return t?.length === 1 ? t[0] : undefined; }, this.townshipLengths);
    const village = longestIn(text, (sub) => (township
      ? this.villages.get(township.id)?.get(sub)
      : (() => { const v = this.villagesAnywhere.get(sub); return v?.length === 1 ? v[0] : undefined; })()), this.villageLengths);
    return { township, village };
  }

  findTownship(name: string): Region | undefined {
    const n = normPlace(name);
    const exact = this.townships.get(n);
    if (exact?.length === 1) return exact[0];
    const s = this.townshipStems.get(stem(name));
    return s?.length === 1 ? s[0] : undefined;
  }

  findVillage(townshipId: string | undefined, name: string): Region | undefined {
    if (townshipId !== undefined) {
      return this.villages.get(townshipId)?.get(normPlace(name)) ?? this.villageStems.get(townshipId)?.get(stem(name));
    }
    const any = this.villagesAnywhere.get(normPlace(name));
    return any?.length === 1 ? any[0] : undefined;
  }

  /** Resolves a (township, village) pair from a row; learns new places when there is no regions.csv. */
  resolve(township: string | undefined, village: string | undefined): Resolution {
    // Rows come grouped by village: the previous answer is usually the right one.
    if (township === this.lastTownship && village === this.lastVillage && this.lastResolution) return this.lastResolution;
    const r = this.resolveCached(township, village);
    this.lastTownship = township;
    this.lastVillage = village;
    this.lastResolution = r;
    return r;
  }

  private lastTownship: string | undefined;
  private lastVillage: string | undefined;
  private lastResolution: Resolution | undefined;

  private resolveCached(township: string | undefined, village: string | undefined): Resolution {
    let byVillage = this.cache.get(township ?? '');
    if (!byVillage) { byVillage = new Map(); this.cache.set(township ?? '', byVillage); }
    const hit = byVillage.get(village ?? '');
    if (hit) return hit;
    const r = this.closed ? this.resolveClosed(township, village) : this.resolveOpen(township, village);
    byVillage.set(village ?? '', r);
    return r;
  }

  private resolveClosed(township: string | undefined, village: string | undefined): Resolution {
    let t: Region | undefined;
    if (township) {
      t = this.findTownship(township);
      if (!t) {
        const hint = closest(township, this.townshipNames());
        return { ok: false, column: 'township', message: `乡镇「${township}」不在区划表（regions.csv）中${hint ? `，是不是「${hint}」？` : '，请核对名称或补充区划表'} Unknown township` };
      }
    }
    if (!village) return { ok: true, township: t };
    const v = this.findVillage(t?.id, village);
    if (v) return { ok: true, township: t ?? (v.parent ? this.regions.get(v.parent) : undefined), village: v };
    const elsewhere = this.villagesAnywhere.get(normPlace(village));
    if (!t && elsewhere && elsewhere.length > 1) {
      const where = elsewhere.map((e) => this.regions.get(e.parent ?? '')?.name ?? '').filter(Boolean).join('、');
      return { ok: false, column: 'village', message: `区划表中有 ${elsewhere.length} 个「${normPlace(village)}」（${where}），请填写乡镇 Village name is ambiguous without a township` };
    }
    if (t && elsewhere?.length) {
      const where = elsewhere.map((e) => this.regions.get(e.parent ?? '')?.name ?? '').filter(Boolean).join('、');
      return { ok: false, column: 'village', message: `「${village}」不属于「${t.name}」，区划表中它属于「${where}」，请核对乡镇或村名 Village not in this township` };
    }
    const hint = closest(village, this.villageNames(t?.id));
    return { ok: false, column: 'village', message: `村「${village}」不在${t ? `「${t.name}」的` : ''}区划表中${hint ? `，是不是「${hint}」？` : '，请核对名称或补充区划表（regions.csv）'} Unknown village` };
  }

  private resolveOpen(township: string | undefined, village: string | undefined): Resolution {
    let t: Region | undefined;
    if (township) {
      t = this.findTownship(township);
      if (!t) { t = { id: nameId('t', normPlace(township)), name: normPlace(township), level: 'township' }; this.add(t); this.onLearn?.(t); }
    }
    if (!village) return { ok: true, township: t };
    let v = this.findVillage(t?.id, village);
    if (!v) {
      const name = normPlace(village);
      v = { id: nameId('v', `${t?.name ?? ''}/${name}`), name, level: 'village', ...(t ? { parent: t.id } : {}) };
      this.add(v);
      this.onLearn?.(v);
    }
    return { ok: true, township: t, village: v };
  }

  root(): Region | undefined {
    return [...this.regions.values()].find((r) => r.parent === undefined);
  }

  /** Every region, parents before children, siblings by code or name: a stable order for pages. */
  ordered(): Region[] {
    const out: Region[] = [];
    const kids = new Map<string | undefined, Region[]>();
    for (const r of this.regions.values()) push(kids, r.parent && this.regions.has(r.parent) ? r.parent : undefined, r);
    const visit = (id: string | undefined) => {
      for (const r of (kids.get(id) ?? []).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) { out.push(r); visit(r.id); }
    };
    visit(undefined);
    return out;
  }
}

/**
 * A URL- and file-safe id for a place known only by name (no regions.csv): a fingerprint of its
 * name path, so it stays the same from one build to the next as long as the names do.
 */
export function nameId(prefix: string, path: string): string {
  let h1 = 0x811c9dc5, h2 = 0x01000193;
  for (let i = 0; i < path.length; i++) {
    const c = path.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 16777619);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) ^ (h2 >>> 13);
  }
  return prefix + (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}

/** Titles and file names name their place near the start; a huge cell in a title row must not cost minutes. */
const PLACE_TEXT_LIMIT = 1000;

/**
 * The longest (then leftmost) substring of 2–20 characters for which `lookup` finds a place. Only
 * the lengths some known name has are tried (`lengths`, longest first): a file name or title used
 * to cost about 1,000 substring lookups, for each of a province's 30,000 village files.
 */
function longestIn(text: string, lookup: (sub: string) => Region | undefined, lengths: readonly number[]): Region | undefined {
  const head = text.slice(0, PLACE_TEXT_LIMIT);
  // Without surrogate pairs (nearly always) a character is one UTF-16 unit: slice the text itself.
  const chars: string | string[] = /[\uD800-\uDFFF]/.test(head) ? [...head] : head;
  for (const len of lengths) {
    if (len > 20 || len > chars.length) continue;
    if (len < 2) break;
    for (let i = 0; i + len <= chars.length; i++) {
      const hit = lookup(typeof chars === 'string' ? chars.slice(i, i + len) : chars.slice(i, i + len).join(''));
      if (hit) return hit;
    }
  }
  return undefined;
}

/** Adds a name's length (in characters) to a list kept longest first. */
function addLength(lengths: number[], name: string): void {
  const n = [...name].length;
  if (lengths.includes(n)) return;
  lengths.push(n);
  lengths.sort((a, b) => b - a);
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const a = m.get(k);
  if (a) a.push(v); else m.set(k, [v]);
}
function mapOf<K, K2, V>(m: Map<K, Map<K2, V>>, k: K): Map<K2, V> {
  let x = m.get(k);
  if (!x) { x = new Map(); m.set(k, x); }
  return x;
}

/** Builds the registry from the records of regions.csv (header 区划代码,名称,上级代码). */
export function regionsFromRecords(records: string[][]): { regions: Region[]; problems: { row: number; column?: string; message: string }[] } {
  const problems: { row: number; column?: string; message: string }[] = [];
  const headerIdx = records.findIndex((r) => r.some((c) => /区划代码|代码/.test(c)) && r.some((c) => /名称/.test(c)));
  if (headerIdx < 0) return { regions: [], problems: [{ row: 1, message: 'regions.csv 缺少表头「区划代码,名称,上级代码」' }] };
  const h = records[headerIdx]!.map((c) => cleanText(c));
  const iCode = h.findIndex((c) => /区划代码|^代码$/.test(c));
  const iName = h.findIndex((c) => /名称/.test(c));
  const iParent = h.findIndex((c) => /上级/.test(c));
  const regions: Region[] = [];
  const seen = new Set<string>();
  const rowOf = new Map<string, number>();
  for (let r = headerIdx + 1; r < records.length; r++) {
    const rec = records[r]!;
    if (rec.every((c) => cleanText(c) === '')) continue;
    const row = r + 1;
    let code = toHalfWidth(cleanText(rec[iCode] ?? '')).replace(/\s/g, '');
    if (/^\d{6}$|^\d{9}$/.test(code)) code = code.padEnd(12, '0');
    const name = cleanText(rec[iName] ?? '');
    const level = levelOfCode(code);
    if (!level) { problems.push({ row, column: h[iCode], message: `区划代码「${code}」应为 12 位数字` }); continue; }
    if (!name) { problems.push({ row, column: h[iName], message: '名称为空' }); continue; }
    if (seen.has(code)) { problems.push({ row, column: h[iCode], message: `区划代码 ${code} 重复` }); continue; }
    seen.add(code);
    let parent = iParent >= 0 ? toHalfWidth(cleanText(rec[iParent] ?? '')) : '';
    if (/^\d{6}$|^\d{9}$/.test(parent)) parent = parent.padEnd(12, '0');
    regions.push({ id: code, code, name: normPlace(name), level, ...(parent ? { parent } : {}) });
    rowOf.set(code, row);
  }
  // Parents may be implied by the code when the column is blank.
  const byCode = new Set(regions.map((r) => r.code));
  for (const r of regions) {
    if (r.parent && !byCode.has(r.parent)) problems.push({ row: rowOf.get(r.code!)!, column: iParent >= 0 ? h[iParent] : '上级代码', message: `「${r.name}」的上级代码 ${r.parent} 不在表中` });
    if (!r.parent) {
      const implied = impliedParent(r.code!);
      if (implied && byCode.has(implied)) r.parent = implied;
    }
  }
  return { regions, problems };
}

function impliedParent(code: string): string | undefined {
  const lvl = levelOfCode(code);
  if (lvl === 'village') return code.slice(0, 9) + '000';
  if (lvl === 'township') return code.slice(0, 6) + '000000';
  if (lvl === 'county') return code.slice(0, 4) + '00000000';
  if (lvl === 'prefecture') return code.slice(0, 2) + '0000000000';
  return undefined;
}
