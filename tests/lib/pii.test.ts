import { describe, expect, it } from 'vitest';
import { findPii, idCheckDigit, isLuhnValid, isValidResidentId, maskIdentifier } from '../../src/lib/pii.ts';
import { bankCard, residentId, wrongCheckDigit } from './helpers.ts';

describe('resident ID numbers (GB 11643)', () => {
  it('computes the ISO 7064 MOD 11-2 check digit, including X', () => {
    // The standard's worked example.
    expect(idCheckDigit('11010519491231002')).toBe('X');
    expect(isValidResidentId('11010519491231002X')).toBe(true);
    expect(isValidResidentId('11010519491231002x')).toBe(true);
  });

  it('rejects a wrong check digit, an impossible birth date and the wrong length', () => {
    const id = residentId(1);
    expect(isValidResidentId(id)).toBe(true);
    expect(isValidResidentId(wrongCheckDigit(id))).toBe(false);
    const badMonth = '51012219801301001';
    expect(isValidResidentId(badMonth + idCheckDigit(badMonth))).toBe(false);
    expect(isValidResidentId(id.slice(0, 17))).toBe(false);
  });
});

describe('isLuhnValid', () => {
  it('accepts card numbers with a valid Luhn digit only', () => {
    const card = bankCard();
    expect(isLuhnValid(card)).toBe(true);
    expect(isLuhnValid(card.slice(0, -1) + ((Number(card.at(-1)) + 1) % 10))).toBe(false);
  });
});

describe('findPii', () => {
  const id = residentId(7);
  const card = bankCard();

  it('finds an ID number with a valid check digit, alone or inside text', () => {
    expect(findPii(id)).toEqual({ kind: 'id-number', match: id });
    expect(findPii(`张三（${id}）`)?.kind).toBe('id-number');
  });

  it('does not call an 18-digit number with a wrong check digit an ID', () => {
    expect(findPii(wrongCheckDigit(id))?.kind).not.toBe('id-number');
  });

  it('finds mobile numbers, also written in groups', () => {
    expect(findPii('13800138000')?.kind).toBe('mobile');
    expect(findPii('联系人张三13912345678')?.kind).toBe('mobile');
    expect(findPii('138 0013 8000')?.kind).toBe('mobile');
    expect(findPii('138-0013-8000')?.kind).toBe('mobile');
  });

  it('finds mobiles with the country code, with dots, and in full-width digits', () => {
    for (const text of ['+86 138 1234 5678', '8613812345678', '008613812345678', '+86-13812345678', '手机：138.1234.5678', '１３８１２３４５６７８', '１３８ １２３４ ５６７８']) {
      expect(findPii(text)?.kind, text).toBe('mobile');
    }
  });

  it('finds an ID written in full-width digits', () => {
    const fullWidth = [...id].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('');
    expect(findPii(`身份证：${fullWidth}`)?.kind).toBe('id-number');
  });

  it('finds bank card numbers, also written in groups of four', () => {
    expect(findPii(card)?.kind).toBe('bank-card');
    const grouped = card.replace(/(\d{4})(?=\d)/g, '$1 ');
    expect(grouped).toMatch(/^\d{4} \d{4} \d{4} \d{4}$/);
    expect(findPii(grouped)?.kind).toBe('bank-card');
    expect(findPii(`卡号${card}`)?.kind).toBe('bank-card');
  });

  it('finds IDs Excel turned into 5.11999E+17', () => {
    expect(findPii('5.11999E+17')?.kind).toBe('mangled-id');
    expect(findPii('身份证5.10122E+17')?.kind).toBe('mangled-id');
  });

  it('finds IDs masked too weakly to protect anyone, but not properly masked ones', () => {
    expect(findPii('5101221980****0015')?.kind).toBe('weak-mask');
    // Stars only at the end still show the birth date.
    expect(findPii('51192319750609****')?.kind).toBe('weak-mask');
    expect(findPii('511923197506******')?.kind).toBe('weak-mask');
    expect(findPii('身份证号５１１９２３１９７５０６０９＊＊＊＊')?.kind).toBe('weak-mask');
    expect(findPii('5119231975********')).toBeUndefined();
    expect(findPii('51**************15')).toBeUndefined();
    expect(findPii('510122********0015')).toBeUndefined();
  });

  it.each([
    '0838-1234567', '(0838)12345678', '12345', '2024-06-01', '2024-01-04-2024-12-31', '20240104-20241231',
    '1,234,567.89', '硬化道路2公里，宽4.5米', '记-20240601', '受益户120户480人', '',
    '1500.12345678', '13.5 14.2 15.8', '2024.10.15-2025.01.15', '１２３４５', '3,000,000.00',
  ])('leaves %j alone', (text) => {
    expect(findPii(text)).toBeUndefined();
  });

  it('allows office and mobile numbers in a declared contact column, but never IDs or cards', () => {
    expect(findPii('0838-1234567', true)).toBeUndefined();
    expect(findPii('13800138000', true)).toBeUndefined();
    expect(findPii(id, true)?.kind).toBe('id-number');
    expect(findPii(card, true)?.kind).toBe('bank-card');
  });
});

describe('maskIdentifier', () => {
  it('shows only the first 2 and last 3 characters', () => {
    const id = residentId(3);
    const masked = maskIdentifier(id);
    expect(masked).toHaveLength(18);
    expect(masked.startsWith(id.slice(0, 2))).toBe(true);
    expect(masked.endsWith(id.slice(-3))).toBe(true);
    expect(masked.slice(2, -3)).toBe('*'.repeat(13));
    expect(maskIdentifier('12345')).toBe('*****');
  });
});
