/**
 * The sample region tree: county (or, for big runs, a synthetic province of
 * several counties) → townships → villages, with 12-digit statistical codes in
 * province 99 so they can never collide with real codes.
 *
 * Code layout (2+2+2+3+3): 99 | 99 | county 01-70 | township | village.
 * Township digits 7-9: 100-199 镇, 200-299 乡. Village digits 10-12: 001-199
 * 居委会 (the single 红星社区), 200-399 村委会.
 */
import { Random, rngFor } from './prng.ts';
import { SURNAMES } from './people.ts';

export type County = { index: number; code: string; name: string };
export type Township = { index: number; code: string; name: string; county: County; kind: '镇' | '乡' };
export type Village = {
  /** Position in the whole region list (stable for given arguments); used to derive per-village seeds. */
  index: number;
  code: string;
  name: string;
  township: Township;
  isCommunity: boolean;
  /** Clan surname suggested by the village name (王家村 → 王), if any. */
  clan: string | undefined;
};
export type Regions = { counties: County[]; townships: Township[]; villages: Village[] };

export const MAX_TOWNSHIPS_PER_COUNTY = 100;
export const MAX_VILLAGES_PER_TOWNSHIP = 200;
export const MAX_COUNTIES = 70;
export const PROVINCE_PREFECTURE = '9999';

const TAG_REGIONS = 0x5245;

const CURATED_TOWNSHIPS = [
  '城关镇', '青石镇', '柳河乡', '白沙镇', '龙潭镇', '双河乡', '太平镇', '新店镇', '高桥乡', '石门镇', '金山镇', '三合乡',
  '马场镇', '清水镇', '和平乡',
] as const;

/** Hand-picked names used first (in order), so the default sample reads naturally. The first is the one community. */
const CURATED_VILLAGES = [
  '红星社区', '王家村', '李庄村', '东坡村', '石桥村',
  '柳树湾村', '张家沟村', '黄土岭村', '马鞍山村', '周家寨村',
  '杨柳村', '白马村', '陈家坝村', '桃园村', '高坪村',
  '龙泉村', '大河村', '新华村', '凤凰村', '双堰村', '刘家湾村', '赵庄村', '胡家岭村', '水井村', '梨树村',
  '金竹村', '松林村', '回龙村', '太平村', '罗家屯村', '孙家堡村', '青杠村', '碾盘村', '花园村', '朱家河村',
] as const;

const TOWNSHIP_FIRST = [
  '青', '白', '黑', '红', '黄', '金', '银', '石', '铁', '木', '水', '龙', '凤', '鹤', '马', '牛', '羊', '松', '柏', '桃',
  '梅', '竹', '兰', '花', '云', '雨', '雪', '风', '大', '小', '长', '高', '新', '古', '安', '永', '平', '太', '宝', '福',
  '双', '三', '五', '九', '东', '西', '南', '北', '中', '上', '下', '仁', '义', '兴', '文', '武', '清', '明', '德', '丰',
] as const;
const TOWNSHIP_SECOND = [
  '山', '河', '溪', '江', '湖', '泉', '桥', '坝', '岩', '坪', '田', '林', '峰', '门', '口', '关', '店', '集', '铺', '场',
  '寺', '城', '岗', '塘', '池', '湾', '滩', '洲', '源', '阳', '丰', '安', '宁', '和', '盛', '隆',
] as const;

const VILLAGE_DIRECTIONS = ['东', '西', '南', '北', '上', '下', '前', '后'] as const;
const VILLAGE_CLANS = [
  '王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '马', '胡', '朱', '郭', '何', '罗', '高', '林',
] as const;
const VILLAGE_FEATURES = ['家', '庄', '河', '坡', '岭', '湾', '沟', '寨', '屯', '堡'] as const;

const CN_DIGITS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'] as const;

/** Chinese numeral for 1..99 (二, 十, 十二, 二十, 七十). */
export function chineseNumber(n: number): string {
  if (n < 10) return CN_DIGITS[n] ?? String(n);
  const tens = Math.floor(n / 10);
  return (tens === 1 ? '' : CN_DIGITS[tens]) + '十' + (CN_DIGITS[n % 10] ?? '');
}

function countyName(i: number): string {
  return i === 0 ? '示例县' : `示例${chineseNumber(i + 1)}县`;
}

/** Splits total into parts as evenly as possible, larger parts first. */
function spread(total: number, parts: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < parts; i++) out.push(Math.floor(total / parts) + (i < total % parts ? 1 : 0));
  return out;
}

function clanOf(name: string): string | undefined {
  for (const ch of name.slice(0, 2)) if ((SURNAMES as readonly string[]).includes(ch)) return ch;
  return undefined;
}

