import { type Federation, ok, startFederation } from "./harness";

let f: Federation;

const OFFICER = { "x-user-id": "can-bo-tong-hop" };
const LEVEL_OF: Record<string, "province" | "district" | "commune"> = { 2: "province", 3: "district", 5: "commune" };

/** Registers a case at a body, classifies it, accepts it, then applies the steps; returns its id. */
async function caseAt(bodyId: string, kind: "COMPLAINT" | "DENUNCIATION", receivedOn: string, steps: [string, Record<string, unknown>][]): Promise<string> {
  const level = LEVEL_OF[bodyId.split(".")[0]!.length]!;
  const id = ok(
    await f.query<Record<string, { case: { id: string } }>>(
      `mutation ($input: RegisterPetitionInput!) { r: ${level}RegisterPetition(input: $input) { case { id } } }`,
      { input: { bodyId, source: "IN_PERSON", receivedOn, content: `Đơn ${kind.toLowerCase()} về đất đai, nhận ngày ${receivedOn}`, contentTypes: [kind], petitioners: [{ fullName: "Trịnh Thị Hằng", citizenId: "037180001234" }] } },
      OFFICER,
    ),
  ).r!.case.id;
  ok(await f.query(`mutation ($id: ID!, $input: ClassifyCaseInput!) { ${level}ClassifyCase(id: $id, input: $input) { id } }`, {
    id,
    input: { contentTypes: [kind], eligible: true, withinCompetence: true, field: "LAND_HOUSING", instance: kind === "COMPLAINT" ? 1 : null, on: receivedOn },
  }, OFFICER));
  for (const [step, input] of steps) {
    // A denunciation ends in a conclusion, a complaint in a decision.
    const action = step === "DECIDE" && kind === "DENUNCIATION" ? "CONCLUDE" : step;
    ok(await f.query(`mutation ($id: ID!, $action: CaseAction!, $input: CaseActionInput) { ${level}ActOnCase(id: $id, action: $action, input: $input) { id } }`, { id, action, input }, OFFICER));
  }
  return id;
}

const resolved = (acceptOn: string, decideOn: string): [string, Record<string, unknown>][] => [
  ["ACCEPT", { on: acceptOn }],
  ["START_VERIFICATION", { on: acceptOn }],
  ["DECIDE", { on: decideOn, result: "RIGHT", decisionNumber: `${decideOn}/QĐ` }],
];
const accepted = (on: string): [string, Record<string, unknown>][] => [["ACCEPT", { on }]];

/** A session with one visit at a body; `persons` ≥ 5 makes it a large group. */
async function visitAt(bodyId: string, date: string, persons: number): Promise<void> {
  const level = LEVEL_OF[bodyId.split(".")[0]!.length]!;
  const session = ok(
    await f.query<Record<string, { id: string }>>(
      `mutation ($input: RecordReceptionSessionInput!) { s: ${level}RecordReceptionSession(input: $input) { id } }`,
      { input: { bodyId, date, mode: "REGULAR" } },
      OFFICER,
    ),
  ).s!.id;
  ok(await f.query(`mutation ($input: RecordVisitInput!) { ${level}RecordVisit(input: $input) { id } }`, {
    input: { sessionId: session, outcome: "GUIDED", persons, representatives: persons >= 5 ? 2 : undefined },
  }, OFFICER));
}

const FIGURES = `reception { sessions visits persons largeGroups largeGroupPersons }
  processing { petitionsReceived newCases complaints denunciations accepted pending }
  complaints { carriedOver newlyAccepted toResolve resolved onTime late unresolved resolutionRate }
  denunciations { newlyAccepted toResolve resolved unresolved resolutionRate }`;

interface Row {
  reception: Record<string, number>;
  processing: Record<string, number>;
  complaints: Record<string, number | null>;
  denunciations: Record<string, number | null>;
}

/** Adds up rows field by field, rates derived again as the service does. */
function add(rows: Row[]): Row {
  const sum = (part: keyof Row): Record<string, number> => {
    const out: Record<string, number> = {};
    for (const row of rows) {
      for (const [k, v] of Object.entries(row[part])) {
        if (!k.endsWith("Rate")) {
          out[k] = (out[k] ?? 0) + (v ?? 0);
        }
      }
    }
    return out;
  };
  const withRate = (r: Record<string, number>) => ({ ...r, resolutionRate: r.toResolve ? Math.round((r.resolved! / r.toResolve) * 10000) / 10000 : null });
  return { reception: sum("reception"), processing: sum("processing"), complaints: withRate(sum("complaints")), denunciations: withRate(sum("denunciations")) };
}

