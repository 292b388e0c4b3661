/**
 * Seeded, deterministic sample-data generator for Sunlight (阳光公开).
 *
 *   node scripts/generate-sample.ts [--out DIR] [--villages N] [--townships N]
 *                                   [--months N] [--seed N] [--clean-only]
 *
 * Same arguments → byte-identical output. Before writing it removes only the
 * dataset folders/files it writes inside DIR (see OUTPUT_ENTRIES).
 */
import { DEFAULTS, describeMonths, generateSample } from './sample/generate.ts';
import type { GenerateOptions } from './sample/generate.ts';

const USAGE = `usage: node scripts/generate-sample.ts [--out DIR (default data)] [--villages N (default 15)]
       [--townships N (default 3 for ≤15 villages, else ceil(N/15))] [--months N (default 12)]
       [--seed N (default 20261)] [--clean-only]`;

class UsageError extends Error {}

function parseArgs(argv: readonly string[]): GenerateOptions {
  const options: GenerateOptions = { ...DEFAULTS };
  const int = (flag: string, raw: string | undefined): number => {
    if (raw === undefined || !/^-?\d+$/.test(raw)) throw new UsageError(`${flag} needs an integer value`);
    return Number(raw);
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const eq = arg.indexOf('=');
    const flag = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const value = (): string | undefined => (eq > 0 && arg.startsWith('--') ? arg.slice(eq + 1) : argv[++i]);
    switch (flag) {
      case '--out': {
        const v = value();
        if (!v) throw new UsageError('--out needs a directory');
        options.out = v;
        break;
      }
      case '--villages': options.villages = int(flag, value()); break;
      case '--townships': options.townships = int(flag, value()); break;
      case '--months': options.months = int(flag, value()); break;
      case '--seed': options.seed = int(flag, value()); break;
      case '--clean-only': options.cleanOnly = true; break;
      case '--help':
      case '-h':
        console.log(USAGE);
        process.exit(0);
        break;
      default:
        throw new UsageError(`unknown argument ${arg}`);
    }
  }
  return options;
}

try {
  const options = parseArgs(process.argv.slice(2));
  const started = performance.now();
  const s = generateSample(options);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `generate-sample: ${s.files} files, ${s.rows} rows, ${s.bytes} bytes → ${s.out} ` +
      `(seed ${s.seed}, ${s.villages} villages, ${s.townships} townships, ${s.counties} ${s.counties === 1 ? 'county' : 'counties'}, ` +
      `${s.months} months ${describeMonths(s.months)}${s.cleanOnly ? ', clean-only' : ''}) in ${seconds}s`,
  );
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`generate-sample: ${message}`);
  if (error instanceof UsageError || error instanceof RangeError) console.error(USAGE);
  process.exit(error instanceof UsageError || error instanceof RangeError ? 2 : 1);
}