function generatedVillageName(rng: Random, used: Set<string>): string {
  for (let attempt = 0; attempt < 60; attempt++) {
    const stem = rng.chance(0.35)
      ? rng.pick(VILLAGE_CLANS) + rng.pick(VILLAGE_FEATURES)
      : rng.pick(VILLAGE_DIRECTIONS) + rng.pick(VILLAGE_CLANS) + rng.pick(VILLAGE_FEATURES);
    const name = stem + '村';
    if (!used.has(name)) return name;
  }
  // Numeric suffix fallback (only reached when a township is nearly saturated).
  const stem = rng.pick(VILLAGE_DIRECTIONS) + rng.pick(VILLAGE_CLANS) + rng.pick(VILLAGE_FEATURES);
  let n = 2;
  while (used.has(`${stem}${n}村`)) n++;
  return `${stem}${n}村`;
}

export function defaultTownships(villages: number): number {
  return villages <= 15 ? Math.min(3, villages) : Math.ceil(villages / 15);
}

export function buildRegions(seed: number, villageCount: number, townshipCount: number): Regions {
  if (!Number.isInteger(villageCount) || villageCount < 1) throw new RangeError('--villages must be a positive integer');
  if (!Number.isInteger(townshipCount) || townshipCount < 1) throw new RangeError('--townships must be a positive integer');
  if (townshipCount > villageCount) throw new RangeError(`--townships (${townshipCount}) cannot exceed --villages (${villageCount})`);
  const countyCount = Math.ceil(townshipCount / MAX_TOWNSHIPS_PER_COUNTY);
  if (countyCount > MAX_COUNTIES) {
    throw new RangeError(`at most ${MAX_COUNTIES * MAX_TOWNSHIPS_PER_COUNTY} townships are supported (${MAX_COUNTIES} counties × ${MAX_TOWNSHIPS_PER_COUNTY})`);
  }
  const villagesPerTownship = spread(villageCount, townshipCount);
  if ((villagesPerTownship[0] ?? 0) > MAX_VILLAGES_PER_TOWNSHIP) {
    throw new RangeError(`too many villages per township (${villagesPerTownship[0]}; max ${MAX_VILLAGES_PER_TOWNSHIP}); raise --townships`);
  }

  const rng = rngFor(seed, TAG_REGIONS);
  const townshipBases: string[] = [];
  for (const a of TOWNSHIP_FIRST) for (const b of TOWNSHIP_SECOND) if (a !== b) townshipBases.push(a + b);
  rng.shuffle(townshipBases);
  let basePointer = 0;
  let baseRound = 0;
  const usedTownshipNames = new Set<string>(CURATED_TOWNSHIPS);
  const nextTownshipName = (kind: '镇' | '乡'): string => {
    for (;;) {
      if (basePointer >= townshipBases.length) {
        basePointer = 0;
        baseRound++;
      }
      const base = townshipBases[basePointer++] as string;
      const name = baseRound < 2 ? base + kind : `${base}${baseRound}${kind}`;
      if (!usedTownshipNames.has(name)) {
        usedTownshipNames.add(name);
        return name;
      }
    }
  };

  const counties: County[] = [];
  const townships: Township[] = [];
  const villages: Village[] = [];
  const townshipsPerCounty = spread(townshipCount, countyCount);
  for (let c = 0; c < countyCount; c++) {
    const countyCode6 = PROVINCE_PREFECTURE + String(c + 1).padStart(2, '0');
    const county: County = { index: c, code: countyCode6 + '000000', name: countyName(c) };
    counties.push(county);
    let towns = 0;
    let xiang = 0;
    for (let j = 0; j < (townshipsPerCounty[c] ?? 0); j++) {
      const kind = j % 3 === 2 ? '乡' : '镇';
      const digits = kind === '镇' ? 100 + towns++ : 200 + xiang++;
      const g = townships.length;
      const curated = CURATED_TOWNSHIPS[g];
      const name = c === 0 && curated !== undefined && curated.endsWith(kind) ? curated : nextTownshipName(kind);
      const township: Township = { index: g, code: countyCode6 + digits + '000', name, county, kind };
      townships.push(township);

      const used = new Set<string>();
      let cun = 0;
      let community = 0;
      for (let v = 0; v < (villagesPerTownship[g] ?? 0); v++) {
        // Township g gets curated block g (five names) first; the community only exists in block 0.
        const curatedName = v < 5 ? CURATED_VILLAGES[g * 5 + v] : undefined;
        let vname: string | undefined = curatedName !== undefined && !used.has(curatedName) ? curatedName : undefined;
        const isCommunity = vname !== undefined && vname.endsWith('社区');
        vname ??= generatedVillageName(rng, used);
        used.add(vname);
        const vdigits = isCommunity ? 1 + community++ : 200 + cun++;
        villages.push({
          index: villages.length,
          code: township.code.slice(0, 9) + String(vdigits).padStart(3, '0'),
          name: vname,
          township,
          isCommunity,
          clan: clanOf(vname),
        });
      }
    }
  }
  return { counties, townships, villages };
}
