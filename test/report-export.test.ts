// The report exports end to end: a small known data set made through the API, the forms
// downloaded from the gateway's /reports endpoint as CSV and XLSX (and through `npm run report`'s
// command), every figure checked against what the graph's `report` field returns.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { FIRST_DATA_ROW, type ReportForm, csvFigure, figuresSelection, findForm, parseCsv, readXlsx } from "@tiepdan/gateway";
import { TWO_LEVELS, createLogger, freePort } from "@tiepdan/kit";
import { ROOT } from "@tiepdan/tools";

import { type Federation, ok, startFederation } from "./harness";

const OFFICER = { "x-user-id": "can-bo-tong-hop" };
const KQGQ = findForm("01/KQGQ")!;
const TCD = findForm("01/TCD")!;
const LEVEL_OF: Record<number, string> = { 2: "province", 3: "district", 5: "commune" };
const levelOf = (bodyId: string): string => LEVEL_OF[bodyId.split(".")[0]!.length]!;

type Figures = Record<string, Record<string, number | null>>;

/** A form's figures in a CSV line or an XLSX row, by field name. */
const byField = <T>(form: ReportForm, cells: T[]): Record<string, T> => Object.fromEntries(form.columns.map((c, i) => [c.path[1], cells[2 + i]!]));

let f: Federation;
let origin: string;

/** Runs a mutation that must succeed, as the officer, and returns its single field's value. */
async function mutate<T = { id: string }>(mutation: string, variables: Record<string, unknown>): Promise<T> {
  return Object.values(ok(await f.query<Record<string, T>>(mutation, variables, OFFICER)))[0]!;
}

/** A complaint or denunciation at a body: registered, classified within competence, then the steps. */
async function matter(bodyId: string, kind: "COMPLAINT" | "DENUNCIATION", receivedOn: string, steps: [string, Record<string, unknown>][]): Promise<void> {
  const level = levelOf(bodyId);
  const registered = await mutate<{ case: { id: string } }>(`mutation ($input: RegisterPetitionInput!) { ${level}RegisterPetition(input: $input) { case { id } } }`, {
    input: { bodyId, source: "IN_PERSON", receivedOn, content: `Đơn ${kind === "COMPLAINT" ? "khiếu nại" : "tố cáo"} nhận ngày ${receivedOn}`, contentTypes: [kind], petitioners: [{ fullName: "Phạm Văn Lộc", citizenId: "037079004545" }] },
  });
  const id = registered.case.id;
  await mutate(`mutation ($id: ID!, $input: ClassifyCaseInput!) { ${level}ClassifyCase(id: $id, input: $input) { id } }`, {
    id,
    input: { contentTypes: [kind], eligible: true, withinCompetence: true, field: "LAND_HOUSING", instance: kind === "COMPLAINT" ? 1 : null, on: receivedOn },
  });
  for (const [step, input] of steps) {
    const action = step === "DECIDE" && kind === "DENUNCIATION" ? "CONCLUDE" : step;
    await mutate(`mutation ($id: ID!, $action: CaseAction!, $input: CaseActionInput) { ${level}ActOnCase(id: $id, action: $action, input: $input) { id } }`, { id, action, input });
  }
}

const accept = (on: string): [string, Record<string, unknown>] => ["ACCEPT", { on }];
const decided = (accepted: string, on: string, extra: Record<string, unknown> = {}): [string, Record<string, unknown>][] => [
  accept(accepted),
  ["START_VERIFICATION", { on: accepted }],
  ["DECIDE", { on, result: "RIGHT", decisionNumber: `${on}/QĐ-UBND`, ...extra }],
];

/** A reception session with one visit of `persons` (5 or more: a large group). */
async function session(input: Record<string, unknown>, persons: number): Promise<void> {
  const level = levelOf(String(input.bodyId));
  const { id } = await mutate(`mutation ($input: RecordReceptionSessionInput!) { ${level}RecordReceptionSession(input: $input) { id } }`, { input });
  await mutate(`mutation ($input: RecordVisitInput!) { ${level}RecordVisit(input: $input) { id } }`, {
    input: { sessionId: id, outcome: "GUIDED", persons, representatives: persons >= 5 ? 2 : undefined },
  });
}

/** Downloads an export; the body as bytes, so that the BOM is kept (Response.text() drops it). */
async function download(path: string, headers: Record<string, string> = {}): Promise<{ res: Response; bytes: Buffer }> {
  const res = await fetch(`${origin}${path}`, { headers });
  return { res, bytes: Buffer.from(await res.arrayBuffer()) };
}

