// Reads a form's figures from the graph: one introspection to learn which rows this deployment
// has (the two-level profile has no district level), then one operation for the unit, its rows
// and its detail units. Any error refuses the whole form: a report built from partial data
// would be silently wrong.
import { UNIT_KIND_WORD, type UnitKind } from "@tiepdan/kit";
import type { FormattedExecutionResult, GraphQLFormattedError } from "graphql";

import type { ReportForm } from "./forms";
import { PERIOD_HELP, ReportError, unitLevel } from "./input";
import type { FigureRow, ReportRow, ReportTable, ReportUnit, UnitLevel } from "./table";

/** Runs one GraphQL operation through the gateway (its own executor, or its /graphql over HTTP). */
export type ReportExecutor = (operation: { query: string; variables: Record<string, unknown>; operationName: string }) => Promise<FormattedExecutionResult>;

/** The GraphQL selection of a form's figures, derived from its columns: `complaints { toResolve … }`. */
export function figuresSelection(form: ReportForm): string {
  const fields = [...new Set(form.columns.map((c) => c.path[1]))];
  return `${form.set} { ${fields.join(" ")} }`;
}

const LEVEL_WORD: Readonly<Record<UnitLevel, string>> = { province: "tỉnh", district: "huyện", commune: "xã" };

/** The rows of one level's forms (after the total): report field and label. */
interface LevelRows {
  /** Summary rows: the field of the unit's report and the row's label (given the kind's word). */
  rows: readonly [field: string, label: (word: string) => string][];
  /** One row per unit of the level below, breaking down the summary row `under`. */
  detail?: { list: string; field: string; under: string; heading: string };
}

const ROWS: Readonly<Record<UnitLevel, LevelRows>> = {
  province: {
    rows: [
      ["provincialCommittee", (word) => `UBND ${word}`],
      ["departments", () => "Các sở, ngành"],
      ["districtLevel", () => "Cấp huyện"],
      ["communeLevel", () => "Cấp xã"],
    ],
    detail: { list: "districts", field: "districtLevel", under: "districtLevel", heading: "Chi tiết cấp huyện (các cơ quan cấp huyện của từng huyện, thành phố)" },
  },
  district: {
    rows: [
      ["districtCommittee", () => "UBND cấp huyện"],
      ["offices", () => "Các phòng, ban"],
      ["communeLevel", () => "Cấp xã"],
    ],
    detail: { list: "communes", field: "total", under: "communeLevel", heading: "Chi tiết cấp xã" },
  },
  commune: { rows: [] },
};

const TYPE_NAME: Readonly<Record<UnitLevel, string>> = { province: "Province", district: "District", commune: "Commune" };

const SHAPE = `query ReportShape($unit: String!, $report: String!) {
  query: __type(name: "Query") { fields { name } }
  unit: __type(name: $unit) { fields { name } }
  report: __type(name: $report) { fields { name } } }`;

interface Shape {
  query: { fields: { name: string }[] } | null;
  unit: { fields: { name: string }[] } | null;
  report: { fields: { name: string }[] } | null;
}

/** The rows this deployment's graph has for a level: a field the supergraph lacks is no row. */
async function rowsInGraph(execute: ReportExecutor, level: UnitLevel): Promise<LevelRows> {
  const result = await execute({ query: SHAPE, variables: { unit: TYPE_NAME[level], report: `${TYPE_NAME[level]}Report` }, operationName: "ReportShape" });
  if (result.errors?.length) {
    throw refusal(result.errors);
  }
  const shape = result.data as unknown as Shape;
  const names = (type: Shape[keyof Shape]): Set<string> => new Set((type?.fields ?? []).map((f) => f.name));
  if (!names(shape.query).has(level)) {
    throw new ReportError(404, "NOT_FOUND", `unit: this deployment has no ${level} level (two-level profile): no ${level} can be reported`, "unit");
  }
  const unitFields = names(shape.unit);
  const reportFields = names(shape.report);
  const { rows, detail } = ROWS[level];
  return {
    rows: rows.filter(([field]) => reportFields.has(field)),
    ...(detail && unitFields.has(detail.list) && reportFields.has(detail.under) ? { detail } : {}),
  };
}

/** The operation reading one unit's form: its rows, and its detail units when the level has them. */
function reportOperation(level: UnitLevel, layout: LevelRows, form: ReportForm): string {
  const figures = `{ ${figuresSelection(form)} }`;
  const rows = ["total", ...layout.rows.map(([field]) => field)].map((field) => `${field} ${figures}`).join(" ");
  const detail = layout.detail
    ? `detail: ${layout.detail.list} { code fullName report(period: $period) { row: ${layout.detail.field} ${figures} } }`
    : "";
  return `query ReportExport($code: ID!, $period: String!) {
  unit: ${level}(code: $code) { code fullName kind report(period: $period) { from to ${rows} } ${detail} } }`;
}

interface ReportData {
  unit: {
    code: string;
    fullName: string;
    kind: string;
    report: { from: string; to: string } & Record<string, FigureRow | null | string>;
    detail?: { code: string; fullName: string; report: { row: FigureRow | null } | null }[] | null;
  } | null;
}

