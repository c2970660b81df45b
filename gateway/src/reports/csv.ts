// CSV as RFC 4180 writes it (CRLF, fields quoted when they hold a quote, comma or line break),
// in UTF-8 with a byte order mark: without it Excel reads the Vietnamese letters as Windows-1252.
// Every line has the same number of fields, title lines included, so the file stays rectangular.
import type { ColumnKind } from "./forms";
import { type ReportTable, columnCount, figureOf, headerGrid, titleLines } from "./table";

const BOM = "\uFEFF";
const CRLF = "\r\n";

/** A field as RFC 4180 writes it: quoted (quotes doubled) when it holds `"`, `,`, CR or LF. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * A figure as the CSV prints it: plain digits (no thousands separator, "." for decimals) so that
 * any program reads it; m² with two decimals; rates as percentages with one decimal; nothing for
 * a rate with nothing to divide by.
 */
export function csvFigure(value: number | null | undefined, kind: ColumnKind): string {
  if (value === null || value === undefined) {
    return "";
  }
  switch (kind) {
    case "rate":
      return (value * 100).toFixed(1);
    case "m2":
      return value.toFixed(2);
    default:
      return String(Math.round(value));
  }
}

/** The form as a CSV file: title lines, a blank line, the header rows, then one line per row. */
export function renderCsv(table: ReportTable): Buffer {
  const width = columnCount(table.form);
  const pad = (cells: string[]): string[] => [...cells, ...Array<string>(width - cells.length).fill("")];
  const lines: string[][] = [...titleLines(table).map((line) => pad([line])), pad([]), ...headerGrid(table.form).rows];
  for (const row of table.rows) {
    lines.push([row.no, row.label, ...table.form.columns.map((column) => csvFigure(figureOf(row, column), column.kind))]);
  }
  return Buffer.from(BOM + lines.map((cells) => cells.map(csvField).join(",") + CRLF).join(""), "utf8");
}

/**
 * Reads back a CSV written as above (BOM dropped, quoted fields, doubled quotes, CRLF records):
 * for checks of an export and for tools that take the figures from a downloaded file.
 */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = "";
  let record: string[] = [];
  let quoted = false;
  const source = text.startsWith(BOM) ? text.slice(1) : text;
  for (let i = 0; i < source.length; i += 1) {
    const ch = source[i]!;
    if (quoted) {
      if (ch === '"' && source[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (ch === '"') {
        quoted = false;
      } else {
        field += ch;
      }
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === ",") {
      record.push(field);
      field = "";
    } else if (ch === "\r" && source[i + 1] === "\n") {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      i += 1;
    } else {
      field += ch;
    }
  }
  if (field || record.length) {
    // A last record without its CRLF.
    record.push(field);
    records.push(record);
  }
  return records;
}