const errorOf = (bytes: Buffer): { message: string; extensions: Record<string, unknown> } => (JSON.parse(bytes.toString("utf8")) as { errors: { message: string; extensions: Record<string, unknown> }[] }).errors[0]!;

beforeAll(async () => {
  f = await startFederation({ log: createLogger("t", "error") });
  origin = f.gateway.url.replace(/\/graphql$/, "");
  // Complaints of 2024: provincial PC (with money and land), a department, two districts' PCs
  // (one carried over from 2023, one decided late), a commune; one of 2025 that must not count.
  await matter("37.ubnd", "COMPLAINT", "2024-02-01", decided("2024-02-05", "2024-03-01", { moneyToReturnVnd: 150_000_000, landToRecoverM2: 1250.5 }));
  await matter("37.so-tnmt", "COMPLAINT", "2024-03-01", [accept("2024-03-05")]);
  await matter("369.ubnd", "COMPLAINT", "2023-12-15", decided("2023-12-20", "2024-01-10"));
  await matter("370.ubnd", "COMPLAINT", "2024-07-01", decided("2024-07-03", "2024-11-30"));
  await matter("14320.ubnd", "COMPLAINT", "2024-08-01", decided("2024-08-02", "2024-08-20"));
  await matter("14329.ubnd", "COMPLAINT", "2025-01-10", [accept("2025-01-12")]);
  await matter("37.so-tnmt", "DENUNCIATION", "2024-04-01", decided("2024-04-05", "2024-05-20"));
  // Reception: a large group at the provincial board, the provincial Party secretary's unscheduled
  // session, a district's board, a large group at a commune's point.
  const secretary = await mutate(`mutation ($input: RegisterLeaderInput!) { provinceRegisterLeader(input: $input) { id } }`, {
    input: { bodyId: "37.cap-uy", name: "Đoàn Minh Huấn", title: "Bí thư Tỉnh ủy", role: "PARTY_SECRETARY" },
  });
  await session({ bodyId: "37.ban-tcd", date: "2024-05-02", mode: "REGULAR" }, 5);
  await session({ bodyId: "37.cap-uy", date: "2024-06-12", mode: "UNSCHEDULED", host: "PARTY_SECRETARY", leaderId: secretary.id }, 2);
  await session({ bodyId: "369.ban-tcd", date: "2024-05-03", mode: "REGULAR" }, 2);
  await session({ bodyId: "14320.diem-tcd", date: "2024-05-04", mode: "REGULAR" }, 12);
}, 180_000);

afterAll(async () => {
  await f?.stop();
});

interface ProvinceView {
  province: {
    report: Record<"total" | "provincialCommittee" | "departments" | "districtLevel" | "communeLevel", Figures>;
    districts: { code: string; fullName: string; report: { districtLevel: Figures } }[];
  };
}

/** The rows a province's form must have, read from the graph's own `report` field. */
async function expectedRows(form: ReportForm, period: string): Promise<[string, string, Figures | undefined][]> {
  const s = `{ ${figuresSelection(form)} }`;
  const { province } = ok(
    await f.query<ProvinceView>(
      `query ($period: String!) { province(code: "37") {
        report(period: $period) { total ${s} provincialCommittee ${s} departments ${s} districtLevel ${s} communeLevel ${s} }
        districts { code fullName report(period: $period) { districtLevel ${s} } } } }`,
      { period },
    ),
  );
  const r = province.report;
  // The graph leaves distinct matters null on a total over levels; the form prints its rows' sum.
  const rows = [r.provincialCommittee, r.departments, r.districtLevel, r.communeLevel];
  for (const [set, figures] of Object.entries(r.total)) {
    for (const [name, value] of Object.entries(figures as Record<string, number | null>)) {
      if (value === null) {
        (figures as Record<string, number | null>)[name] = rows.reduce((sum, row) => sum + ((row as Record<string, Record<string, number>>)[set]?.[name] ?? 0), 0);
      }
    }
  }
  return [
    ["", "Toàn tỉnh", r.total],
    ["1", "UBND tỉnh", r.provincialCommittee],
    ["2", "Các sở, ngành", r.departments],
    ["3", "Cấp huyện", r.districtLevel],
    ["4", "Cấp xã", r.communeLevel],
    ["", "Chi tiết cấp huyện (các cơ quan cấp huyện của từng huyện, thành phố)", undefined],
    ...province.districts.map((d, i): [string, string, Figures] => [`3.${i + 1}`, d.fullName, d.report.districtLevel]),
  ];
}

