// The form as an Excel workbook, laid out like the printed form: merged title lines, bold wrapped
// headers with their group headers merged over the columns, the column numbers, frozen headers
// and label columns, and number formats so that figures stay numbers (sums work in Excel).
import { type Alignment, type Borders, type Cell, type Font, Workbook } from "exceljs";

import type { ColumnKind } from "./forms";
import { LABEL_COLUMNS, type ReportTable, type RowStyle, columnCount, figureOf, headerGrid, titleLines } from "./table";

/** Excel number format of each kind of figure. */
export const NUMBER_FORMATS: Readonly<Record<ColumnKind, string>> = {
  int: "#,##0",
  vnd: "#,##0",
  m2: "#,##0.00",
  rate: "0.0%",
};

/** Column widths (characters) of each kind of figure: money needs room for billions of đồng. */
const WIDTHS: Readonly<Record<ColumnKind, number>> = { int: 11, vnd: 16, m2: 13, rate: 13 };

/** First row of the header grid (1-based): three title lines and a blank line come before it. */
export const HEADER_ROW = 5;
/** First row of figures (1-based), after the group, column and number header rows. */
export const FIRST_DATA_ROW = HEADER_ROW + 3;

const THIN = { style: "thin" } as const;
const BOX: Partial<Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const HEADER_FILL = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDEBF7" } } as const;
const CENTRED: Partial<Alignment> = { horizontal: "center", vertical: "middle", wrapText: true };

const ROW_FONT: Readonly<Record<RowStyle, Partial<Font>>> = {
  total: { bold: true },
  row: {},
  section: { bold: true, italic: true },
  detail: {},
};

/** Rows of text a header needs at a column width: a rough fit, since Excel does not size merged or wrapped rows itself. */
const linesFor = (text: string, width: number): number => Math.max(1, Math.ceil((text.length * 1.1) / Math.max(1, width - 1)));

/** The form as an .xlsx file (one sheet named after the form, "01-KQGQ"). */
export async function renderXlsx(table: ReportTable): Promise<Buffer> {
  const { form } = table;
  const width = columnCount(form);
  const workbook = new Workbook();
  const titles = titleLines(table);
  workbook.creator = "TiepDan";
  workbook.title = titles[0];
  workbook.subject = titles[1];
  const sheet = workbook.addWorksheet(form.slug, {
    views: [{ state: "frozen", xSplit: LABEL_COLUMNS, ySplit: FIRST_DATA_ROW - 1 }],
    pageSetup: { paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${HEADER_ROW}:${FIRST_DATA_ROW - 1}` },
  });

  const labelWidth = Math.min(60, Math.max(24, ...table.rows.filter((r) => r.style !== "section").map((r) => r.label.length + 2)));
  const widths = [7, labelWidth, ...form.columns.map((c) => WIDTHS[c.kind])];
  widths.forEach((w, i) => {
    sheet.getColumn(i + 1).width = w;
  });

  titles.forEach((line, i) => {
    const cell = sheet.getCell(i + 1, 1);
    cell.value = line;
    cell.font = i === 0 ? { bold: true, size: 14 } : { italic: i === 2 };
    cell.alignment = { horizontal: "center", vertical: "middle" };
    sheet.mergeCells(i + 1, 1, i + 1, width);
  });
  sheet.getRow(1).height = 24;

  const grid = headerGrid(form);
  grid.rows.forEach((cells, r) => {
    cells.forEach((text, c) => {
      const cell = sheet.getCell(HEADER_ROW + r, c + 1);
      cell.value = text || null;
      cell.font = r === 2 ? { italic: true } : { bold: true };
      cell.alignment = CENTRED;
      cell.border = BOX;
      cell.fill = HEADER_FILL;
    });
  });
  for (const m of grid.merges) {
    sheet.mergeCells(HEADER_ROW + m.top, m.left + 1, HEADER_ROW + m.bottom, m.right + 1);
  }
  const tallest = (r: number): number => Math.max(...grid.rows[r]!.map((text, c) => linesFor(text, widths[c]!)));
  sheet.getRow(HEADER_ROW).height = 15 * Math.min(4, tallest(0)) + 6;
  sheet.getRow(HEADER_ROW + 1).height = 15 * tallest(1) + 6;

  table.rows.forEach((row, i) => {
    const r = FIRST_DATA_ROW + i;
    const font = ROW_FONT[row.style];
    const put = (c: number, value: string | number | null, style: { numFmt?: string; alignment?: Partial<Alignment> }): Cell => {
      const cell = sheet.getCell(r, c);
      cell.value = value;
      cell.font = font;
      cell.border = BOX;
      Object.assign(cell, style);
      return cell;
    };
    put(1, row.no || null, { alignment: { horizontal: "center", vertical: "middle" } });
    put(2, row.label, { alignment: { vertical: "middle", wrapText: true, indent: row.style === "detail" ? 1 : 0 } });
    form.columns.forEach((column, j) => {
      put(LABEL_COLUMNS + j + 1, figureOf(row, column) ?? null, { numFmt: NUMBER_FORMATS[column.kind], alignment: { horizontal: "right", vertical: "middle" } });
    });
    if (row.style === "section") {
      // A section heading has no figures: its text runs over the figure columns.
      sheet.mergeCells(r, 2, r, width);
    }
  });

  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Reads a workbook back, from a Buffer or an ArrayBuffer (exceljs types its input as the latter). */
export async function readXlsx(data: Uint8Array | ArrayBuffer): Promise<Workbook> {
  const workbook = new Workbook();
  await workbook.xlsx.load(data instanceof ArrayBuffer ? data : new Uint8Array(data).buffer);
  return workbook;
}
