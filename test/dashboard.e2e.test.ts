// The web dashboard end to end: a real federation (subgraphs and gateway, own databases), a small
// known data set made through the API, and headless Chromium (Debian's /usr/bin/chromium driven by
// playwright-core) reading the page the gateway serves at /dashboard. Every figure the page shows
// is checked against what the API returns for the same question, formatted the Vietnamese way.
// Screenshots of each main view go to test/artifacts/ (git-ignored; docs/dashboard.png is a copy).
/// <reference lib="dom" />
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { TWO_LEVELS, createLogger } from "@tiepdan/kit";
import { ROOT } from "@tiepdan/tools";
import { type BrowserContext, type Locator, type Page, chromium } from "playwright-core";

import { type Federation, eventually, ok, startFederation } from "./harness";

const CHROMIUM = "/usr/bin/chromium";
const HAVE_CHROMIUM = existsSync(CHROMIUM);
const DIST = join(ROOT, "dashboard", "dist", "index.html");
const ARTIFACTS = join(ROOT, "test", "artifacts");
// Without the background-networking flags Chromium's own connections get refused here and it stalls.
const ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"];
const OFFICER = { "x-user-id": "can-bo-tong-hop" };
const LEVEL_OF: Record<number, string> = { 2: "province", 3: "district", 5: "commune" };
const levelOf = (bodyId: string): string => LEVEL_OF[bodyId.split(".")[0]!.length]!;

if (!HAVE_CHROMIUM) {
  // Loud on purpose: a green run without the browser tests must not go unnoticed.
  console.warn(`\n${"!".repeat(100)}\n!! dashboard.e2e: ${CHROMIUM} is missing: the browser tests are SKIPPED.\n!! Install it with: apt-get install -y chromium chromium-driver (.ci/run does)\n${"!".repeat(100)}\n`);
}
const describeBrowser = HAVE_CHROMIUM ? describe : describe.skip;

// The page's number formats, written again here: 1.234 and 80,0%.
const count = (n: number): string => new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 0 }).format(n);
const rate = (r: number | null): string => (r === null ? "–" : `${new Intl.NumberFormat("vi-VN", { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(r * 100)}%`);

type Figures = {
  reception: { persons: number; visits: number; largeGroups: number; largeGroupPersons: number };
  processing: { petitionsReceived: number; newCases: number };
  complaints: { toResolve: number; newlyAccepted: number; resolved: number; withdrawnAfterPersuasion: number; resolutionRate: number | null; onTimeRate: number | null };
  denunciations: { toResolve: number; newlyAccepted: number; resolved: number; withdrawnAfterPersuasion: number; resolutionRate: number | null; onTimeRate: number | null };
};
const FIGURES = `reception { persons visits largeGroups largeGroupPersons } processing { petitionsReceived newCases }
  complaints { toResolve newlyAccepted resolved withdrawnAfterPersuasion resolutionRate onTimeRate }
  denunciations { toResolve newlyAccepted resolved withdrawnAfterPersuasion resolutionRate onTimeRate }`;

/** Reads the API for a comparison; any error fails the test. */
async function read<T>(f: Federation, query: string, variables?: Record<string, unknown>): Promise<T> {
  return ok(await f.query<T>(query, variables));
}

/** Runs a mutation that must succeed, as the officer, and returns its single field's value. */
async function mutate<T = { id: string }>(f: Federation, mutation: string, variables: Record<string, unknown>): Promise<T> {
  return Object.values(ok(await f.query<Record<string, T>>(mutation, variables, OFFICER)))[0]!;
}