beforeAll(async () => {
  f = await startFederation({ log: (await import("@tiepdan/kit")).createLogger("t", "error") });
  // Provincial PC and a department; a district PC and office (Thành phố Ninh Bình) and another district; two communes.
  await caseAt("37.ubnd", "COMPLAINT", "2024-02-01", resolved("2024-02-05", "2024-03-01"));
  await caseAt("37.so-tnmt", "COMPLAINT", "2024-03-01", accepted("2024-03-05"));
  await caseAt("37.so-tnmt", "DENUNCIATION", "2024-04-01", resolved("2024-04-05", "2024-05-20"));
  await caseAt("369.ubnd", "COMPLAINT", "2023-12-01", resolved("2023-12-05", "2024-01-03")); // carried over into 2024, on time (due 2024-01-04)
  await caseAt("369.phong-tnmt", "DENUNCIATION", "2024-06-01", accepted("2024-06-05"));
  await caseAt("370.ubnd", "COMPLAINT", "2024-07-01", resolved("2024-07-03", "2024-11-30")); // late: due 2024-08-02
  await caseAt("14320.ubnd", "COMPLAINT", "2024-08-01", resolved("2024-08-02", "2024-08-20"));
  await caseAt("14329.ubnd", "DENUNCIATION", "2024-09-01", accepted("2024-09-03"));
  await caseAt("14329.ubnd", "COMPLAINT", "2025-01-10", accepted("2025-01-12")); // outside 2024
  await visitAt("37.ban-tcd", "2024-05-02", 5); // a group of exactly 5
  await visitAt("369.ban-tcd", "2024-05-03", 2);
  await visitAt("14320.diem-tcd", "2024-05-04", 12);
  await visitAt("14329.ubnd", "2024-05-05", 1);
}, 120_000);

afterAll(async () => {
  await f?.stop();
});

interface ReportView {
  province: {
    report: {
      unitCode: string;
      from: string;
      to: string;
      total: Row;
      provinceLevel: Row;
      provincialCommittee: Row;
      departments: Row;
      districtLevel: Row;
      communeLevel: Row;
    };
    districts: { code: string; report: { total: Row; districtLevel: Row; districtCommittee: Row; offices: Row; communeLevel: Row } }[];
    communes: { code: string; report: { total: Row } }[];
  };
}

const DASHBOARD = `query ($period: String!) { province(code: "37") {
  report(period: $period) { unitCode from to
    total { ${FIGURES} } provinceLevel { ${FIGURES} } provincialCommittee { ${FIGURES} } departments { ${FIGURES} }
    districtLevel { ${FIGURES} } communeLevel { ${FIGURES} } }
  districts { code report(period: $period) { total { ${FIGURES} } districtLevel { ${FIGURES} } districtCommittee { ${FIGURES} } offices { ${FIGURES} } communeLevel { ${FIGURES} } } }
  communes { code report(period: $period) { total { ${FIGURES} } } } } }`;

