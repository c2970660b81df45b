import { registerEnumType } from "type-graphql";

import { COMMITTEE_BODY_SLUGS } from "../admin/bodies";
import { SECTOR_LABELS } from "../admin/kinds";
import { PETITION_FIELD_LABELS } from "../cases/kinds";

/**
 * How a unit's figures are split: not at all (UNIT), into the forms' rows (the People's Committee
 * with its reception board and Party committee, then the agencies), or by the case's field, its
 * handling body's sector, or its kind (content).
 */
export enum FiguresSplit {
  UNIT = "UNIT",
  BODY_GROUP = "BODY_GROUP",
  FIELD = "FIELD",
  SECTOR = "SECTOR",
  KIND = "KIND",
}

/** The axes a breakdown can be asked for through the API. */
export enum BreakdownAxis {
  FIELD = "FIELD",
  SECTOR = "SECTOR",
  KIND = "KIND",
}
registerEnumType(BreakdownAxis, {
  name: "BreakdownAxis",
  description: "How to break figures down",
  valuesConfig: {
    FIELD: { description: "By field of the petition (lĩnh vực: đất đai, chính sách, hành chính, tư pháp…)" },
    SECTOR: { description: "By sector of the handling body (ngành); GENERAL for People's Committees and boards" },
    KIND: { description: "By content (khiếu nại, tố cáo, kiến nghị, phản ánh); UNCLASSIFIED until classified" },
  },
});

/** Group of the forms' rows a body belongs to. */
export type BodyGroup = "COMMITTEE" | "AGENCIES";

// Slugs come from the code's own templates (lower-case letters, digits, hyphens), never from input.
const committeeList = COMMITTEE_BODY_SLUGS.map((slug) => `'${slug.replace(/[^a-z0-9-]/g, "")}'`).join(", ");

/** The SQL expression giving a row's group under a split; `alias` is the table alias of the row. */
export function groupSql(split: FiguresSplit, alias: string): string {
  switch (split) {
    case FiguresSplit.UNIT:
      return `''`;
    case FiguresSplit.BODY_GROUP:
      return `CASE WHEN split_part(${alias}.body_id, '.', 2) IN (${committeeList}) THEN 'COMMITTEE' ELSE 'AGENCIES' END`;
    case FiguresSplit.FIELD:
      return `coalesce(${alias}.field, 'UNSPECIFIED')`;
    case FiguresSplit.SECTOR:
      return `coalesce(${alias}.sector, 'GENERAL')`;
    case FiguresSplit.KIND:
      return `coalesce(${alias}.kind, 'UNCLASSIFIED')`;
  }
}

/** Figures of one group of one unit. */
export type Grouped<F> = F & { unitCode: string; group: string };

/** Zeros for every name, made once per form: empty rows are built per unit and request. */
export function zeroFigures<N extends string>(names: readonly N[]): Readonly<Record<N, number>> {
  return Object.freeze(Object.fromEntries(names.map((name) => [name, 0])) as Record<N, number>);
}

/** Adds up figures of the same shape field by field (every figure of the forms is additive; rates are derived after). */
export function sumFigures<F extends object>(rows: readonly F[], empty: F): F {
  const total: Record<string, unknown> = { ...(empty as Record<string, unknown>) };
  // The figure names come from the empty row: a dashboard adds up thousands of rows, so no per-row entries arrays.
  const names = Object.keys(total).filter((key) => typeof total[key] === "number");
  for (const row of rows as readonly Record<string, unknown>[]) {
    for (const name of names) {
      const value = row[name];
      if (typeof value === "number") {
        total[name] = (total[name] as number) + value;
      }
    }
  }
  return total as F;
}

const KIND_LABELS: Readonly<Record<string, string>> = {
  COMPLAINT: "Khiếu nại",
  DENUNCIATION: "Tố cáo",
  RECOMMENDATION: "Kiến nghị, phản ánh",
  UNCLASSIFIED: "Chưa phân loại",
};

/** The Vietnamese name of a breakdown group, as the forms print it. */
export function breakdownLabel(axis: BreakdownAxis, key: string): string {
  switch (axis) {
    case BreakdownAxis.FIELD:
      return (PETITION_FIELD_LABELS as Record<string, string>)[key] ?? "Chưa xác định lĩnh vực";
    case BreakdownAxis.SECTOR:
      return (SECTOR_LABELS as Record<string, string>)[key] ?? "Không thuộc ngành (UBND, Ban Tiếp công dân, Thanh tra)";
    case BreakdownAxis.KIND:
      return KIND_LABELS[key] ?? key;
  }
}