/** A petition at a body, classified (within competence unless told), then the steps; returns the case id. */
async function matter(
  f: Federation,
  bodyId: string,
  kind: "COMPLAINT" | "DENUNCIATION" | "RECOMMENDATION",
  receivedOn: string,
  steps: [string, Record<string, unknown>][],
  options: { withinCompetence?: boolean; summary?: string } = {},
): Promise<string> {
  const level = levelOf(bodyId);
  const contentTypes = [kind === "RECOMMENDATION" ? "REFLECTION" : kind];
  const registered = await mutate<{ case: { id: string } }>(f, `mutation ($input: RegisterPetitionInput!) { ${level}RegisterPetition(input: $input) { case { id } } }`, {
    input: {
      bodyId,
      source: "IN_PERSON",
      receivedOn,
      content: options.summary ?? `Đơn ${kind === "COMPLAINT" ? "khiếu nại" : kind === "DENUNCIATION" ? "tố cáo" : "phản ánh"} nhận ngày ${receivedOn}`,
      summary: options.summary,
      contentTypes,
      petitioners: [{ fullName: "Phạm Văn Lộc", citizenId: "037079004545" }],
    },
  });
  const id = registered.case.id;
  await mutate(f, `mutation ($id: ID!, $input: ClassifyCaseInput!) { ${level}ClassifyCase(id: $id, input: $input) { id } }`, {
    id,
    input: { contentTypes, eligible: true, withinCompetence: options.withinCompetence ?? true, field: "LAND_HOUSING", instance: kind === "COMPLAINT" ? 1 : null, on: receivedOn },
  });
  for (const [step, input] of steps) {
    const action = step === "DECIDE" && kind === "DENUNCIATION" ? "CONCLUDE" : step;
    await mutate(f, `mutation ($id: ID!, $action: CaseAction!, $input: CaseActionInput) { ${level}ActOnCase(id: $id, action: $action, input: $input) { id } }`, { id, action, input });
  }
  return id;
}

const decided = (accepted: string, on: string): [string, Record<string, unknown>][] => [
  ["ACCEPT", { on: accepted }],
  ["START_VERIFICATION", { on: accepted }],
  ["DECIDE", { on, result: "RIGHT", decisionNumber: `${on}/QĐ-UBND` }],
];
const accepted = (on: string): [string, Record<string, unknown>][] => [["ACCEPT", { on }]];

/** A reception session with one visit of `persons` (5 or more: a large group). */
async function session(f: Federation, bodyId: string, date: string, persons: number): Promise<void> {
  const level = levelOf(bodyId);
  const { id } = await mutate(f, `mutation ($input: RecordReceptionSessionInput!) { ${level}RecordReceptionSession(input: $input) { id } }`, { input: { bodyId, date, mode: "REGULAR" } });
  await mutate(f, `mutation ($input: RecordVisitInput!) { ${level}RecordVisit(input: $input) { id } }`, {
    input: { sessionId: id, outcome: "GUIDED", persons, representatives: persons >= 5 ? 2 : undefined },
  });
}

