import { type DocumentNode, type FieldDefinitionNode, Kind, visit } from "graphql";
import { Arg, Ctx, Directive, Field, FieldResolver, ID, Int, ObjectType, Resolver, Root } from "type-graphql";

import type { AdministrativeUnitEntity } from "../admin/entities";
import type { LevelModule } from "../admin/graphql";
import { unitTypeName } from "../admin/kinds";
import { LEVELS, type Level } from "../config";
import type { RequestContext } from "../context";
import { CaseKind } from "../domain/cases/machine";
import type { ReferenceResolvers } from "../schema";
import { periodOf } from "./figures";
import { ProcessingFiguresType, ReceptionFiguresType, ResolutionFiguresType, withRates } from "./graphql";
import { BreakdownAxis, type BodyGroup, breakdownLabel, sumFigures } from "./grouping";
import { PROCESSING_FIGURE_NAMES, emptyProcessingFigures } from "./processing";
import { RECEPTION_FIGURE_NAMES, type ReceptionFigures, emptyReceptionFigures } from "./reception";
import { RESOLUTION_FIGURE_NAMES, emptyFigures } from "./resolution";
import type { FormFigures, RowScope } from "./service";

/**
 * A row of the forms: either the bodies it covers (computed lazily, one form at a time) or figures
 * already added up (the whole unit's total, from the rows of every level).
 */
export type ReportRow = { scope: RowScope } | { figures: FormFigures };

const PERIOD_HELP = "2024, 2024-Q3, 2024-6M, 2024-9M or 2024-03-01..2024-05-31";

/** Every form's figures for one row (a body group, a level or a whole unit). */
@Directive("@shareable")
@ObjectType("ReportFigures", { description: "Every form's figures for one row of the reports: 01/TCD and Party reception, 01/XLD, 01/KQGQ, 03/KQGQ" })
export class ReportFiguresType {
  @Field(() => ReceptionFiguresType, { description: "01/TCD and the Party secretaries' reception" })
  reception!: ReceptionFiguresType;

  @Field(() => ProcessingFiguresType, { description: "01/XLD petition processing" })
  processing!: ProcessingFiguresType;

  @Field(() => ResolutionFiguresType, { description: "01/KQGQ complaint resolution" })
  complaints!: ResolutionFiguresType;

  @Field(() => ResolutionFiguresType, { description: "03/KQGQ denunciation resolution" })
  denunciations!: ResolutionFiguresType;
}

async function part<K extends keyof FormFigures>(row: ReportRow, form: K, ctx: RequestContext): Promise<FormFigures[K]> {
  return "figures" in row ? row.figures[form] : ctx.statistics.rowPart(row.scope, form);
}

@Resolver(() => ReportFiguresType)
class ReportFiguresResolver {
  @FieldResolver(() => ReceptionFiguresType)
  reception(@Root() row: ReportRow, @Ctx() ctx: RequestContext): Promise<ReceptionFiguresType> {
    return part(row, "reception", ctx);
  }

  @FieldResolver(() => ProcessingFiguresType)
  processing(@Root() row: ReportRow, @Ctx() ctx: RequestContext): Promise<ProcessingFiguresType> {
    return part(row, "processing", ctx);
  }

  @FieldResolver(() => ResolutionFiguresType)
  async complaints(@Root() row: ReportRow, @Ctx() ctx: RequestContext): Promise<ResolutionFiguresType> {
    return withRates(await part(row, "complaints", ctx));
  }

  @FieldResolver(() => ResolutionFiguresType)
  async denunciations(@Root() row: ReportRow, @Ctx() ctx: RequestContext): Promise<ResolutionFiguresType> {
    return withRates(await part(row, "denunciations", ctx));
  }
}

@Resolver(() => ReceptionFiguresType)
class ReceptionCasesResolver {
  /** Read from the records only when selected: distinct matters have no counter. */
  @FieldResolver(() => Int, { nullable: true })
  cases(@Root() figures: ReceptionFigures, @Ctx() ctx: RequestContext): number | null | Promise<number> {
    return ctx.statistics.receptionCasesOf(figures);
  }
}

