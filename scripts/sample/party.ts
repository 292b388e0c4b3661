/** 党费 (party dues): one row per village party branch per year. */
import { TAG, openCsv, yuan } from './context.ts';
import type { Context } from './context.ts';
import { rngFor } from './prng.ts';
import { PARTY_DUES_HEADER } from './headers.ts';

export function partyYears(ctx: Context): number[] {
  return [...new Set(ctx.months.map((m) => m.year))];
}

/**
 * Branch names: 中共王家村支部委员会; when the same village name occurs in another
 * township (big synthetic runs), the township is added (中共青石镇王家村支部委员会)
 * so 党组织 + 年度 stays unique.
 */
export function branchNames(ctx: Context): string[] {
  const count = new Map<string, number>();
  for (const v of ctx.regions.villages) count.set(v.name, (count.get(v.name) ?? 0) + 1);
  return ctx.regions.villages.map((v) => `中共${(count.get(v.name) ?? 0) > 1 ? v.township.name : ''}${v.name}支部委员会`);
}

export function writePartyDues(ctx: Context): void {
  const names = branchNames(ctx);
  for (const year of partyYears(ctx)) {
    const w = openCsv(ctx, `party-dues/${year}.csv`);
    w.line(PARTY_DUES_HEADER);
    for (const village of ctx.regions.villages) {
      const base = rngFor(ctx.seed, TAG.party, village.index);
      const farmersBase = base.int(15, 75);
      const rng = rngFor(ctx.seed, TAG.party, village.index, year);
      const farmers = Math.max(5, farmersBase + rng.int(-2, 3));
      // Farmer members pay 0.5 元/月; a few salaried or retired members pay a percentage of income.
      const salaried = rng.int(0, 4);
      let monthlyCents = farmers * 50;
      for (let i = 0; i < salaried; i++) monthlyCents += rng.int(10, 60) * 100;
      const due = monthlyCents * 12;
      w.row([names[village.index] as string, village.township.name, village.name, year, farmers + salaried, yuan(due), yuan(due)]);
    }
    w.close();
  }
}