/** Chromium with a fresh profile of its own, downloads allowed. */
async function openBrowser(): Promise<{ context: BrowserContext; page: Page; errors: string[]; close(): Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), "tiepdan-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    acceptDownloads: true,
    viewport: { width: 1366, height: 900 },
    locale: "vi-VN",
    timezoneId: "Asia/Ho_Chi_Minh",
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") {
      errors.push(`console: ${m.text()}`);
    }
  });
  return {
    context,
    page,
    errors,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  // From the top (the header is sticky), once the charts' entry animation (1 s) is over.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(1100);
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** Waits (5 s at most) until the locator matches exactly `n` elements. */
async function countIs(locator: Locator, n: number): Promise<void> {
  const deadline = Date.now() + 5000;
  let seen = await locator.count();
  while (seen !== n && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    seen = await locator.count();
  }
  expect(seen).toBe(n);
}

const text = async (page: Page, testId: string): Promise<string> => ((await page.getByTestId(testId).first().textContent()) ?? "").trim();

/** Waits until the headline figures are on the page and returns each one as shown. */
async function headline(page: Page): Promise<Record<string, string>> {
  await page.getByTestId("kpi-persons-value").waitFor();
  await page.waitForFunction(() => document.querySelector('[data-testid="kpi-overdue-value"]')?.textContent !== "…");
  const ids = [
    "kpi-persons-value",
    "kpi-large-groups-value",
    "kpi-petitions-value",
    "kpi-complaints-first",
    "kpi-complaints-second",
    "kpi-denunciations-first",
    "kpi-denunciations-second",
    "kpi-resolution-rate-first",
    "kpi-resolution-rate-second",
    "kpi-on-time-rate-first",
    "kpi-on-time-rate-second",
    "kpi-withdrawn-value",
    "kpi-overdue-value",
  ];
  return Object.fromEntries(await Promise.all(ids.map(async (id) => [id, await text(page, id)] as const)));
}

/** The headline figures as the page must show them, from the API's figures and overdue count. */
function expectedHeadline(total: Figures, overdue: number): Record<string, string> {
  return {
    "kpi-persons-value": count(total.reception.persons),
    "kpi-large-groups-value": count(total.reception.largeGroups),
    "kpi-petitions-value": count(total.processing.petitionsReceived),
    "kpi-complaints-first": count(total.complaints.newlyAccepted),
    "kpi-complaints-second": count(total.complaints.resolved),
    "kpi-denunciations-first": count(total.denunciations.newlyAccepted),
    "kpi-denunciations-second": count(total.denunciations.resolved),
    "kpi-resolution-rate-first": rate(total.complaints.resolutionRate),
    "kpi-resolution-rate-second": rate(total.denunciations.resolutionRate),
    "kpi-on-time-rate-first": rate(total.complaints.onTimeRate),
    "kpi-on-time-rate-second": rate(total.denunciations.onTimeRate),
    "kpi-withdrawn-value": count(total.complaints.withdrawnAfterPersuasion + total.denunciations.withdrawnAfterPersuasion),
    "kpi-overdue-value": count(overdue),
  };
}

/** Overdue cases now at each level for the given unit codes, as the API counts them. */
async function overdueCounts(f: Federation, codes: Partial<Record<"province" | "district" | "commune", string[]>>, extra: Record<string, unknown> = {}): Promise<number> {
  let total = 0;
  for (const [level, unitCodes] of Object.entries(codes)) {
    const res = await read<Record<string, { totalCount: number }>>(f, `query ($filter: CaseFilter) { c: ${level}Cases(first: 1, filter: $filter) { totalCount } }`, { filter: { overdue: true, unitCodes, ...extra } });
    total += res.c!.totalCount;
  }
  return total;
}

describeBrowser("the dashboard in Chromium, three levels", () => {
  let f: Federation;
  let origin: string;
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  let page: Page;
  let transferred: string;
  let districtCase: string;
  let provinceCodes: { province: string[]; district: string[]; commune: string[] };

  beforeAll(async () => {
    if (!existsSync(DIST)) {
      throw new Error(`${DIST} is missing: build the dashboard first (npm run build)`);
    }
    f = await startFederation({ log: createLogger("t", "error") });
    origin = f.gateway.url.replace(/\/graphql$/, "");
    // 2024: the provincial PC, a department (sector TN-MT), two districts, two communes.
    await matter(f, "37.ubnd", "COMPLAINT", "2024-02-01", decided("2024-02-05", "2024-03-01"));
    await matter(f, "37.so-tnmt", "COMPLAINT", "2024-03-01", accepted("2024-03-05")); // unresolved: overdue now
    await matter(f, "37.so-tnmt", "DENUNCIATION", "2024-04-01", decided("2024-04-05", "2024-05-20"));
    await matter(f, "369.ubnd", "COMPLAINT", "2024-01-10", decided("2024-01-12", "2024-02-01"));
    await matter(f, "369.phong-tnmt", "DENUNCIATION", "2024-06-01", accepted("2024-06-05")); // overdue now
    await matter(f, "370.ubnd", "COMPLAINT", "2024-07-01", decided("2024-07-03", "2024-11-30")); // decided late
    await matter(f, "14320.ubnd", "COMPLAINT", "2024-08-01", decided("2024-08-02", "2024-08-20"));
    await matter(f, "14329.ubnd", "DENUNCIATION", "2024-09-01", accepted("2024-09-03")); // overdue now
    await matter(f, "14329.ubnd", "COMPLAINT", "2024-10-01", [["ACCEPT", { on: "2024-10-03" }], ["WITHDRAW", { on: "2024-10-20", reason: "Đã được giải thích, thuyết phục", afterPersuasion: true }]]);
    await session(f, "37.ban-tcd", "2024-05-02", 5);
    await session(f, "369.ban-tcd", "2024-05-03", 2);
    await session(f, "14320.diem-tcd", "2024-05-04", 12);
    await session(f, "14329.ubnd", "2024-05-05", 1);
    // A reflection the ward sends to the city (district level), which takes it up: a journey.
    transferred = await matter(f, "14320.ubnd", "RECOMMENDATION", "2024-09-10", [], { withinCompetence: false, summary: "Phản ánh bãi tập kết vật liệu lấn chiếm lòng đường, tổ dân phố 7" });
    await mutate(f, `mutation ($id: ID!, $input: CaseActionInput) { communeActOnCase(id: $id, action: TRANSFER, input: $input) { id } }`, {
      id: transferred,
      input: { on: "2024-09-11", targetBodyId: "369.ubnd", reason: "Thuộc thẩm quyền UBND thành phố", legalBasis: "Thông tư 05/2021/TT-TTCP, Điều 14" },
    });
    districtCase = await eventually(
      async () => (await read<{ districtIncomingTransfers: { id: string; transferredFrom: { id: string } }[] }>(f, `{ districtIncomingTransfers(bodyId: "369.ubnd") { id transferredFrom { ... on Case { id } } } }`)).districtIncomingTransfers,
      (list) => list.some((c) => c.transferredFrom.id === transferred),
    ).then((list) => list.find((c) => c.transferredFrom.id === transferred)!.id);
    await mutate(f, `mutation ($id: ID!) { districtAcceptTransfer(id: $id) { id } }`, { id: districtCase });
    await eventually(
      async () => (await read<{ communeCase: { journey: { hops: { status: string }[] } } }>(f, `query ($id: ID!) { communeCase(id: $id) { journey { hops { status } } } }`, { id: transferred })).communeCase.journey.hops,
      (hops) => hops[0]?.status === "ACCEPTED",
    );
    const units = (await read<{ province: { districts: { code: string; communes: { code: string }[] }[] } }>(f, `{ province(code: "37") { districts { code communes { code } } } }`)).province;
    provinceCodes = { province: ["37"], district: units.districts.map((d) => d.code), commune: units.districts.flatMap((d) => d.communes.map((c) => c.code)) };
    browser = await openBrowser();
    page = browser.page;
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await f?.stop();
  });

  it("loads and shows the province's headline figures exactly as the API gives them, in Vietnamese format", async () => {
    const started = Date.now();
    await page.goto(`${origin}/dashboard/?unit=37&period=2024`);
    const shown = await headline(page);
    const firstRender = await page.evaluate(() => performance.now());
    console.log(`dashboard first render (navigation → headline figures and overdue count), small data set: ${Math.round(firstRender)} ms (${Date.now() - started} ms wall)`);

    const api = (await read<{ province: { report: { total: Figures; districtLevel: Figures } } }>(f, `{ province(code: "37") { report(period: "2024") { total { ${FIGURES} } districtLevel { ${FIGURES} } } } }`)).province.report;
    const overdue = await overdueCounts(f, provinceCodes);
    expect(shown).toEqual(expectedHeadline(api.total, overdue));
    // And the known figures of the data set, so a page and an API wrong the same way still fail.
    expect(shown).toMatchObject({
      "kpi-persons-value": "20",
      "kpi-large-groups-value": "2",
      "kpi-complaints-first": "6",
      "kpi-complaints-second": "5",
      "kpi-denunciations-first": "3",
      "kpi-denunciations-second": "1",
      "kpi-resolution-rate-first": "83,3%",
      "kpi-on-time-rate-first": "75,0%",
      "kpi-withdrawn-value": "1",
    });
    expect(overdue).toBeGreaterThanOrEqual(3);

    // The level rows: the district level's complaints as the API counts them.
    const districtRow = page.getByTestId("levels-row-districtLevel");
    expect((await districtRow.locator('[data-col="complaintsAccepted"]').textContent())?.trim()).toBe(count(api.districtLevel.complaints.newlyAccepted));
    expect((await districtRow.locator('[data-col="persons"]').textContent())?.trim()).toBe(count(api.districtLevel.reception.persons));
    // The transfer of the ward's reflection: commune → district.
    await expect(text(page, "flow-COMMUNE-DISTRICT")).resolves.toContain("1");
    await page.getByTestId("chart-status").locator("canvas").first().waitFor();
    await page.getByTestId("chart-monthly").locator("canvas").first().waitFor();
    await shot(page, "dashboard-overview");
    expect(browser.errors).toEqual([]);
  });

  it("opens the list of cases behind a figure, with the figure's count", async () => {
    await page.getByTestId("kpi-overdue").click();
    await page.waitForURL(/\/dashboard\/cases\?/);
    await page.waitForFunction(() => /\d/.test(document.querySelector('[data-testid="case-count"]')?.textContent ?? ""));
    const overdue = await overdueCounts(f, provinceCodes);
    expect(await text(page, "case-count")).toBe(`${count(overdue)} vụ việc`);
    await countIs(page.getByTestId("case-row"), Math.min(overdue, 50));
    await shot(page, "dashboard-cases");
  });

  it("opens the cases behind each resolution figure, as many as the figure: cards, a level, a district", async () => {
    const api = (
      await read<{ province: { report: { total: Figures; districtLevel: Figures } }; district: { report: { total: Figures } } }>(
        f,
        `{ province(code: "37") { report(period: "2024") { total { ${FIGURES} } districtLevel { ${FIGURES} } } } district(code: "369") { report(period: "2024") { total { ${FIGURES} } } } }`,
      )
    );
    const total = api.province.report.total;
    /** From the overview, follows a figure's link; its list must hold as many cases as the figure shows. */
    const opens = async (name: string, link: (page: Page) => Locator, figure: number, filter: string) => {
      await page.goto(`${origin}/dashboard/?unit=37&period=2024`);
      await headline(page);
      const shown = ((await link(page).textContent()) ?? "").trim();
      expect({ name, shown }).toEqual({ name, shown: count(figure) });
      await link(page).click();
      await page.waitForURL(/\/dashboard\/cases\?/);
      await page.waitForFunction(() => /\d/.test(document.querySelector('[data-testid="case-count"]')?.textContent ?? ""));
      expect({ name, count: await text(page, "case-count") }).toEqual({ name, count: `${shown} vụ việc` });
      await countIs(page.getByTestId("case-row"), Math.min(figure, 50));
      expect(await text(page, "case-filter")).toContain(filter);
    };
    // The card "complaints resolved": its number opens the complaints resolved in 2024 (5, the data set's).
    await opens("complaints resolved", (p) => p.getByTestId("kpi-complaints-second"), total.complaints.resolved, "giải quyết trong kỳ (01/01/2024 – 31/12/2024)");
    expect(total.complaints.resolved).toBe(5);
    await shot(page, "dashboard-cases-resolved");
    await opens("complaints accepted", (p) => p.getByTestId("kpi-complaints-first"), total.complaints.newlyAccepted, "thụ lý trong kỳ");
    await opens("denunciations accepted", (p) => p.getByTestId("kpi-denunciations-first"), total.denunciations.newlyAccepted, "thụ lý trong kỳ");
    await opens("denunciations resolved", (p) => p.getByTestId("kpi-denunciations-second"), total.denunciations.resolved, "giải quyết trong kỳ");
    await opens("withdrawn", (p) => p.getByTestId("kpi-withdrawn-value"), total.complaints.withdrawnAfterPersuasion + total.denunciations.withdrawnAfterPersuasion, "rút sau giải thích, thuyết phục");
    // A level of the level table, and a district of the units table (its own bodies and its communes').
    await opens("district level, complaints resolved", (p) => p.getByTestId("levels-row-districtLevel").locator('[data-col="complaintsResolved"] a'), api.province.report.districtLevel.complaints.resolved, "Cấp huyện");
    await opens("district 369, complaints resolved", (p) => p.getByTestId("children-row-369").locator('[data-col="complaintsResolved"] a'), api.district.report.total.complaints.resolved, "giải quyết trong kỳ");
    expect(await text(page, "crumb-district")).toBe("Thành phố Ninh Bình");
    expect(browser.errors).toEqual([]);
  });

  it("drills down province → district → commune, each with the API's figures", async () => {
    await page.goto(`${origin}/dashboard/?unit=37&period=2024`);
    await page.getByTestId("drill-369").click();
    await page.waitForURL(/unit=369/);
    const district = (await read<{ district: { report: { total: Figures }; communes: { code: string }[] } }>(f, `{ district(code: "369") { report(period: "2024") { total { ${FIGURES} } } communes { code } } }`)).district;
    const districtOverdue = await overdueCounts(f, { district: ["369"], commune: district.communes.map((c) => c.code) });
    expect(await headline(page)).toEqual(expectedHeadline(district.report.total, districtOverdue));
    expect(await text(page, "crumb-district")).toBe("Thành phố Ninh Bình");
    await shot(page, "dashboard-district");

    await page.getByTestId("drill-14320").click();
    await page.waitForURL(/unit=14320/);
    const commune = (await read<{ commune: { report: { total: Figures } } }>(f, `{ commune(code: "14320") { report(period: "2024") { total { ${FIGURES} } } } }`)).commune;
    expect(await headline(page)).toEqual(expectedHeadline(commune.report.total, await overdueCounts(f, { commune: ["14320"] })));
    expect(await text(page, "crumb-commune")).toBe("Phường Đông Thành");
    expect(await text(page, "crumb-district")).toBe("Thành phố Ninh Bình");
    expect(await text(page, "kpi-persons-value")).toBe("12");
  });

  it("opens a case and shows its journey across levels and its timeline, the overdue step highlighted", async () => {
    // From the commune's figure "petitions received" to its list, then the transferred case.
    await page.getByTestId("kpi-petitions").click();
    await page.waitForURL(/\/dashboard\/cases\?/);
    await page.locator(`[data-testid="case-row"][data-case-id="${transferred}"] [data-testid="case-link"]`).click();
    await page.waitForURL(new RegExp(`/dashboard/case/commune/${transferred}`));
    await page.getByTestId("journey-chain").waitFor();
    const nodes = page.getByTestId("journey-node");
    await countIs(nodes, 2);
    expect(await nodes.nth(0).getAttribute("data-level")).toBe("COMMUNE");
    expect(await nodes.nth(1).getAttribute("data-level")).toBe("DISTRICT");
    expect(await page.getByTestId("journey-hop").getAttribute("data-status")).toBe("ACCEPTED");
    expect(await nodes.nth(1).textContent()).toContain("Ủy ban nhân dân thành phố Ninh Bình");
    const commune = (await read<{ communeCase: { timeline: unknown[] } }>(f, `query ($id: ID!) { communeCase(id: $id) { timeline { action } } }`, { id: transferred })).communeCase;
    await countIs(page.getByTestId("timeline-event"), commune.timeline.length);
    // Its first step (petition processing, 10 working days) ended with the transfer, in time.
    await countIs(page.locator('[data-testid="deadline"][data-state="onTime"]'), 1);
    await countIs(page.locator('[data-testid="timeline-event"][data-late="true"]'), 0);
    await shot(page, "dashboard-case-journey");

    // The district's copy: still to be processed, long past its deadline.
    await nodes.nth(1).getByTestId("journey-open").click();
    await page.waitForURL(new RegExp(`/dashboard/case/district/${districtCase}`));
    await page.getByTestId("timeline").waitFor();
    const api = (await read<{ districtCase: { overdue: boolean; daysLate: number; timeline: unknown[] } }>(f, `query ($id: ID!) { districtCase(id: $id) { overdue daysLate timeline { action } } }`, { id: districtCase })).districtCase;
    expect(api.overdue).toBe(true);
    await countIs(page.getByTestId("timeline-event"), api.timeline.length);
    expect(await page.getByTestId("case-due").getAttribute("class")).toContain("overdue");
    expect(await text(page, "case-days")).toBe(`Quá hạn ${api.daysLate} ngày`);
    await countIs(page.locator('[data-testid="timeline-event"][data-late="true"]'), 1);
    expect(await page.locator('[data-testid="deadline"][data-state="overdueNow"]').count()).toBe(1);
    await shot(page, "dashboard-case-overdue");
  });

  it("lists the overdue cases, most days late first, filterable by unit and sector", async () => {
    await page.goto(`${origin}/dashboard/overdue?unit=37&period=2024`);
    await page.waitForFunction(() => /\d/.test(document.querySelector('[data-testid="case-count"]')?.textContent ?? ""));
    const all = await overdueCounts(f, provinceCodes);
    expect(await text(page, "case-count")).toBe(`${count(all)} vụ việc`);
    const late = (await page.locator('[data-testid="case-row"] [data-col="daysLate"]').allTextContents()).map((s) => Number(s.replace(/\./g, "")));
    expect(late).toHaveLength(all);
    expect(late).toEqual([...late].sort((a, b) => b - a));
    await shot(page, "dashboard-overdue");

    await page.getByTestId("filter-sector").selectOption("NATURAL_RESOURCES_ENVIRONMENT");
    const bySector = await overdueCounts(f, provinceCodes, { sectors: ["NATURAL_RESOURCES_ENVIRONMENT"] });
    expect(bySector).toBe(2); // the department's complaint and the city office's denunciation
    await page.waitForFunction((n) => document.querySelector('[data-testid="case-count"]')?.textContent === n, `${count(bySector)} vụ việc`);

    await page.getByTestId("filter-sector").selectOption("");
    await page.getByTestId("filter-unit").selectOption("14329");
    const byUnit = await overdueCounts(f, { commune: ["14329"] });
    await page.waitForFunction((n) => document.querySelector('[data-testid="case-count"]')?.textContent === n, `${count(byUnit)} vụ việc`);
    await countIs(page.getByTestId("case-row"), byUnit);
  });

  it("downloads the statutory forms of the selection", async () => {
    await page.goto(`${origin}/dashboard/?unit=37&period=2024`);
    await page.getByTestId("downloads").waitFor();
    const [xlsx] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-01-KQGQ-xlsx").click()]);
    expect(xlsx.suggestedFilename()).toMatch(/^01-KQGQ_37_2024.*\.xlsx$/);
    const xlsxBytes = readFileSync((await xlsx.path())!);
    expect(xlsxBytes.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04])); // a ZIP: the XLSX container
    const [csv] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-01-TCD-csv").click()]);
    const csvText = readFileSync((await csv.path())!);
    expect(csvText.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf])); // UTF-8 byte order mark
    const lines = csvText.toString("utf8").slice(1).split("\r\n");
    expect(lines[0]).toContain("Biểu số 01/TCD");
    expect(lines.find((l) => l.includes("Toàn tỉnh"))).toMatch(/,4,4,0,0,0,0,4,20,/); // sessions, modes…, visits, persons
  });

  it("switches the interface to English, numbers still the Vietnamese way", async () => {
    await page.getByTestId("lang-en").click();
    await expect(page.getByTestId("kpi-persons").locator(".kpi-label").textContent()).resolves.toBe("Citizens received");
    expect(await text(page, "kpi-resolution-rate-first")).toBe("83,3%");
    expect(await text(page, "nav-overdue")).toBe("Overdue cases");
    await shot(page, "dashboard-english");
    await page.getByTestId("lang-vi").click();
    await expect(page.getByTestId("kpi-persons").locator(".kpi-label").textContent()).resolves.toBe("Công dân được tiếp");
    expect(browser.errors).toEqual([]);
  });
});