/** One group of a breakdown (a field, a sector or a kind of content). */
@Directive("@shareable")
@ObjectType("ResolutionBreakdown", { description: "Resolution figures of one field, sector or kind" })
class ResolutionBreakdownType {
  @Field({ description: "Enum value of the group (PetitionField, Sector or CaseKind), UNSPECIFIED / GENERAL / UNCLASSIFIED when none" })
  key!: string;

  @Field({ description: "Vietnamese name of the group, as the forms print it" })
  label!: string;

  @Field(() => ResolutionFiguresType)
  figures!: ResolutionFiguresType;
}

/** One group of a processing breakdown. */
@Directive("@shareable")
@ObjectType("ProcessingBreakdown", { description: "Processing figures of one field, sector or kind" })
class ProcessingBreakdownType {
  @Field({ description: "Enum value of the group (PetitionField, Sector or CaseKind), UNSPECIFIED / GENERAL / UNCLASSIFIED when none" })
  key!: string;

  @Field({ description: "Vietnamese name of the group, as the forms print it" })
  label!: string;

  @Field(() => ProcessingFiguresType)
  figures!: ProcessingFiguresType;
}

/** Name of a unit's report entity: ProvinceReport, DistrictReport, CommuneReport. */
export const reportTypeName = (level: Level): string => `${unitTypeName(level)}Report`;

/** Field of a higher unit's report holding one level's row: provinceLevel, districtLevel, communeLevel. */
export const levelRowField = (level: Level): string => `${level}Level`;

/** The levels under a level, in order. */
const levelsBelow = (level: Level): Level[] => LEVELS.slice(LEVELS.indexOf(level) + 1);

/** The levels above a level. */
const levelsAbove = (level: Level): Level[] => LEVELS.slice(0, LEVELS.indexOf(level));

/** The own rows of a level's report split by body group, named as the forms name them. */
const OWN_ROWS: Readonly<Record<Level, readonly [string, BodyGroup, string][]>> = {
  province: [
    ["provincialCommittee", "COMMITTEE", "The provincial People's Committee, its citizen reception board and the provincial Party committee"],
    ["departments", "AGENCIES", "Provincial departments (sở) and the provincial inspectorate"],
  ],
  district: [
    ["districtCommittee", "COMMITTEE", "The district People's Committee, its citizen reception board and the district Party committee"],
    ["offices", "AGENCIES", "District offices (phòng) and the district inspectorate"],
  ],
  commune: [],
};

const selection = (names: readonly string[]): string => names.join(" ");

/** The selection of every counted figure of a row, for `@requires` (rates are derived again from the sums). */
export const REPORT_FIGURES_SELECTION =
  `reception { ${selection(RECEPTION_FIGURE_NAMES.filter((name) => name !== "cases"))} } processing { ${selection(PROCESSING_FIGURE_NAMES)} } ` +
  `complaints { ${selection(RESOLUTION_FIGURE_NAMES)} } denunciations { ${selection(RESOLUTION_FIGURE_NAMES)} }`;

/** The `@requires` selection of a report's total: the rows of the levels below that the deployment runs. */
export const totalRequires = (level: Level, levels: readonly Level[]): string =>
  levelsBelow(level)
    .filter((below) => levels.includes(below))
    .map((below) => `${levelRowField(below)} { ${REPORT_FIGURES_SELECTION} }`)
    .join(" ");

/** Adds up rows of every form. */
export function addRows(rows: readonly FormFigures[]): FormFigures {
  return {
    reception: sumFigures(rows.map((r) => r.reception), emptyReceptionFigures("")),
    processing: sumFigures(rows.map((r) => r.processing), emptyProcessingFigures("")),
    complaints: sumFigures(rows.map((r) => r.complaints), emptyFigures("")),
    denunciations: sumFigures(rows.map((r) => r.denunciations), emptyFigures("")),
  };
}

/** What a report entity holds: its key, and the rows of lower levels the gateway fetched for `total`. */
interface ReportKey {
  unitCode: string;
  period: string;
  [row: string]: unknown;
}

