/** The findings of a check, as the report and the command line show them. */

export type Severity = 'error' | 'warning' | 'info';

/**
 * Report codes. Frictionless names where they exist; the rest are specific to disclosures.
 * Every issue has a code, a Chinese message saying what to do, and where it is (row, column).
 */
export type IssueCode =
  | 'not-csv' | 'empty-file' | 'encoding-error' | 'no-header' | 'missing-column' | 'duplicate-column'
  | 'missing-value' | 'type-error' | 'constraint-error' | 'duplicate-row' | 'unknown-region'
  | 'total-mismatch' | 'pii-exposed' | 'duplicate-person' | 'private-column-dropped' | 'unknown-column'
  | 'context-from-name' | 'mangled-id' | 'payment-exceeds-contract' | 'payment-exceeds-budget'
  | 'unknown-file' | 'parse-error' | 'value-converted' | 'unreadable-file' | 'period-mismatch';

export interface Issue {
  severity: Severity;
  code: IssueCode | string;
  /** The row number a spreadsheet shows (1-based), when the issue is about one record. */
  row?: number;
  /** The header text as written in the file. */
  column?: string;
  message: string;
}

export const CODE_LABEL: Record<string, string> = {
  'not-csv': '不是 CSV 表格', 'empty-file': '空文件', 'encoding-error': '无法识别的字符', 'no-header': '找不到表头',
  'missing-column': '缺少必需的列', 'duplicate-column': '重复的列', 'missing-value': '必填项为空', 'type-error': '格式不对',
  'constraint-error': '数值不合要求', 'duplicate-row': '重复的记录', 'unknown-region': '未知的乡镇或村',
  'total-mismatch': '合计不符', 'pii-exposed': '公开列中有个人信息', 'duplicate-person': '同一人重复享受',
  'private-column-dropped': '个人信息列不公开', 'unknown-column': '未识别的列不公开', 'context-from-name': '从文件名或标题读取',
  'mangled-id': '身份证号被 Excel 改写', 'payment-exceeds-contract': '支付超过合同金额', 'payment-exceeds-budget': '拨付超过资金规模',
  'unknown-file': '无法归类的文件', 'parse-error': 'CSV 格式问题', 'value-converted': '数值已换算', 'unreadable-file': '无法读取的文件',
  'period-mismatch': '文件名与表中月份不符',
  'site-feature-off': '网站功能受限',
  'site-url-missing': '未填写网站地址',
};