describeBrowser("the dashboard in Chromium, two levels (no district subgraph)", () => {
  let f: Federation;
  let origin: string;
  let browser: Awaited<ReturnType<typeof openBrowser>>;

  beforeAll(async () => {
    if (!existsSync(DIST)) {
      throw new Error(`${DIST} is missing: build the dashboard first (npm run build)`);
    }
    f = await startFederation({ levels: TWO_LEVELS, log: createLogger("t", "error") });
    origin = f.gateway.url.replace(/\/graphql$/, "");
    await matter(f, "37.ubnd", "COMPLAINT", "2025-08-04", decided("2025-08-06", "2025-09-01"));
    await matter(f, "14320.ubnd", "DENUNCIATION", "2025-08-11", accepted("2025-08-13"));
    await session(f, "14320.diem-tcd", "2025-08-14", 6);
    browser = await openBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await f?.stop();
  });

  it("hides the district level and shows the province's figures and communes", async () => {
    const { page } = browser;
    await page.goto(`${origin}/dashboard/?unit=37&period=2025`);
    const shown = await headline(page);
    const communes = (await read<{ province: { communes: { code: string }[]; report: { total: Figures } } }>(f, `{ province(code: "37") { communes { code } report(period: "2025") { total { ${FIGURES} } } } }`)).province;
    expect(shown).toEqual(expectedHeadline(communes.report.total, await overdueCounts(f, { province: ["37"], commune: communes.communes.map((c) => c.code) })));
    expect(shown).toMatchObject({ "kpi-persons-value": "6", "kpi-large-groups-value": "1", "kpi-complaints-second": "1", "kpi-denunciations-first": "1" });
    // The denunciation accepted in 2025, at the commune level: its list, without the district level.
    await page.getByTestId("kpi-denunciations-first").click();
    await page.waitForFunction(() => /\d/.test(document.querySelector('[data-testid="case-count"]')?.textContent ?? ""));
    expect(await text(page, "case-count")).toBe("1 vụ việc");
    await page.goto(`${origin}/dashboard/?unit=37&period=2025`);
    await headline(page);
    expect(await page.getByTestId("page").getAttribute("data-levels")).toBe("2");
    await page.getByTestId("two-level").waitFor();
    await countIs(page.getByTestId("levels-row-districtLevel"), 0);
    await countIs(page.getByTestId("levels-row-communeLevel"), 1);
    await countIs(page.getByTestId("children").locator("tbody tr"), 143);
    await shot(page, "dashboard-two-level");

    // Straight to a commune: no district in the path, and its figures.
    await page.getByTestId("drill-14320").click();
    await page.waitForURL(/unit=14320/);
    expect(await text(page, "kpi-persons-value")).toBe("6");
    await countIs(page.getByTestId("crumb-district"), 0);
    expect(await text(page, "crumb-commune")).toBe("Phường Đông Thành");

    // The overdue list reads the province and commune levels only.
    await page.getByTestId("nav-overdue").click();
    await page.waitForFunction(() => /\d/.test(document.querySelector('[data-testid="case-count"]')?.textContent ?? ""));
    expect(await text(page, "case-count")).toBe(`${count(await overdueCounts(f, { commune: ["14320"] }))} vụ việc`);
    expect(browser.errors).toEqual([]);
  });
});