describe.each([KQGQ, TCD])("$number of province 37 for 2024", (form) => {
  let expected: [string, string, Figures | undefined][];

  beforeAll(async () => {
    expected = await expectedRows(form, "2024");
  });

  it("as CSV: UTF-8 with BOM, the title, and every row's figures as the graph gives them", async () => {
    const { res, bytes } = await download(`/reports/${form.slug}.csv?unit=37&period=2024`, { "x-request-id": "export-test-1" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8; header=present");
    expect(res.headers.get("content-disposition")).toMatch(new RegExp(`^attachment; filename="${form.slug}_37_2024\\.csv"; filename\\*=UTF-8''`));
    expect(res.headers.get("x-request-id")).toBe("export-test-1");
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = parseCsv(bytes.toString("utf8"));
    expect(lines[0]![0]).toBe(`Biểu số ${form.number} — ${form.name}`);
    expect(lines[1]![0]).toBe("Đơn vị báo cáo: Tỉnh Ninh Bình (mã 37)");
    expect(lines[2]![0]).toBe("Kỳ báo cáo: năm 2024, từ ngày 01/01/2024 đến ngày 31/12/2024");
    const rows = lines.slice(FIRST_DATA_ROW - 1);
    expect(rows.map((l) => [l[0], l[1]])).toEqual(expected.map(([no, label]) => [no, label]));
    expect(rows.filter((l) => /^3\.\d$/.test(l[0]!))).toHaveLength(8);
    rows.forEach((line, i) => {
      const figures = expected[i]![2];
      expect(line.slice(2)).toEqual(form.columns.map((c) => csvFigure(figures?.[c.path[0]]?.[c.path[1]], c.kind)));
    });
  });

  it("as XLSX: the same rows, figures kept as numbers", async () => {
    const { res, bytes } = await download(`/reports/${form.slug}.xlsx?unit=37&period=2024`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(new RegExp(`^attachment; filename="${form.slug}_37_2024\\.xlsx"`));
    const sheet = (await readXlsx(bytes)).getWorksheet(form.slug)!;
    expect(sheet.getCell("A1").value).toBe(`Biểu số ${form.number} — ${form.name}`);
    expected.forEach(([no, label, figures], i) => {
      const row = sheet.getRow(FIRST_DATA_ROW + i);
      expect([row.getCell(1).value ?? "", row.getCell(2).value]).toEqual([no, label]);
      if (!figures) {
        // The detail section's heading runs over the figure columns.
        expect(row.getCell(2 + form.columns.length).master.address).toBe(row.getCell(2).address);
        return;
      }
      form.columns.forEach((c, j) => {
        expect(row.getCell(3 + j).value).toEqual(figures[c.path[0]]?.[c.path[1]] ?? null);
      });
    });
    expect(sheet.rowCount).toBe(FIRST_DATA_ROW - 1 + expected.length);
  });
});

describe("known figures in the exports", () => {
  it("01/KQGQ: what was entered, row by row", async () => {
    const lines = parseCsv((await download("/reports/01-KQGQ.csv?unit=37&period=2024")).bytes.toString("utf8")).slice(FIRST_DATA_ROW - 1);
    const row = (label: string) => byField(KQGQ, lines.find((l) => l[1] === label)!);
    expect(row("Toàn tỉnh")).toMatchObject({ carriedOver: "1", newlyAccepted: "4", toResolve: "5", resolved: "4", onTime: "3", late: "1", unresolved: "1" });
    expect(row("Toàn tỉnh")).toMatchObject({ moneyToReturnVnd: "150000000", landToRecoverM2: "1250.50", resolutionRate: "80.0", onTimeRate: "75.0" });
    expect(row("UBND tỉnh")).toMatchObject({ toResolve: "1", resolved: "1", resolutionRate: "100.0" });
    expect(row("Các sở, ngành")).toMatchObject({ toResolve: "1", resolved: "0", unresolved: "1", resolutionRate: "0.0", onTimeRate: "" });
    expect(row("Cấp huyện")).toMatchObject({ carriedOver: "1", newlyAccepted: "1", resolved: "2", late: "1" });
    expect(row("Cấp xã")).toMatchObject({ newlyAccepted: "1", resolved: "1" });
    expect(row("Thành phố Ninh Bình")).toMatchObject({ carriedOver: "1", resolved: "1", onTime: "1" });
    expect(row("Thành phố Tam Điệp")).toMatchObject({ newlyAccepted: "1", late: "1", onTimeRate: "0.0" });
    expect(row("Huyện Kim Sơn")).toMatchObject({ toResolve: "0", resolutionRate: "" });
  });

  it("01/TCD: sessions, persons, large groups and the Party secretaries' column group", async () => {
    const lines = parseCsv((await download("/reports/01-TCD.csv?unit=37&period=2024")).bytes.toString("utf8"));
    expect(lines[FIRST_DATA_ROW - 4]).toContain("Trong đó: Bí thư cấp ủy tiếp");
    const row = (label: string) => byField(TCD, lines.find((l) => l[1] === label)!);
    expect(row("Toàn tỉnh")).toMatchObject({ sessions: "4", persons: "21", largeGroups: "2", largeGroupPersons: "17", partySessions: "1", partyCitizens: "2", partyUnscheduledSessions: "1", partyUnscheduledCitizens: "2" });
    expect(row("UBND tỉnh")).toMatchObject({ sessions: "2", persons: "7", partySessions: "1" });
    expect(row("Thành phố Ninh Bình")).toMatchObject({ sessions: "1", persons: "2" });
    expect(row("Cấp xã")).toMatchObject({ persons: "12", largeGroups: "1" });
  });

  it("a district's and a commune's forms have their own rows", async () => {
    const district = parseCsv((await download("/reports/01%2FKQGQ.csv?unit=369&period=2024")).bytes.toString("utf8")).slice(FIRST_DATA_ROW - 1);
    expect(district.slice(0, 5).map((l) => l.slice(0, 3))).toEqual([
      ["", "Toàn thành phố", "2"],
      ["1", "UBND cấp huyện", "1"],
      ["2", "Các phòng, ban", "0"],
      ["3", "Cấp xã", "1"],
      ["", "Chi tiết cấp xã", ""],
    ]);
    expect(district.find((l) => l[1] === "Phường Đông Thành")?.slice(0, 3)).toEqual(["3.1", "Phường Đông Thành", "1"]);
    expect(district).toHaveLength(5 + 14);
    const commune = parseCsv((await download("/reports/01-KQGQ.csv?unit=14320&period=2024-Q3")).bytes.toString("utf8"));
    expect(commune[2]![0]).toBe("Kỳ báo cáo: quý III năm 2024, từ ngày 01/07/2024 đến ngày 30/09/2024");
    expect(commune.slice(FIRST_DATA_ROW - 1).map((l) => l.slice(0, 3))).toEqual([["", "Toàn phường", "1"]]);
  });
});

describe("refusals", () => {
  it.each([
    ["/reports/02-KQGQ.csv?unit=37&period=2024", 400, "form", /is not a report form/],
    ["/reports/01-KQGQ.csv?unit=3701&period=2024", 400, "unit", /is not a unit code/],
    ["/reports/01-KQGQ.xlsx?unit=37&period=n%C4%83m%202024", 400, "period", /^period: "năm 2024" is not a period: 2024, 2024-Q3/],
    ["/reports/01-KQGQ.csv?unit=99&period=2024", 404, "unit", /^Province "99" was not found$/],
    ["/reports/01-TCD.csv?unit=99999&period=2024", 404, "unit", /^Commune "99999" was not found$/],
  ])("%s: %i", async (path, status, parameter, message) => {
    const { res, bytes } = await download(path);
    expect(res.status).toBe(status);
    const error = errorOf(bytes);
    expect(error.extensions.parameter).toBe(parameter);
    expect(error.message).toMatch(message);
  });

  it("refuses with 502 while a subgraph is down, rather than a form with rows missing", async () => {
    await f.stopSubgraph("commune");
    try {
      const { res, bytes } = await download("/reports/01-KQGQ.xlsx?unit=37&period=2024");
      expect(res.status).toBe(502);
      expect(errorOf(bytes)).toEqual({
        message: "The report cannot be complete: the commune subgraph is unavailable; no form is produced from partial data",
        extensions: { code: "SUBGRAPH_UNAVAILABLE" },
      });
    } finally {
      await f.restartSubgraph("commune");
    }
    expect((await download("/reports/01-KQGQ.csv?unit=37&period=2024")).res.status).toBe(200);
  });
});

describe("npm run report (tools/dist/report.js)", () => {
  const dir = mkdtempSync(join(tmpdir(), "tiepdan-report-"));
  // Asynchronously: the gateway answering the command runs in this very process.
  const run = (...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> =>
    new Promise((resolve) => {
      execFile(process.execPath, [join(ROOT, "tools", "dist", "report.js"), ...args], { cwd: ROOT, env: { ...process.env, INIT_CWD: dir }, timeout: 60_000 }, (error, stdout, stderr) => {
        resolve({ status: error ? Number(error.code) : 0, stdout, stderr });
      });
    });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it("writes the endpoint's file under its name in the folder the command was typed in", async () => {
    const out = await run("--form", "01/KQGQ", "--unit", "37", "--period", "2024", "--format", "csv", "--gateway", origin);
    expect(out.stderr).toBe("");
    expect(out.status).toBe(0);
    const file = join(dir, "01-KQGQ_37_2024.csv");
    expect(out.stdout).toContain(`wrote ${file}`);
    expect(readFileSync(file)).toEqual((await download("/reports/01-KQGQ.csv?unit=37&period=2024")).bytes);
  });

  it("writes an XLSX to --out", async () => {
    const out = await run("--form", "01-TCD", "--unit", "369", "--period", "2024-Q2", "--out", "tcd.xlsx", "--gateway", `${origin}/graphql`);
    expect(out.status).toBe(0);
    const sheet = (await readXlsx(readFileSync(join(dir, "tcd.xlsx")))).getWorksheet("01-TCD")!;
    expect(sheet.getCell(FIRST_DATA_ROW, 2).value).toBe("Toàn thành phố");
    expect(sheet.getCell(FIRST_DATA_ROW, 3).value).toBe(2); // the board's session of 3 May, Đông Thành's of 4 May
  });

  it("says what is wrong: bad input, the gateway's refusal, no gateway", async () => {
    const form = await run("--form", "05/ABC", "--unit", "37", "--period", "2024", "--gateway", origin);
    expect(form.status).toBe(2);
    expect(form.stderr).toContain("--form 05/ABC: not a report form (01/TCD, 01/XLD, 01/KQGQ, 03/KQGQ)");
    const period = await run("--form", "01/KQGQ", "--unit", "37", "--period", "2024-Q5", "--gateway", origin);
    expect(period.status).toBe(2);
    expect(period.stderr).toContain('The gateway refused the report (HTTP 400): period: "2024-Q5" is not a period');
    const closed = await freePort();
    const down = await run("--form", "01/KQGQ", "--unit", "37", "--period", "2024", "--gateway", `http://127.0.0.1:${closed}`);
    expect(down.status).toBe(1);
    expect(down.stderr).toContain(`No gateway answers at http://127.0.0.1:${closed} (ECONNREFUSED): start it with \`npm start\``);
  });
});

describe("the two-level profile (province and commune only)", () => {
  let two: Federation;

  beforeAll(async () => {
    two = await startFederation({ levels: TWO_LEVELS, log: createLogger("t", "error") });
  }, 120_000);

  afterAll(async () => {
    await two?.stop();
  });

  it("exports the province without district rows", async () => {
    const base = two.gateway.url.replace(/\/graphql$/, "");
    const csv = await fetch(`${base}/reports/01-KQGQ.csv?unit=37&period=2024`);
    expect(csv.status).toBe(200);
    const rows = parseCsv(await csv.text()).slice(FIRST_DATA_ROW - 1);
    expect(rows.map((l) => [l[0], l[1]])).toEqual([
      ["", "Toàn tỉnh"],
      ["1", "UBND tỉnh"],
      ["2", "Các sở, ngành"],
      ["3", "Cấp xã"],
    ]);
    const xlsx = await fetch(`${base}/reports/01-TCD.xlsx?unit=37&period=2024`);
    expect(xlsx.status).toBe(200);
    const sheet = (await readXlsx(await xlsx.arrayBuffer())).getWorksheet("01-TCD")!;
    expect(sheet.rowCount).toBe(FIRST_DATA_ROW - 1 + 4);
    const district = await fetch(`${base}/reports/01-TCD.csv?unit=369&period=2024`);
    expect(district.status).toBe(404);
    expect(await district.text()).toContain("no district level");
  });
});
