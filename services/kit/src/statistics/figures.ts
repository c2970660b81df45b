import type DataLoader from "dataloader";

import { badInput } from "../errors";
import { groupedLoader } from "../loaders";
import { FiguresSplit, type Grouped, sumFigures } from "./grouping";
import { type Period, parsePeriod } from "./periods";

/** A report period from its text, or a BAD_USER_INPUT on `period`. */
export function periodOf(text: string): Period {
  let period = readPeriods.get(text);
  if (!period) {
    const parsed = parsePeriod(text);
    if (!parsed) {
      throw badInput("period", `"${text}" is not a period: 2024, 2024-Q3, 2024-6M, 2024-9M or 2024-03-01..2024-05-31`);
    }
    // Read once per text: a dashboard asks for the same period a thousand times per request.
    if (readPeriods.size > 1_000) {
      readPeriods.clear();
    }
    period = Object.freeze(parsed);
    readPeriods.set(text, period);
  }
  return period;
}

const readPeriods = new Map<string, Readonly<Period>>();

/**
 * Request-scoped loaders of per-unit figures, one per period, split and variant (such as the kind
 * of case): all the units a request asks for are computed by one statement, whatever their number.
 */
export class FiguresByPeriod<F extends { unitCode: string }> {
  private readonly loaders = new Map<string, DataLoader<string, Grouped<F>[]>>();

  constructor(
    private readonly fetch: (period: Period, unitCodes: readonly string[], variant: string, split: FiguresSplit) => Promise<Grouped<F>[]>,
    private readonly empty: (unitCode: string) => F,
  ) {}

  /** The figures of one unit, split into groups (only the groups that have figures). */
  loadGroups(unitCode: string, periodText: string, variant = "", split = FiguresSplit.UNIT): Promise<Grouped<F>[]> {
    const period = periodOf(periodText);
    const key = `${variant}|${split}|${period.from}|${period.to}`;
    let loader = this.loaders.get(key);
    if (!loader) {
      loader = groupedLoader((codes) => this.fetch(period, codes, variant, split), (f) => f.unitCode);
      this.loaders.set(key, loader);
    }
    return loader.load(unitCode);
  }

  /** The figures of one unit; zeros when it has nothing in the period. */
  async load(unitCode: string, periodText: string, variant = ""): Promise<F> {
    return this.total([unitCode], periodText, variant);
  }

  /** The figures of several units added up, optionally only some groups of a split; one statement for all. */
  async total(unitCodes: readonly string[], periodText: string, variant = "", split = FiguresSplit.UNIT, groups?: readonly string[]): Promise<F> {
    periodOf(periodText);
    const all = await Promise.all(unitCodes.map((code) => this.loadGroups(code, periodText, variant, split)));
    const rows = all.flat().filter((row) => !groups || groups.includes(row.group));
    const empty = this.empty(unitCodes.length === 1 ? unitCodes[0]! : "");
    // The common case on a dashboard: one unit, one group (or none): its row as it is.
    if (rows.length <= 1 && unitCodes.length === 1) {
      return rows[0] ?? empty;
    }
    return sumFigures<F>(rows, empty);
  }
}
