// What both renderers print, laid out once: the title lines, the header grid (with the cells to
// merge) and each row's cells. The CSV writes the grid as it is; the XLSX adds merges and styles.
import { type Column, type FigureSet, type ReportForm, columnNumber } from "./forms";

/** Administrative level of a reported unit, told by the length of its code. */
export type UnitLevel = "province" | "district" | "commune";

/** The unit a report is about. */
export interface ReportUnit {
  code: string;
  fullName: string;
  level: UnitLevel;
}

/** The period as asked ("2024-Q3") and its first and last days (YYYY-MM-DD). */
export interface ReportPeriod {
  code: string;
  from: string;
  to: string;
}

/** Figures of one row as the graph returns them: figure set → field → value (rates may be null). */
export type FigureRow = Partial<Record<FigureSet, Record<string, number | null>>>;

/**
 * How a row is printed: the unit's total, one of its summary rows, the heading of a detail
 * section (no figures), or one unit of that section.
 */
export type RowStyle = "total" | "row" | "section" | "detail";

/** One row of a form. */
export interface ReportRow {
  /** Printed in the STT column: "1", "3.2", or "" for the total and section headings. */
  no: string;
  label: string;
  style: RowStyle;
  /** Absent on section headings. */
  figures?: FigureRow;
}

/** A form filled in for one unit and period: everything the renderers need. */
export interface ReportTable {
  form: ReportForm;
  unit: ReportUnit;
  period: ReportPeriod;
  rows: readonly ReportRow[];
}

/** A rectangle of cells to merge, 0-based and inclusive, within the header grid. */
export interface Merge {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** Header cells of the two label columns before the figure columns. */
const LABEL_HEADERS = ["STT", "Đơn vị"] as const;

/** How many columns come before the figures (STT, unit name). */
export const LABEL_COLUMNS = LABEL_HEADERS.length;

/** "01/01/2024" from "2024-01-01": dates as Vietnamese documents write them. */
const vnDate = (iso: string): string => iso.split("-").reverse().join("/");

const ROMAN_QUARTERS = ["I", "II", "III", "IV"];

/** "năm 2024", "quý III năm 2024", "6 tháng năm 2024"; undefined for a range of dates. */
function periodName(code: string): string | undefined {
  const m = /^(\d{4})(?:-(Q[1-4]|6M|9M))?$/.exec(code);
  if (!m) {
    return undefined;
  }
  const [, year, part] = m;
  if (!part) {
    return `năm ${year}`;
  }
  return part.startsWith("Q") ? `quý ${ROMAN_QUARTERS[Number(part[1]) - 1]} năm ${year}` : `${part.slice(0, 1)} tháng năm ${year}`;
}

/** The three title lines: form number and name, reporting unit, period from–to. */
export function titleLines(table: ReportTable): [string, string, string] {
  const { form, unit, period } = table;
  const name = periodName(period.code);
  return [
    `Biểu số ${form.number} — ${form.name}`,
    `Đơn vị báo cáo: ${unit.fullName} (mã ${unit.code})`,
    `Kỳ báo cáo: ${name ? `${name}, ` : ""}từ ngày ${vnDate(period.from)} đến ngày ${vnDate(period.to)}`,
  ];
}

/** Number of columns of a form's grid (label columns and figure columns). */
export const columnCount = (form: ReportForm): number => LABEL_COLUMNS + form.columns.length;

/**
 * The header rows of a form as a grid: group headers, column headers, column numbers; and the
 * cells that span several (a group over its columns, a lone header over both header rows).
 */
export function headerGrid(form: ReportForm): { rows: string[][]; merges: Merge[] } {
  const width = columnCount(form);
  const groups = Array<string>(width).fill("");
  const headers = Array<string>(width).fill("");
  const numbers = [...LABEL_HEADERS.map((_, i) => `(${String.fromCharCode(65 + i)})`), ...form.columns.map((_, i) => columnNumber(i))];
  const merges: Merge[] = [];
  LABEL_HEADERS.forEach((label, i) => {
    groups[i] = label;
    merges.push({ top: 0, left: i, bottom: 1, right: i });
  });
  form.columns.forEach((column, i) => {
    const at = LABEL_COLUMNS + i;
    if (!column.group) {
      groups[at] = column.header;
      merges.push({ top: 0, left: at, bottom: 1, right: at });
      return;
    }
    headers[at] = column.header;
    // A group spans the run of neighbouring columns that name it; the first one carries the text.
    if (form.columns[i - 1]?.group === column.group) {
      merges[merges.length - 1]!.right = at;
    } else {
      groups[at] = column.group;
      merges.push({ top: 0, left: at, bottom: 0, right: at });
    }
  });
  return { rows: [groups, headers, numbers], merges: merges.filter((m) => m.left !== m.right || m.top !== m.bottom) };
}

/** A row's figure for a column: a number, null (a rate with nothing to divide by), or undefined (no figures). */
export function figureOf(row: ReportRow, column: Column): number | null | undefined {
  const [set, field] = column.path;
  return row.figures?.[set]?.[field];
}