describe("the province report, rolled up through the federation in one request", () => {
  let view: ReportView["province"];

  beforeAll(async () => {
    view = ok(await f.query<ReportView>(DASHBOARD, { period: "2024" })).province;
  });

  it("gives the forms' rows: provincial PC, departments, district level, commune level", () => {
    const r = view.report;
    expect([r.unitCode, r.from, r.to]).toEqual(["37", "2024-01-01", "2024-12-31"]);
    expect(r.provincialCommittee.complaints).toMatchObject({ newlyAccepted: 1, resolved: 1, onTime: 1 });
    expect(r.provincialCommittee.reception).toMatchObject({ sessions: 1, persons: 5, largeGroups: 1, largeGroupPersons: 5 });
    expect(r.departments.complaints).toMatchObject({ newlyAccepted: 1, resolved: 0, unresolved: 1, resolutionRate: 0 });
    expect(r.departments.denunciations).toMatchObject({ newlyAccepted: 1, resolved: 1, resolutionRate: 1 });
    expect(r.districtLevel.complaints).toMatchObject({ carriedOver: 1, newlyAccepted: 1, toResolve: 2, resolved: 2, onTime: 1, late: 1, resolutionRate: 1 });
    expect(r.districtLevel.denunciations).toMatchObject({ newlyAccepted: 1, unresolved: 1 });
    expect(r.districtLevel.reception).toMatchObject({ sessions: 1, persons: 2, largeGroups: 0 });
    expect(r.communeLevel.complaints).toMatchObject({ newlyAccepted: 1, resolved: 1 });
    expect(r.communeLevel.denunciations).toMatchObject({ newlyAccepted: 1, resolved: 0 });
    expect(r.communeLevel.reception).toMatchObject({ sessions: 2, persons: 13, largeGroups: 1, largeGroupPersons: 12 });
  });

  it("totals the whole province as the sum of its rows, rates derived from the sums", () => {
    const r = view.report;
    expect(add([r.provincialCommittee, r.departments])).toEqual(add([r.provinceLevel]));
    expect(r.total).toEqual(add([r.provinceLevel, r.districtLevel, r.communeLevel]));
    expect(r.total.complaints).toMatchObject({ carriedOver: 1, newlyAccepted: 4, toResolve: 5, resolved: 4, resolutionRate: 0.8 });
    expect(r.total.denunciations).toMatchObject({ toResolve: 3, resolved: 1, resolutionRate: 0.3333 });
    expect(r.total.reception).toMatchObject({ sessions: 4, visits: 4, persons: 20, largeGroups: 2, largeGroupPersons: 17 });
  });

  it("equals the sum of every district's and every commune's own reports", () => {
    const r = view.report;
    expect(view.districts).toHaveLength(8);
    expect(view.communes).toHaveLength(143);
    expect(r.districtLevel).toEqual(add(view.districts.map((d) => d.report.districtLevel)));
    expect(r.communeLevel).toEqual(add(view.communes.map((c) => c.report.total)));
    for (const d of view.districts) {
      expect(d.report.total).toEqual(add([d.report.districtLevel, d.report.communeLevel]));
      expect(d.report.districtLevel).toEqual(add([d.report.districtCommittee, d.report.offices]));
    }
    const tp = view.districts.find((d) => d.code === "369")!;
    expect(tp.report.communeLevel.complaints).toMatchObject({ newlyAccepted: 1 }); // Đông Thành is in Thành phố Ninh Bình
    expect(tp.report.offices.denunciations).toMatchObject({ newlyAccepted: 1 });
  });

  it("costs a fixed number of SQL statements per subgraph, whatever the number of units; none for counters already read", async () => {
    // Every subgraph counted during the same request.
    const statementsFor = async (period: string): Promise<Record<string, number>> => {
      const [province, district, commune] = [f.subgraphs.province!.queries, f.subgraphs.district!.queries, f.subgraphs.commune!.queries];
      const c = { province: 0, district: 0, commune: 0 };
      c.province = (
        await province.measure(async () => {
          c.district = (await district.measure(async () => {
            c.commune = (await commune.measure(async () => ok(await f.query(DASHBOARD, { period })))).statements;
          })).statements;
        })
      ).statements;
      return c;
    };
    // First read of a period: the units asked for (the province, its districts, their communes), then one
    // counters statement per split (whole units, or body groups for the own rows) giving every form of
    // every unit, read once even when the gateway's parallel fetches ask for the same units: 151 units
    // computed one by one would cost hundreds.
    const cold = await statementsFor("2022-9M");
    // Again: the counters' rows are kept between requests until a write changes them; only the unit lists are read.
    const warm = await statementsFor("2022-9M");
    expect({ cold, warm }).toEqual({ cold: { province: 3, district: 4, commune: 4 }, warm: { province: 1, district: 2, commune: 3 } });
  });

  it("drops kept counters as soon as a write changes them", async () => {
    const read = async (): Promise<number> => {
      const data = ok(await f.query<{ commune: { report: { total: { processing: { petitionsReceived: number } } } } }>(
        `query { commune(code: "14320") { report(period: "2024") { total { processing { petitionsReceived } } } } }`,
      ));
      return data.commune.report.total.processing.petitionsReceived;
    };
    const before = await read();
    expect(await read()).toBe(before);
    await caseAt("14320.ubnd", "COMPLAINT", "2024-11-05", []);
    expect(await read()).toBe(before + 1);
  });

  it("rejects an unreadable period on the report field", async () => {
    const res = await f.query(`{ province(code: "37") { report(period: "năm 2024") { total { complaints { resolved } } } } }`);
    expect(res.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(res.errors?.[0]?.extensions?.field).toBe("period");
    expect(res.errors?.[0]?.message).toContain('"năm 2024" is not a period: 2024, 2024-Q3');
  });
});

describe("breakdowns by field, sector and content", () => {
  it("splits a unit's figures by the sector of its bodies and by content", async () => {
    const res = ok(
      await f.query<{ province: { bySector: { key: string; label: string; figures: { newlyAccepted: number } }[]; byKind: { key: string; label: string; figures: { newCases: number } }[] } }>(
        `{ province(code: "37") {
            bySector: resolutionBreakdown(kind: COMPLAINT, period: "2024", by: SECTOR) { key label figures { newlyAccepted } }
            byKind: processingBreakdown(period: "2024", by: KIND) { key label figures { newCases } } } }`,
      ),
    );
    expect(res.province.bySector).toEqual([
      { key: "GENERAL", label: "Không thuộc ngành (UBND, Ban Tiếp công dân, Thanh tra)", figures: { newlyAccepted: 1 } },
      { key: "NATURAL_RESOURCES_ENVIRONMENT", label: "Tài nguyên và Môi trường", figures: { newlyAccepted: 1 } },
    ]);
    expect(res.province.byKind).toEqual([
      { key: "COMPLAINT", label: "Khiếu nại", figures: { newCases: 2 } },
      { key: "DENUNCIATION", label: "Tố cáo", figures: { newCases: 1 } },
    ]);
  });

  it("splits by field", async () => {
    const res = ok(await f.query<{ district: { byField: { key: string; label: string; figures: { toResolve: number } }[] } }>(
      `{ district(code: "369") { byField: resolutionBreakdown(kind: COMPLAINT, period: "2024", by: FIELD) { key label figures { toResolve } } } }`,
    ));
    expect(res.district.byField).toEqual([{ key: "LAND_HOUSING", label: "Đất đai, nhà ở", figures: { toResolve: 1 } }]);
  });
});
