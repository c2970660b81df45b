import type DataLoader from "dataloader";

import { badInput } from "../errors";
import { keyedLoader } from "../loaders";
import { type Period, parsePeriod } from "./periods";

/**
 * Request-scoped loaders of per-unit figures, one per period (and variant, such as the kind of
 * case): all the units a request asks for are computed by one statement, whatever their number.
 */
export class FiguresByPeriod<F extends { unitCode: string }> {
  private readonly loaders = new Map<string, DataLoader<string, F | null>>();

  constructor(
    private readonly fetch: (period: Period, unitCodes: readonly string[], variant: string) => Promise<F[]>,
    private readonly empty: (unitCode: string) => F,
  ) {}

  /** The figures of one unit; a period the reports do not know is a BAD_USER_INPUT on `period`. */
  load(unitCode: string, periodText: string, variant = ""): Promise<F> {
    const period = parsePeriod(periodText);
    if (!period) {
      throw badInput("period", `"${periodText}" is not a period: 2024, 2024-Q3, 2024-6M, 2024-9M or 2024-03-01..2024-05-31`);
    }
    const key = `${variant}|${period.from}|${period.to}`;
    let loader = this.loaders.get(key);
    if (!loader) {
      loader = keyedLoader((codes) => this.fetch(period, codes, variant), (f) => f.unitCode);
      this.loaders.set(key, loader);
    }
    // Every unit asked for gets a row (zeros when it has nothing), so the null never comes.
    return loader.load(unitCode).then((f) => f ?? this.empty(unitCode));
  }
}