const firstOf = (errors: readonly GraphQLFormattedError[], code: string): GraphQLFormattedError | undefined =>
  errors.find((e) => e.extensions?.code === code);

/**
 * The refusal for a response with errors: the caller's bad input (400) first, then an unknown
 * unit (404), then whatever kept the gateway from answering completely (502, naming subgraphs).
 */
export function refusal(errors: readonly GraphQLFormattedError[]): ReportError {
  const bad = firstOf(errors, "BAD_USER_INPUT");
  if (bad) {
    return new ReportError(400, "BAD_USER_INPUT", bad.message, typeof bad.extensions?.field === "string" ? bad.extensions.field : undefined);
  }
  const missing = firstOf(errors, "NOT_FOUND");
  if (missing) {
    return new ReportError(404, "NOT_FOUND", missing.message, "unit");
  }
  const services = [...new Set(errors.map((e) => e.extensions?.serviceName).filter((s): s is string => typeof s === "string"))];
  const unavailable = errors.some((e) => e.extensions?.code === "SUBGRAPH_UNAVAILABLE");
  const what = unavailable && services.length ? `the ${services.join(" and ")} subgraph${services.length > 1 ? "s are" : " is"} unavailable` : errors[0]!.message;
  return new ReportError(502, unavailable ? "SUBGRAPH_UNAVAILABLE" : "INCOMPLETE_REPORT", `The report cannot be complete: ${what}; no form is produced from partial data`);
}

function incomplete(what: string): ReportError {
  return new ReportError(502, "INCOMPLETE_REPORT", `The report cannot be complete: the gateway returned no figures for ${what}; no form is produced from partial data`);
}

/** Fills in a form for a unit and period from the graph; a {@link ReportError} when it cannot. */
export async function loadReport(execute: ReportExecutor, form: ReportForm, unitCode: string, period: string): Promise<ReportTable> {
  const level = unitLevel(unitCode);
  if (!period.trim()) {
    throw new ReportError(400, "BAD_USER_INPUT", `period: required (${PERIOD_HELP})`, "period");
  }
  // A commune's form is its total alone, whatever the profile: no need to look at the schema.
  const layout = level === "commune" ? ROWS.commune : await rowsInGraph(execute, level);
  const result = await execute({ query: reportOperation(level, layout, form), variables: { code: unitCode, period }, operationName: "ReportExport" });
  if (result.errors?.length) {
    throw refusal(result.errors);
  }
  const unit = (result.data as unknown as ReportData | undefined)?.unit;
  if (!unit) {
    throw incomplete(`unit ${unitCode}`);
  }
  const { report } = unit;
  // "Toàn tỉnh" / "Toàn thành phố", "UBND tỉnh"…: the word of the unit's kind, as in its name.
  const word = UNIT_KIND_WORD[unit.kind as UnitKind] ?? LEVEL_WORD[level];
  const figures = (field: string, label: string): FigureRow => {
    const value = report[field];
    if (!value || typeof value !== "object") {
      throw incomplete(`the row "${label}"`);
    }
    return value;
  };
  const rows: ReportRow[] = [{ no: "", label: `Toàn ${word}`, style: "total", figures: figures("total", `Toàn ${word}`) }];
  layout.rows.forEach(([field, labelOf], i) => {
    rows.push({ no: String(i + 1), label: labelOf(word), style: "row", figures: figures(field, labelOf(word)) });
  });
  addUpNullTotals(rows);
  const { detail } = layout;
  if (detail) {
    if (!unit.detail) {
      throw incomplete(`the ${detail.list} of ${unit.fullName}`);
    }
    const under = layout.rows.findIndex(([field]) => field === detail.under) + 1;
    rows.push({ no: "", label: detail.heading, style: "section" });
    [...unit.detail]
      .sort((a, b) => a.code.localeCompare(b.code))
      .forEach((child, j) => {
        const row = child.report?.row;
        if (!row) {
          throw incomplete(child.fullName);
        }
        rows.push({ no: `${under}.${j + 1}`, label: child.fullName, style: "detail", figures: row });
      });
  }
  const reported: ReportUnit = { code: unit.code, fullName: unit.fullName, level };
  return { form, unit: reported, period: { code: period, from: report.from, to: report.to }, rows };
}

/**
 * A total over several levels leaves figures that do not add up across levels null (reception's
 * distinct matters: one matter visited at two levels is one matter); the form's total row is the
 * sum of its rows, so it is printed as such.
 */
function addUpNullTotals(rows: ReportRow[]): void {
  const [total, ...parts] = rows;
  const summary = parts.filter((r) => r.style === "row");
  for (const [set, figures] of Object.entries(total?.figures ?? {})) {
    for (const [name, value] of Object.entries(figures ?? {})) {
      if (value === null && summary.length > 0) {
        figures![name] = summary.reduce((sum, r) => sum + (r.figures?.[set as keyof FigureRow]?.[name] ?? 0), 0);
      }
    }
  }
}