/** The statistics module of a level's subgraph: reports and breakdowns of its units, rows contributed to higher units' reports. */
export interface ReportsModule {
  resolvers: Function[];
  /** The higher units' report entities this level contributes to: no field of this subgraph returns them. */
  orphanedTypes: Function[];
  referenceResolvers: ReferenceResolvers;
}

/**
 * Reports of a level's units, rolled up through the federation: `<Unit>.report(period)` returns the
 * unit's report entity (key: unit code and period). The unit's own subgraph gives its own rows; the
 * subgraph of every level below contributes that level's row to the entity (`districtLevel`,
 * `communeLevel`), computed in its own database; `total` adds them up with `@requires`, so the
 * whole province is one request and no subgraph reads another's data.
 */
export function defineReports(level: Level, units: LevelModule): ReportsModule {
  const below = levelsBelow(level);

  @Directive(`@key(fields: "unitCode period")`)
  @ObjectType(reportTypeName(level), {
    description: `The report forms of a ${level} for a period, with its rows (the form's row structure) and total; rows of lower levels come from their subgraphs`,
  })
  class Report {
    @Field(() => ID)
    unitCode!: string;

    @Field({ description: PERIOD_HELP })
    period!: string;
  }

  // The lower levels' rows are declared external: the gateway fetches them from their subgraphs for `total`.
  for (const lower of below) {
    Field(() => ReportFiguresType, { nullable: true, description: `Every ${lower} body under the unit (their subgraph computes it)` })(Report.prototype, levelRowField(lower));
    Directive("@external")(Report.prototype, levelRowField(lower));
  }

  // The unit's own rows are plain fields: cheap descriptors of the bodies they cover, computed when selected.
  Field(() => String, { description: "First day of the period (YYYY-MM-DD)" })(Report.prototype, "from");
  Field(() => String, { description: "Last day of the period, included" })(Report.prototype, "to");
  Field(() => ReportFiguresType, { description: `Every body of the ${level} itself` })(Report.prototype, levelRowField(level));
  for (const [name, , description] of OWN_ROWS[level]) {
    Field(() => ReportFiguresType, { description })(Report.prototype, name);
  }

  @Resolver(() => Report)
  class ReportResolver {
    @FieldResolver(() => ReportFiguresType, {
      nullable: true,
      description: below.length ? `The whole ${level}: its own bodies and those of every level below` : "The whole commune",
    })
    async total(@Root() report: ReportKey, @Ctx() ctx: RequestContext): Promise<ReportRow> {
      const own = await ctx.statistics.row({ unitCodes: [report.unitCode], period: report.period });
      // Whatever rows of lower levels the gateway brought (none for a level that runs alone).
      const lower = below.map((l) => report[levelRowField(l)] as FormFigures | null | undefined).filter((r): r is FormFigures => r != null);
      if (lower.length === 0) {
        return { figures: own };
      }
      const figures = addRows([own, ...lower]);
      // Distinct matters do not add up across levels (see ReceptionFiguresType.cases).
      return { figures: { ...figures, reception: { ...figures.reception, cases: null as unknown as number } } };
    }
  }
  if (below.length) {
    Directive(`@requires(fields: "${totalRequires(level, LEVELS)}")`)(ReportResolver.prototype, "total");
  }

  /** The report entity of a unit and period, with its own rows as descriptors. */
  const reportOf = (key: ReportKey): ReportKey => {
    const period = periodOf(key.period);
    const row = (groups?: BodyGroup[]): ReportRow => ({ scope: { unitCodes: [key.unitCode], period: key.period, groups } });
    return {
      ...key,
      from: period.from,
      to: period.to,
      [levelRowField(level)]: row(),
      ...Object.fromEntries(OWN_ROWS[level].map(([name, group]) => [name, row([group])])),
    };
  };

  @Resolver(() => units.Unit)
  class UnitReportResolver {
    @FieldResolver(() => Report, { description: "The unit's report forms for a period, with every row and the total (one request for the whole unit)" })
    report(@Root() unit: AdministrativeUnitEntity, @Arg("period", { description: PERIOD_HELP }) period: string): ReportKey {
      return reportOf({ unitCode: unit.code, period });
    }

    @FieldResolver(() => [ResolutionBreakdownType], { description: "Resolution figures of this unit's bodies, broken down by field, sector or kind" })
    async resolutionBreakdown(
      @Root() unit: AdministrativeUnitEntity,
      @Arg("kind", () => CaseKind) kind: CaseKind,
      @Arg("period", { description: PERIOD_HELP }) period: string,
      @Arg("by", () => BreakdownAxis) by: BreakdownAxis,
      @Ctx() ctx: RequestContext,
    ): Promise<ResolutionBreakdownType[]> {
      const rows = await ctx.statistics.resolutionBreakdown(unit.code, kind, period, by);
      return rows.map((r) => ({ key: r.key, label: breakdownLabel(by, r.key), figures: withRates(r.figures) }));
    }

    @FieldResolver(() => [ProcessingBreakdownType], { description: "Processing figures (01/XLD) of this unit's bodies, broken down by field, sector or kind" })
    async processingBreakdown(
      @Root() unit: AdministrativeUnitEntity,
      @Arg("period", { description: PERIOD_HELP }) period: string,
      @Arg("by", () => BreakdownAxis) by: BreakdownAxis,
      @Ctx() ctx: RequestContext,
    ): Promise<ProcessingBreakdownType[]> {
      const rows = await ctx.statistics.processingBreakdown(unit.code, period, by);
      return rows.map((r) => ({ key: r.key, label: breakdownLabel(by, r.key), figures: r.figures }));
    }
  }

  // This level's row of every higher unit's report: all its units under that unit, one statement per form.
  const contributions = levelsAbove(level).map((upper) => {
    @Directive(`@key(fields: "unitCode period")`)
    @ObjectType(reportTypeName(upper))
    class UpperReport {
      @Field(() => ID)
      unitCode!: string;

      @Field()
      period!: string;
    }

    @Resolver(() => UpperReport)
    class ContributionResolver {
      @FieldResolver(() => ReportFiguresType, { nullable: true, description: `Every ${level} body under the unit, from the ${level} subgraph` })
      async [levelRowField(level)](@Root() report: ReportKey, @Ctx() ctx: RequestContext): Promise<ReportRow> {
        periodOf(report.period);
        return { scope: { unitCodes: await ctx.statistics.unitsUnder(report.unitCode, upper), period: report.period } };
      }
    }
    return { UpperReport, ContributionResolver };
  });

  return {
    resolvers: [ReportFiguresResolver, ReceptionCasesResolver, ReportResolver, UnitReportResolver, ...contributions.map((c) => c.ContributionResolver)],
    orphanedTypes: contributions.map((c) => c.UpperReport),
    // The gateway enters the report entity for `total` with the lower levels' rows in the representation.
    referenceResolvers: { [reportTypeName(level)]: { __resolveReference: (ref: ReportKey) => reportOf(ref) } },
  };
}

