import type { DataSource } from "typeorm";

import type { AdministrativeUnitService } from "../admin/service";
import type { Level } from "../config";
import { type CounterRow, counterFigures, countersCover } from "./counters";
import { FiguresByPeriod, periodOf } from "./figures";
import { BreakdownAxis, FiguresSplit, type Grouped, sumFigures } from "./grouping";
import { type ProcessingFigures, emptyProcessingFigures, processingFigures } from "./processing";
import { type ReceptionFigures, emptyReceptionFigures, receptionFigures } from "./reception";
import { type ResolutionFigures, emptyFigures, resolutionFigures } from "./resolution";

/** The kinds of case with a resolution form. */
export type ResolvedKind = "COMPLAINT" | "DENUNCIATION" | string;

/** Which bodies a row of the forms covers: units of this level, optionally only some body groups. */
export interface RowScope {
  unitCodes: readonly string[];
  /** "COMMITTEE" and/or "AGENCIES"; every body when absent. */
  groups?: readonly string[];
  period: string;
}

/** Every form's figures for one row: reception (01/TCD, Party), processing (01/XLD), complaints (01/KQGQ), denunciations (03/KQGQ). */
export interface FormFigures {
  reception: ReceptionFigures;
  processing: ProcessingFigures;
  complaints: ResolutionFigures;
  denunciations: ResolutionFigures;
}

/** One group of a breakdown and its figures. */
export interface Breakdown<F> {
  key: string;
  figures: F;
}

const AXIS_SPLIT: Record<BreakdownAxis, FiguresSplit> = {
  [BreakdownAxis.FIELD]: FiguresSplit.FIELD,
  [BreakdownAxis.SECTOR]: FiguresSplit.SECTOR,
  [BreakdownAxis.KIND]: FiguresSplit.KIND,
};

/**
 * The figures of the statutory report forms for this level's units, by request-scoped loaders:
 * whole-month periods (years, quarters, 6 and 9 months, month ranges) from the report counters, every
 * form in one statement (often none: counter rows are cached between requests); other date ranges
 * and the breakdowns from the records, one statement per form, period and split. Either way the
 * number of statements does not grow with the number of units asked for.
 */
export class StatisticsService {
  private readonly resolution: FiguresByPeriod<ResolutionFigures>;
  private readonly processing: FiguresByPeriod<ProcessingFigures>;
  private readonly reception: FiguresByPeriod<ReceptionFigures>;
  /** Every form at once from the report counters, for whole-month periods. */
  private readonly counters: FiguresByPeriod<CounterRow>;
  private readonly countedRows = new Map<string, Promise<FormFigures>>();
  /** The rows whose reception figures came from the counters, for their `cases` (see receptionCasesOf). */
  private readonly casesScopes = new WeakMap<object, RowScope>();

  constructor(
    dataSource: DataSource,
    private readonly units: AdministrativeUnitService,
  ) {
    this.counters = new FiguresByPeriod(
      (period, codes, _variant, split) => counterFigures(dataSource, period, codes, split === FiguresSplit.BODY_GROUP) as Promise<Grouped<CounterRow>[]>,
      emptyCounterRow,
    );
    // From the records: periods that are not whole months, breakdowns, and reception's distinct matters.
    this.resolution = new FiguresByPeriod((period, codes, kind, split) => resolutionFigures(dataSource, kind, period, codes, split), emptyFigures);
    this.processing = new FiguresByPeriod((period, codes, _variant, split) => processingFigures(dataSource, period, codes, split), emptyProcessingFigures);
    this.reception = new FiguresByPeriod(
      (period, codes, _variant, split) => receptionFigures(dataSource, period, codes, split === FiguresSplit.BODY_GROUP ? split : FiguresSplit.UNIT),
      emptyReceptionFigures,
    );
  }

  /** Resolution figures (01/KQGQ, 03/KQGQ) of one unit's bodies. */
  resolutionFigures(unitCode: string, kind: ResolvedKind, period: string): Promise<ResolutionFigures> {
    if (kind === "COMPLAINT" || kind === "DENUNCIATION") {
      return this.rowPart({ unitCodes: [unitCode], period }, kind === "COMPLAINT" ? "complaints" : "denunciations");
    }
    return this.resolution.load(unitCode, period, kind);
  }

  /** Processing figures (01/XLD) of one unit's bodies. */
  processingFigures(unitCode: string, period: string): Promise<ProcessingFigures> {
    return this.rowPart({ unitCodes: [unitCode], period }, "processing");
  }

  /** Reception figures (01/TCD and the Party's reception) of one unit's bodies. */
  receptionFigures(unitCode: string, period: string): Promise<ReceptionFigures> {
    return this.rowPart({ unitCodes: [unitCode], period }, "reception");
  }

  /**
   * Distinct matters the visits of some reception figures were about: as they are, or, for figures
   * from the counters (a count of distinct values has no counter), from the records when asked; null
   * for figures this request did not compute (a total over several levels).
   */
  receptionCasesOf(figures: ReceptionFigures): number | null | Promise<number> {
    if (typeof figures.cases === "number") {
      return figures.cases;
    }
    const scope = this.casesScopes.get(figures);
    return scope ? this.receptionCases(scope) : null;
  }

