/** Synthetic people: names, 18-digit resident ID numbers and mobile numbers. */
import type { Random } from './prng.ts';
import { pad2 } from './dates.ts';
import type { YMD } from './dates.ts';

/** Common surnames, most frequent first (weights roughly follow their frequency). */
export const SURNAMES = [
  '王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '胡', '朱', '高', '林', '何', '郭', '马', '罗',
  '梁', '宋', '郑', '谢', '韩', '唐', '冯', '于', '董', '程', '曹', '袁', '邓', '许', '傅', '沈', '曾', '彭', '吕', '苏',
  '卢', '蒋', '蔡', '贾', '丁', '魏', '薛', '叶', '余', '潘', '杜', '戴', '夏', '钟', '汪', '田', '任', '姜', '范', '方',
  '石', '姚', '谭', '廖', '邹', '熊', '金', '陆', '郝', '孔', '白', '崔', '康', '毛', '邱', '秦', '江', '史', '顾', '侯',
] as const;
const SURNAME_WEIGHTS = SURNAMES.map((_, i) => (i < 5 ? 7 : i < 20 ? 3 : 1));

const MALE_CHARS = [
  '建', '国', '军', '伟', '强', '明', '华', '平', '勇', '刚', '杰', '涛', '斌', '超', '波', '辉', '林', '峰', '磊', '鹏',
  '志', '文', '德', '福', '贵', '富', '有', '成', '海', '山', '永', '春', '生', '祥', '忠', '学', '保', '金', '荣', '兴',
  '旺', '树', '长', '清', '良', '双', '全', '才', '发', '义',
] as const;
const FEMALE_CHARS = [
  '秀', '英', '兰', '芳', '桂', '玉', '珍', '凤', '梅', '霞', '琴', '丽', '燕', '红', '娟', '萍', '华', '敏', '静', '翠',
  '云', '莲', '花', '香', '淑', '彩', '春', '菊', '群', '芬',
] as const;

/** A Chinese personal name; `preferred` is a surname that gets extra weight (village clans). */
export function personName(rng: Random, male: boolean, preferred?: string): string {
  const surname = preferred !== undefined && rng.chance(0.4) ? preferred : rng.weighted(SURNAMES, SURNAME_WEIGHTS);
  const chars = male ? MALE_CHARS : FEMALE_CHARS;
  const first = rng.pick(chars);
  if (!rng.chance(0.75)) return surname + first;
  let second = rng.pick(chars);
  if (second === first) second = rng.pick(chars); // 志志-style repeats are rare in real names
  return surname + first + second;
}

/** Draws a name not yet in `used` (within one village), adding it to `used`. */
export function uniquePersonName(rng: Random, male: boolean, used: Set<string>, preferred?: string): string {
  for (let attempt = 0; attempt < 40; attempt++) {
    const name = personName(rng, male, preferred);
    if (!used.has(name)) {
      used.add(name);
      return name;
    }
  }
  // Practically unreachable for village-sized lists; keep the output well-formed anyway.
  let n = 2;
  const base = personName(rng, male, preferred);
  while (used.has(base + n)) n++;
  used.add(base + n);
  return base + n;
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const ID_CHECK = '10X98765432';

/** ISO 7064 MOD 11-2 check character for the first 17 digits of a resident ID number. */
export function idCheckDigit(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * (ID_WEIGHTS[i] ?? 0);
  return ID_CHECK[sum % 11] as string;
}

export function isValidIdNumber(id: string): boolean {
  return /^\d{17}[\dX]$/.test(id) && idCheckDigit(id.slice(0, 17)) === id[17];
}

/**
 * Realistic-looking (GB/T 2260 style) address prefixes. The sample county's own
 * statistical code 999901 is deliberately not a valid GB2260 code, so IDs use
 * these instead.
 */
export const ID_PREFIXES = ['511923', '511921', '511922', '511902'] as const;

/** 18-digit resident ID: address + YYYYMMDD + 3-digit sequence (odd = male) + check digit. */
export function idNumber(rng: Random, birth: YMD, male: boolean): string {
  const seq = rng.int(0, 499) * 2 + (male ? 1 : 0);
  const first17 = rng.pick(ID_PREFIXES) + birth.year + pad2(birth.month) + pad2(birth.day) + String(seq).padStart(3, '0');
  return first17 + idCheckDigit(first17);
}

/** 11-digit mobile number 1[3-9]xxxxxxxxx. */
export function mobileNumber(rng: Random): string {
  let s = '1' + rng.int(3, 9);
  for (let i = 0; i < 9; i++) s += rng.int(0, 9);
  return s;
}