/**
 * Fits a subgraph's SDL to the levels a deployment runs: without districts (the two-level structure)
 * the reports lose their `districtLevel` row and `total` requires only the levels that exist.
 * type-graphql keeps field metadata per process, so the profile is applied to the printed SDL.
 */
export function reportsSdlFor(sdl: DocumentNode, levels: readonly Level[]): DocumentNode {
  const missing = new Set(LEVELS.filter((l) => !levels.includes(l)).map(levelRowField));
  const reportTypes = new Map(LEVELS.map((l) => [reportTypeName(l), l]));
  if (missing.size === 0) {
    return sdl;
  }
  return visit(sdl, {
    ObjectTypeDefinition(node) {
      const level = reportTypes.get(node.name.value);
      if (!level) {
        return undefined;
      }
      const fields = (node.fields ?? [])
        .filter((f) => !missing.has(f.name.value))
        .map((f) => {
          const requires = f.directives?.find((d) => d.name.value === "requires");
          if (!requires) {
            return f;
          }
          const selection = totalRequires(level, levels);
          const directives = f.directives!.filter((d) => d !== requires);
          return {
            ...f,
            directives: selection
              ? [...directives, { ...requires, arguments: [{ kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: "fields" }, value: { kind: Kind.STRING, value: selection } }] }]
              : directives,
          } satisfies FieldDefinitionNode;
        });
      return { ...node, fields };
    },
  });
}
