import { readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import type { Server } from "node:http";

import type { Worksheet } from "exceljs";
import express from "express";
import type { FormattedExecutionResult } from "graphql";

import { csvField, parseCsv, renderCsv } from "./csv";
import { REPORT_FORMS, type ReportForm, findForm } from "./forms";
import { contentDisposition, reportFileName, reportsRouter } from "./http";
import { type ReportExecutor, figuresSelection } from "./query";
import type { FigureRow, ReportTable } from "./table";
import { FIRST_DATA_ROW, HEADER_ROW, NUMBER_FORMATS, readXlsx, renderXlsx } from "./xlsx";

const KQGQ = findForm("01/KQGQ")!;
const TCD = findForm("01-TCD")!;

/** Figures for every column of a form: counts from `seed`, fixed amounts, a rate or null. */
function figures(form: ReportForm, seed: number, rate: number | null = 0.3333): FigureRow {
  const values: Record<string, number | null> = {};
  form.columns.forEach((c, i) => {
    values[c.path[1]] = { int: seed + i, vnd: 1_234_567_890, m2: 1500.25, rate }[c.kind];
  });
  return { [form.set]: values };
}

function table(form: ReportForm, overrides: Partial<ReportTable> = {}): ReportTable {
  return {
    form,
    unit: { code: "37", fullName: "Tỉnh Ninh Bình", level: "province" },
    period: { code: "2024-Q3", from: "2024-07-01", to: "2024-09-30" },
    rows: [
      { no: "", label: "Toàn tỉnh", style: "total", figures: figures(form, 100) },
      { no: "1", label: "Các phòng, ban", style: "row", figures: figures(form, 10, null) },
      { no: "", label: "Chi tiết cấp huyện", style: "section" },
      { no: "1.1", label: 'Huyện "Mới"\nthí điểm', style: "detail", figures: figures(form, 1) },
    ],
    ...overrides,
  };
}

describe("the form definitions", () => {
  it("names the four forms, with '/' or '-' or any case", () => {
    expect(REPORT_FORMS.map((f) => f.number)).toEqual(["01/TCD", "01/XLD", "01/KQGQ", "03/KQGQ"]);
    expect(findForm("01-kqgq")).toBe(KQGQ);
    expect(findForm("03_KQGQ")?.number).toBe("03/KQGQ");
    expect(findForm("02/KQGQ")).toBeUndefined();
  });

  it("derives the GraphQL selection from the columns", () => {
    expect(figuresSelection(TCD)).toBe(
      "reception { sessions regularSessions periodicSessions unscheduledSessions inPersonSessions delegatedSessions visits persons firstVisits repeatVisits cases largeGroups largeGroupPersons partySessions partyCitizens partyUnscheduledSessions partyUnscheduledCitizens }",
    );
    for (const form of REPORT_FORMS) {
      expect(form.columns.every((c) => c.path[0] === form.set)).toBe(true);
    }
  });

  it("are the ones docs/reports.md lists, column by column", () => {
    const doc = readFileSync(join(__dirname, "..", "..", "..", "docs", "reports.md"), "utf8");
    const unit = { int: "count", vnd: "đồng", m2: "m²", rate: "%" };
    for (const form of REPORT_FORMS) {
      const section = doc.slice(doc.indexOf(`### ${form.number} — ${form.name}`));
      const lines = form.columns.map((c, i) => `| (${i + 1}) | ${c.group ?? ""} | ${c.header} | \`${c.path.join(".")}\` | ${unit[c.kind]} |`);
      expect(section.split("\n").slice(4, 4 + lines.length)).toEqual(lines);
    }
  });

  it("gives 01/TCD the Party secretaries' column group", () => {
    expect(TCD.columns.filter((c) => c.group === "Trong đó: Bí thư cấp ủy tiếp").map((c) => c.path[1])).toEqual([
      "partySessions",
      "partyCitizens",
      "partyUnscheduledSessions",
      "partyUnscheduledCitizens",
    ]);
  });
});

describe("CSV", () => {
  const text = renderCsv(table(KQGQ)).toString("utf8");
  const lines = parseCsv(text);

  it("is UTF-8 with a byte order mark and CRLF line ends, every line as wide as the form", () => {
    const bytes = renderCsv(table(KQGQ));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(text.endsWith("\r\n")).toBe(true);
    // The only bare LF is the one inside the quoted label.
    expect(text.split("\r\n").join("").match(/\n/g)).toHaveLength(1);
    expect(new Set(lines.map((l) => l.length))).toEqual(new Set([2 + KQGQ.columns.length]));
  });

  it("starts with the title lines, then the group, column and number header rows", () => {
    expect(lines.slice(0, 3).map((l) => l[0])).toEqual([
      "Biểu số 01/KQGQ — Tổng hợp kết quả giải quyết đơn khiếu nại",
      "Đơn vị báo cáo: Tỉnh Ninh Bình (mã 37)",
      "Kỳ báo cáo: quý III năm 2024, từ ngày 01/07/2024 đến ngày 30/09/2024",
    ]);
    expect(lines[3]!.every((c) => c === "")).toBe(true);
    expect(lines[4]!.slice(0, 6)).toEqual(["STT", "Đơn vị", "Vụ việc thuộc thẩm quyền", "", "", "Đã giải quyết"]);
    expect(lines[5]!.slice(2, 6)).toEqual(["Tổng số", "Kỳ trước chuyển sang", "Thụ lý mới trong kỳ", "Tổng số"]);
    expect(lines[6]!.slice(0, 4)).toEqual(["(A)", "(B)", "(1)", "(2)"]);
    expect(lines[6]!.at(-1)).toBe(`(${KQGQ.columns.length})`);
  });

  it("quotes fields with commas, quotes and line breaks (RFC 4180)", () => {
    expect(csvField("Các phòng, ban")).toBe('"Các phòng, ban"');
    expect(csvField('Huyện "Mới"')).toBe('"Huyện ""Mới"""');
    expect(csvField("a\r\nb")).toBe('"a\r\nb"');
    expect(csvField("Toàn tỉnh")).toBe("Toàn tỉnh");
    expect(text).toContain('\r\n1,"Các phòng, ban",10,');
    expect(lines[10]!.slice(0, 2)).toEqual(["1.1", 'Huyện "Mới"\nthí điểm']);
  });

  it("prints counts and đồng as integers, m² with two decimals, rates as percentages, nothing for a missing rate", () => {
    const col = (field: string): number => 2 + KQGQ.columns.findIndex((c) => c.path[1] === field);
    const total = lines[7]!;
    expect(total.slice(0, 3)).toEqual(["", "Toàn tỉnh", "100"]);
    expect(total[col("moneyToRecoverVnd")]).toBe("1234567890");
    expect(total[col("landToReturnM2")]).toBe("1500.25");
    expect(total[col("resolutionRate")]).toBe("33.3");
    expect(lines[8]![col("onTimeRate")]).toBe("");
    expect(lines[9]).toEqual(["", "Chi tiết cấp huyện", ...KQGQ.columns.map(() => "")]);
  });
});

describe("XLSX", () => {
  let sheet: Worksheet;

  beforeAll(async () => {
    sheet = (await readXlsx(await renderXlsx(table(KQGQ)))).getWorksheet("01-KQGQ")!;
  });

  it("merges the title lines over the whole width", () => {
    const last = sheet.getColumn(2 + KQGQ.columns.length).letter;
    expect(sheet.getCell("A1").value).toBe("Biểu số 01/KQGQ — Tổng hợp kết quả giải quyết đơn khiếu nại");
    expect(sheet.getCell("A1").font.bold).toBe(true);
    expect(sheet.getCell(`${last}1`).master.address).toBe("A1");
    expect(sheet.getCell("A3").value).toBe("Kỳ báo cáo: quý III năm 2024, từ ngày 01/07/2024 đến ngày 30/09/2024");
    expect(sheet.getCell(`${last}3`).master.address).toBe("A3");
  });

  it("has bold wrapped headers, groups merged over their columns, numbered columns and frozen headers", () => {
    const header = sheet.getCell(HEADER_ROW, 3);
    expect(header.value).toBe("Vụ việc thuộc thẩm quyền");
    expect(header.font.bold).toBe(true);
    expect(header.alignment.wrapText).toBe(true);
    expect(sheet.getCell(HEADER_ROW, 5).master.address).toBe(header.address);
    expect(sheet.getCell(HEADER_ROW + 1, 1).master.address).toBe(sheet.getCell(HEADER_ROW, 1).address); // STT over both rows
    expect(sheet.getCell(HEADER_ROW + 1, 3).value).toBe("Tổng số");
    expect(sheet.getCell(HEADER_ROW + 2, 3).value).toBe("(1)");
    expect(sheet.views[0]).toMatchObject({ state: "frozen", xSplit: 2, ySplit: FIRST_DATA_ROW - 1 });
  });

  it("keeps figures as numbers with their formats, and sizes the columns", () => {
    KQGQ.columns.forEach((column, i) => {
      const cell = sheet.getCell(FIRST_DATA_ROW, 3 + i);
      expect(cell.numFmt).toBe(NUMBER_FORMATS[column.kind]);
      expect(cell.value).toBe({ int: 100 + i, vnd: 1_234_567_890, m2: 1500.25, rate: 0.3333 }[column.kind]);
    });
    expect(NUMBER_FORMATS).toEqual({ int: "#,##0", vnd: "#,##0", m2: "#,##0.00", rate: "0.0%" });
    const rate = 3 + KQGQ.columns.findIndex((c) => c.path[1] === "resolutionRate");
    expect(sheet.getCell(FIRST_DATA_ROW + 1, rate).value).toBeNull();
    expect(sheet.getCell(FIRST_DATA_ROW, 2).value).toBe("Toàn tỉnh");
    expect(sheet.getCell(FIRST_DATA_ROW, 2).font.bold).toBe(true);
    expect(sheet.getCell(FIRST_DATA_ROW + 3, 1).value).toBe("1.1");
    expect(sheet.getColumn(2).width).toBeGreaterThanOrEqual(24);
    expect(sheet.getColumn(3).width).toBe(11);
  });
});

describe("GET /reports/:form.(csv|xlsx)", () => {
  let server: Server;
  let origin: string;
  let answer: (operation: { query: string; variables: Record<string, unknown>; operationName: string }) => FormattedExecutionResult;
  const seen: { operationName: string; query: string; requestId?: string }[] = [];

  const THREE_LEVEL = { query: ["province", "district", "commune"], unit: ["districts", "communes"], report: ["total", "provincialCommittee", "departments", "districtLevel", "communeLevel"] };
  const TWO_LEVEL = { query: ["province", "commune"], unit: ["communes"], report: ["total", "provincialCommittee", "departments", "communeLevel"] };
  const fields = (names: string[]) => ({ fields: names.map((name) => ({ name })) });
  const row = (seed: number): FigureRow => figures(KQGQ, seed);

  /** A gateway stand-in answering the shape introspection and a province's report. */
  function province(shape: typeof THREE_LEVEL): typeof answer {
    return ({ operationName }) => {
      if (operationName === "ReportShape") {
        return { data: { query: fields(shape.query), unit: fields(shape.unit), report: fields(shape.report) } };
      }
      const report = { from: "2024-01-01", to: "2024-12-31", total: row(100), provincialCommittee: row(1), departments: row(2), districtLevel: row(3), communeLevel: row(4) };
      const detail = [
        { code: "370", fullName: "Thành phố Tam Điệp", report: { row: row(6) } },
        { code: "369", fullName: "Thành phố Ninh Bình", report: { row: row(5) } },
      ];
      return { data: { unit: { code: "37", fullName: "Tỉnh Ninh Bình", kind: "PROVINCE", report, ...(shape.unit.includes("districts") ? { detail } : {}) } } };
    };
  }

  beforeAll(async () => {
    const app = express();
    app.use(
      "/reports",
      reportsRouter({
        executorFor: (req): ReportExecutor => async (operation) => {
          seen.push({ ...operation, requestId: req.get("x-request-id") });
          return answer(operation);
        },
      }),
    );
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, "127.0.0.1", () => resolve(s));
    });
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  });

  beforeEach(() => {
    seen.length = 0;
    answer = province(THREE_LEVEL);
  });

  const get = (path: string): Promise<Response> => fetch(`${origin}${path}`, { headers: { "x-request-id": "req-42" } });
  const errorOf = async (res: Response) => ((await res.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] }).errors[0]!;

  it("serves a CSV with the form's rows, district detail sorted by code, as an attachment", async () => {
    const res = await get("/reports/01-KQGQ.csv?unit=37&period=2024");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8; header=present");
    expect(res.headers.get("content-disposition")).toBe(
      `attachment; filename="01-KQGQ_37_2024.csv"; filename*=UTF-8''01-KQGQ_37_2024_T%E1%BB%89nh%20Ninh%20B%C3%ACnh.csv`,
    );
    const lines = parseCsv(await res.text());
    expect(lines[0]![0]).toBe("Biểu số 01/KQGQ — Tổng hợp kết quả giải quyết đơn khiếu nại");
    expect(lines.slice(7).map((l) => [l[0], l[1], l[2]])).toEqual([
      ["", "Toàn tỉnh", "100"],
      ["1", "UBND tỉnh", "1"],
      ["2", "Các sở, ngành", "2"],
      ["3", "Cấp huyện", "3"],
      ["4", "Cấp xã", "4"],
      ["", "Chi tiết cấp huyện (các cơ quan cấp huyện của từng huyện, thành phố)", ""],
      ["3.1", "Thành phố Ninh Bình", "5"],
      ["3.2", "Thành phố Tam Điệp", "6"],
    ]);
    expect(seen.map((s) => s.operationName)).toEqual(["ReportShape", "ReportExport"]);
    expect(seen[1]!.query).toContain("detail: districts { code fullName report(period: $period) { row: districtLevel { complaints {");
    expect(seen.every((s) => s.requestId === "req-42")).toBe(true);
  });

  it("serves an XLSX, and reads '01%2FKQGQ' as the form 01/KQGQ", async () => {
    const res = await get("/reports/01%2FKQGQ.xlsx?unit=37&period=2024");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="01-KQGQ_37_2024\.xlsx"/);
    const workbook = await readXlsx(await res.arrayBuffer());
    expect(workbook.getWorksheet("01-KQGQ")!.getCell(FIRST_DATA_ROW + 6, 2).value).toBe("Thành phố Ninh Bình");
  });

  it("omits the district rows where the graph has no district level (two-level profile)", async () => {
    answer = province(TWO_LEVEL);
    const res = await get("/reports/01-KQGQ.csv?unit=37&period=2024");
    expect(res.status).toBe(200);
    const labels = parseCsv(await res.text()).slice(7).map((l) => l[1]);
    expect(labels).toEqual(["Toàn tỉnh", "UBND tỉnh", "Các sở, ngành", "Cấp xã"]);
    expect(seen[1]!.query).not.toMatch(/district/);
  });

  it("answers 404 for a district where there is no district level", async () => {
    answer = province(TWO_LEVEL);
    const res = await get("/reports/01-TCD.csv?unit=369&period=2024");
    expect(res.status).toBe(404);
    expect((await errorOf(res)).message).toContain("no district level");
  });

  it.each([
    ["/reports/02-KQGQ.csv?unit=37&period=2024", "form", /"02-KQGQ" is not a report form: one of 01\/TCD, 01\/XLD, 01\/KQGQ, 03\/KQGQ/],
    ["/reports/01-KQGQ.pdf?unit=37&period=2024", "format", /must end in \.csv or \.xlsx/],
    ["/reports/01-KQGQ.csv?unit=3701&period=2024", "unit", /"3701" is not a unit code: 2 digits for a province, 3 for a district, 5 for a commune/],
    ["/reports/01-KQGQ.csv?period=2024", "unit", /unit: required/],
    ["/reports/01-KQGQ.csv?unit=37", "period", /period: required \(2024, 2024-Q3/],
    ["/reports/01-KQGQ.csv?unit=37&unit=38&period=2024", "unit", /given more than once/],
  ])("refuses %s with a 400 naming the parameter", async (path, parameter, message) => {
    const res = await get(path);
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.extensions).toEqual({ code: "BAD_USER_INPUT", parameter });
    expect(error.message).toMatch(message);
    expect(seen).toEqual([]);
  });

  it("passes the graph's message on for a period it cannot read (400) and an unknown unit (404)", async () => {
    const message = 'period: "năm 2024" is not a period: 2024, 2024-Q3, 2024-6M, 2024-9M or 2024-03-01..2024-05-31';
    answer = (op) => (op.operationName === "ReportShape" ? province(THREE_LEVEL)(op) : { errors: [{ message, extensions: { code: "BAD_USER_INPUT", field: "period" } }], data: null });
    const bad = await get("/reports/01-KQGQ.csv?unit=37&period=n%C4%83m%202024");
    expect(bad.status).toBe(400);
    expect(await errorOf(bad)).toEqual({ message, extensions: { code: "BAD_USER_INPUT", parameter: "period" } });

    answer = (op) => (op.operationName === "ReportShape" ? province(THREE_LEVEL)(op) : { errors: [{ message: 'Province "99" was not found', extensions: { code: "NOT_FOUND" } }], data: null });
    const missing = await get("/reports/01-KQGQ.csv?unit=99&period=2024");
    expect(missing.status).toBe(404);
    expect((await errorOf(missing)).message).toBe('Province "99" was not found');
  });

  it("refuses partial data with a 502 naming the unavailable subgraph", async () => {
    answer = (op) => {
      const full = province(THREE_LEVEL)(op);
      if (op.operationName === "ReportShape") {
        return full;
      }
      const unit = (full.data as { unit: { report: Record<string, unknown> } }).unit;
      unit.report.communeLevel = null;
      unit.report.total = null;
      return { data: { unit }, errors: [{ message: "The commune subgraph is unavailable", extensions: { code: "SUBGRAPH_UNAVAILABLE", serviceName: "commune" } }] };
    };
    const res = await get("/reports/01-KQGQ.xlsx?unit=37&period=2024");
    expect(res.status).toBe(502);
    const error = await errorOf(res);
    expect(error.extensions.code).toBe("SUBGRAPH_UNAVAILABLE");
    expect(error.message).toBe("The report cannot be complete: the commune subgraph is unavailable; no form is produced from partial data");
  });

  it("refuses a row missing without an error too", async () => {
    answer = (op) => {
      const full = province(THREE_LEVEL)(op);
      if (op.operationName === "ReportExport") {
        (full.data as { unit: { detail: unknown } }).unit.detail = null;
      }
      return full;
    };
    const res = await get("/reports/01-KQGQ.csv?unit=37&period=2024");
    expect(res.status).toBe(502);
    expect((await errorOf(res)).message).toContain("no figures for the districts of Tỉnh Ninh Bình");
  });
});

describe("file names", () => {
  it("writes ASCII names, a date range's '..' as '_', and the unit's name in filename*", () => {
    const t = table(TCD, { period: { code: "2024-03-01..2024-05-31", from: "2024-03-01", to: "2024-05-31" }, unit: { code: "14320", fullName: "Phường Đông Thành (cũ)", level: "commune" } });
    expect(reportFileName(t, "xlsx")).toBe("01-TCD_14320_2024-03-01_2024-05-31.xlsx");
    expect(contentDisposition(t, "csv")).toBe(
      `attachment; filename="01-TCD_14320_2024-03-01_2024-05-31.csv"; filename*=UTF-8''01-TCD_14320_2024-03-01_2024-05-31_Ph%C6%B0%E1%BB%9Dng%20%C4%90%C3%B4ng%20Th%C3%A0nh%20%28c%C5%A9%29.csv`,
    );
  });
});