  private async receptionCases(scope: RowScope): Promise<number> {
    const split = scope.groups ? FiguresSplit.BODY_GROUP : FiguresSplit.UNIT;
    return (await this.reception.total(scope.unitCodes, scope.period, "", split, scope.groups)).cases;
  }

  /** One form's figures for a row of the forms: some units of this level, optionally some of their body groups. */
  rowPart<K extends keyof FormFigures>(scope: RowScope, form: K): Promise<FormFigures[K]> {
    if (countersCover(periodOf(scope.period))) {
      return this.countedRow(scope).then((row) => row[form]);
    }
    const split = scope.groups ? FiguresSplit.BODY_GROUP : FiguresSplit.UNIT;
    const loaders = {
      reception: () => this.reception.total(scope.unitCodes, scope.period, "", split, scope.groups),
      processing: () => this.processing.total(scope.unitCodes, scope.period, "", split, scope.groups),
      complaints: () => this.resolution.total(scope.unitCodes, scope.period, "COMPLAINT", split, scope.groups),
      denunciations: () => this.resolution.total(scope.unitCodes, scope.period, "DENUNCIATION", split, scope.groups),
    } satisfies { [P in keyof FormFigures]: () => Promise<FormFigures[P]> };
    return loaders[form]() as Promise<FormFigures[K]>;
  }

  /** Every form's figures for a row of the forms. */
  async row(scope: RowScope): Promise<FormFigures> {
    if (countersCover(periodOf(scope.period))) {
      return this.countedRow(scope);
    }
    const [reception, processing, complaints, denunciations] = await Promise.all([
      this.rowPart(scope, "reception"),
      this.rowPart(scope, "processing"),
      this.rowPart(scope, "complaints"),
      this.rowPart(scope, "denunciations"),
    ]);
    return { reception, processing, complaints, denunciations };
  }

  /**
   * Every form of a row from the counters at once (one load per unit, shared by the four forms),
   * remembered for the request: a report asks for each form of its own rows separately.
   */
  private countedRow(scope: RowScope): Promise<FormFigures> {
    const key = `${scope.period}|${scope.groups?.join(",") ?? ""}|${scope.unitCodes.join(",")}`;
    let row = this.countedRows.get(key);
    if (!row) {
      row = this.readCountedRow(scope);
      this.countedRows.set(key, row);
    }
    return row;
  }

  private async readCountedRow(scope: RowScope): Promise<FormFigures> {
    const split = scope.groups ? FiguresSplit.BODY_GROUP : FiguresSplit.UNIT;
    const loaded = await Promise.all(scope.unitCodes.map((code) => this.counters.loadGroups(code, scope.period, "", split)));
    const rows = loaded.flat().filter((row) => !scope.groups || scope.groups.includes(row.group));
    const empty = emptyCounterRow(scope.unitCodes.length === 1 ? scope.unitCodes[0]! : "");
    // The common case: one unit, one group: its figures as they are (shared, never changed in place).
    const one = rows.length === 1 && scope.unitCodes.length === 1 ? rows[0]! : undefined;
    const form = <K extends keyof FormFigures>(name: K): FormFigures[K] =>
      one ? (one[name] as FormFigures[K]) : rows.length === 0 ? (empty[name] as FormFigures[K]) : sumFigures(rows.map((r) => r[name] as FormFigures[K]), empty[name] as FormFigures[K]);
    const reception = form("reception");
    if (!one && rows.length > 0) {
      // Summed from the counters, which have no distinct matters: computed when selected.
      delete (reception as Partial<ReceptionFigures>).cases;
    }
    this.casesScopes.set(reception, scope);
    return {
      reception,
      processing: form("processing"),
      complaints: form("complaints"),
      denunciations: form("denunciations"),
    };
  }

  /** The codes of this level's units under a higher unit (a province's districts or communes, a district's communes). */
  async unitsUnder(parentCode: string, parentLevel: Level): Promise<string[]> {
    const units = parentLevel === "province" ? await this.units.inProvince(parentCode) : await this.units.children(parentCode);
    return units.map((u) => u.code);
  }

  /** Resolution figures of one unit broken down by field, sector or kind; groups in key order. */
  async resolutionBreakdown(unitCode: string, kind: ResolvedKind, period: string, by: BreakdownAxis): Promise<Breakdown<ResolutionFigures>[]> {
    return byKey(await this.resolution.loadGroups(unitCode, period, kind, AXIS_SPLIT[by]));
  }

  /** Processing figures of one unit broken down by field, sector or kind. */
  async processingBreakdown(unitCode: string, period: string, by: BreakdownAxis): Promise<Breakdown<ProcessingFigures>[]> {
    return byKey(await this.processing.loadGroups(unitCode, period, "", AXIS_SPLIT[by]));
  }
}

function emptyCounterRow(unitCode: string): CounterRow {
  return {
    unitCode,
    group: "",
    reception: emptyReceptionFigures(unitCode),
    processing: emptyProcessingFigures(unitCode),
    complaints: emptyFigures(unitCode),
    denunciations: emptyFigures(unitCode),
  };
}

function byKey<F>(rows: Grouped<F>[]): Breakdown<F>[] {
  return rows.map((row) => ({ key: row.group, figures: row as F })).sort((a, b) => a.key.localeCompare(b.key));
}
