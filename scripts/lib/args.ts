/** Minimal `--flag value` / `--flag=value` argument parsing for the project's scripts. */
export function parseArgs(argv: string[], known: Record<string, 'string' | 'boolean'>): { values: Record<string, string | boolean>; error?: string } {
  const values: Record<string, string | boolean> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) return { values, error: `未知参数 unknown argument: ${a}` };
    const eq = a.indexOf('=');
    const name = a.slice(2, eq < 0 ? undefined : eq);
    const kind = known[name];
    if (!kind) return { values, error: `未知选项 unknown option: --${name}（可用：${Object.keys(known).map((k) => '--' + k).join(' ')}）` };
    if (kind === 'boolean') { values[name] = true; continue; }
    const v = eq >= 0 ? a.slice(eq + 1) : argv[++i];
    if (v === undefined || v === '') return { values, error: `--${name} 需要一个值 needs a value` };
    values[name] = v;
  }
  return { values };
}
