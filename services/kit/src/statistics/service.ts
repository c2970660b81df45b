import type { DataSource } from "typeorm";

import type { AdministrativeUnitService } from "../admin/service";
import type { Level } from "../config";
import { FiguresByPeriod } from "./figures";
import { BreakdownAxis, FiguresSplit, type Grouped } from "./grouping";
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
 * The figures of the statutory report forms for this level's units, computed from the records by
 * request-scoped loaders: whatever the number of units a request asks for, each form costs one
 * statement per period and split.
 */
export class StatisticsService {
  private readonly resolution: FiguresByPeriod<ResolutionFigures>;
  private readonly processing: FiguresByPeriod<ProcessingFigures>;
  private readonly reception: FiguresByPeriod<ReceptionFigures>;

  constructor(
    dataSource: DataSource,
    readonly level: Level,
    private readonly units: AdministrativeUnitService,
  ) {
    this.resolution = new FiguresByPeriod((period, codes, kind, split) => resolutionFigures(dataSource, kind, period, codes, split), emptyFigures);
    this.processing = new FiguresByPeriod((period, codes, _variant, split) => processingFigures(dataSource, period, codes, split), emptyProcessingFigures);
    this.reception = new FiguresByPeriod(
      (period, codes, _variant, split) => receptionFigures(dataSource, period, codes, split === FiguresSplit.BODY_GROUP ? split : FiguresSplit.UNIT),
      emptyReceptionFigures,
    );
  }

  /** Resolution figures (01/KQGQ, 03/KQGQ) of one unit's bodies. */
  resolutionFigures(unitCode: string, kind: ResolvedKind, period: string): Promise<ResolutionFigures> {
    return this.resolution.load(unitCode, period, kind);
  }

  /** Processing figures (01/XLD) of one unit's bodies. */
  processingFigures(unitCode: string, period: string): Promise<ProcessingFigures> {
    return this.processing.load(unitCode, period);
  }

  /** Reception figures (01/TCD and the Party's reception) of one unit's bodies. */
  receptionFigures(unitCode: string, period: string): Promise<ReceptionFigures> {
    return this.reception.load(unitCode, period);
  }

  /** One form's figures for a row of the forms: some units of this level, optionally some of their body groups. */
  rowPart<K extends keyof FormFigures>(scope: RowScope, form: K): Promise<FormFigures[K]> {
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
    const [reception, processing, complaints, denunciations] = await Promise.all([
      this.rowPart(scope, "reception"),
      this.rowPart(scope, "processing"),
      this.rowPart(scope, "complaints"),
      this.rowPart(scope, "denunciations"),
    ]);
    return { reception, processing, complaints, denunciations };
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

function byKey<F>(rows: Grouped<F>[]): Breakdown<F>[] {
  return rows.map((row) => ({ key: row.group, figures: row as F })).sort((a, b) => a.key.localeCompare(b.key));
}
