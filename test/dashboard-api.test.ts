// What the web dashboard reads through the gateway: case lists in every order (paged with
// cursors), case counts by status and kind, and the flows of transfers between levels.
import { type Federation, type GraphQLResponse, eventually, ok, startFederation } from "./harness";

const OFFICER = { "x-user-id": "can-bo-tong-hop" };

let f: Federation;

type Level = "province" | "district" | "commune";

interface ListedCase {
  id: string;
  status: string;
  kind: string | null;
  receivedAt: string;
  dueAt: string | null;
  onHold: boolean;
  overdue: boolean;
  daysLeft: number | null;
  daysLate: number | null;
}

interface Page {
  totalCount: number;
  edges: { cursor: string; node: ListedCase }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

interface Flow {
  fromLevel: string;
  toLevel: string;
  toBodyKind: string | null;
  kind: string;
  count: number;
  inTransit: number;
  pending: number;
  accepted: number;
  returned: number;
  resolved: number;
}

const CASE_FIELDS = "id status kind receivedAt dueAt onHold overdue daysLeft daysLate";
const FLOW_FIELDS = "fromLevel toLevel toBodyKind kind count inTransit pending accepted returned resolved";

async function register(level: Level, bodyId: string, receivedOn: string, contentTypes: string[]): Promise<string> {
  return ok(
    await f.query<Record<string, { case: { id: string } }>>(
      `mutation ($input: RegisterPetitionInput!) { r: ${level}RegisterPetition(input: $input) { case { id } } }`,
      {
        input: {
          bodyId,
          source: "IN_PERSON",
          receivedOn,
          content: `Đơn về bồi thường đất đai, nhận ngày ${receivedOn}`,
          contentTypes,
          petitioners: [{ fullName: "Phạm Thị Lan", citizenId: "037190005566" }],
        },
      },
      OFFICER,
    ),
  ).r!.case.id;
}

async function classify(level: Level, id: string, kind: string, on: string, withinCompetence: boolean): Promise<void> {
  ok(
    await f.query(`mutation ($id: ID!, $input: ClassifyCaseInput!) { ${level}ClassifyCase(id: $id, input: $input) { id } }`, {
      id,
      input: { contentTypes: [kind], eligible: true, withinCompetence, field: "LAND_HOUSING", instance: kind === "COMPLAINT" ? 1 : null, on },
    }, OFFICER),
  );
}

async function act(level: Level, id: string, action: string, input: Record<string, unknown>): Promise<void> {
  ok(await f.query(`mutation ($id: ID!, $action: CaseAction!, $input: CaseActionInput) { ${level}ActOnCase(id: $id, action: $action, input: $input) { id } }`, { id, action, input }, OFFICER));
}

/** The case a level's inbox received from `fromId`, once delivered. */
async function arrived(level: Level, fromId: string): Promise<string> {
  const list = await eventually(
    async () => ok(await f.query<Record<string, { id: string; transferredFrom: { id: string } | null }[]>>(`{ x: ${level}IncomingTransfers(first: 200) { id transferredFrom { ... on Case { id } } } }`)).x!,
    (cases) => cases.some((c) => c.transferredFrom?.id === fromId),
  );
  return list.find((c) => c.transferredFrom?.id === fromId)!.id;
}

function casesQuery(level: Level, selection = `totalCount edges { cursor node { ${CASE_FIELDS} } } pageInfo { hasNextPage endCursor }`): string {
  return `query ($first: Int, $after: String, $filter: CaseFilter, $orderBy: CaseOrder) {
    x: ${level}Cases(first: $first, after: $after, filter: $filter, orderBy: $orderBy) { ${selection} } }`;
}

async function list(variables: Record<string, unknown>): Promise<Page> {
  return ok(await f.query<{ x: Page }>(casesQuery("commune"), variables)).x;
}

async function flows(level: Level, period: string, unitCodes?: string[]): Promise<GraphQLResponse<{ x: Flow[] }>> {
  return f.query<{ x: Flow[] }>(`query ($period: String!, $unitCodes: [ID!]) { x: ${level}TransferFlows(period: $period, unitCodes: $unitCodes) { ${FLOW_FIELDS} } }`, { period, unitCodes });
}

/** Statements a subgraph sent for one request. */
async function statements<T>(level: Level, run: () => Promise<T>): Promise<{ result: T; count: number }> {
  const counter = f.subgraphs[level]!.queries;
  const before = counter.count;
  const result = await run();
  return { result, count: counter.count - before };
}

// The commune data set: a name for each case, to read the expectations.
const ids: Record<string, string> = {};
const nameOf = (id: string): string => Object.entries(ids).find(([, v]) => v === id)?.[0] ?? id;
const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);

beforeAll(async () => {
  f = await startFederation();

  // Open work at the commune level (today is later than all of these dates).
  ids.received = await register("commune", "14320.ubnd", "2026-11-16", ["COMPLAINT"]);
  ids.complaint = await register("commune", "14320.ubnd", "2026-10-01", ["COMPLAINT"]);
  await classify("commune", ids.complaint, "COMPLAINT", "2026-10-01", true);
  ids.denunciation = await register("commune", "14320.diem-tcd", "2026-09-15", ["DENUNCIATION"]);
  await classify("commune", ids.denunciation, "DENUNCIATION", "2026-09-15", true);
  ids.archived = await register("commune", "14323.ubnd", "2026-08-20", ["RECOMMENDATION"]);
  await classify("commune", ids.archived, "RECOMMENDATION", "2026-08-20", true);
  await act("commune", ids.archived, "ARCHIVE", { on: "2026-08-21", reason: "Đã được giải quyết trước đây" });
  // Accepted and suspended: its due date has passed, but its clock is stopped.
  ids.suspended = await register("commune", "14323.ubnd", "2026-07-10", ["COMPLAINT"]);
  await classify("commune", ids.suspended, "COMPLAINT", "2026-07-10", true);
  await act("commune", ids.suspended, "ACCEPT", { on: "2026-07-15" });
  await act("commune", ids.suspended, "SUSPEND", { on: "2026-08-01", reason: "Chờ kết quả giám định" });

  // Transfers from the communes, before districts were abolished (2025-07-01).
  const transfer = async (name: string, bodyId: string, receivedOn: string, kind: string, sentOn: string, targetBodyId: string) => {
    ids[name] = await register("commune", bodyId, receivedOn, [kind]);
    await classify("commune", ids[name]!, kind, receivedOn, false);
    await act("commune", ids[name]!, "TRANSFER", { on: sentOn, targetBodyId, reason: "Không thuộc thẩm quyền của xã" });
  };
  await transfer("toDistrictAccepted", "14320.ubnd", "2025-03-03", "COMPLAINT", "2025-03-04", "369.ubnd");
  await transfer("toDistrictReturned", "14320.ubnd", "2025-04-01", "COMPLAINT", "2025-04-02", "369.ubnd");
  await transfer("toDepartment", "14320.ubnd", "2025-05-05", "RECOMMENDATION", "2025-05-06", "37.so-tnmt");
  await transfer("toProvincePending", "14323.ubnd", "2025-06-09", "COMPLAINT", "2025-06-10", "37.ubnd");

  // The district takes the first up and sends it on to the province; it sends the second back.
  const districtCase = await arrived("district", ids.toDistrictAccepted!);
  ok(await f.query(`mutation ($id: ID!) { districtAcceptTransfer(id: $id) { id } }`, { id: districtCase }, OFFICER));
  await classify("district", districtCase, "COMPLAINT", "2025-03-10", false);
  await act("district", districtCase, "TRANSFER", { on: "2025-03-20", targetBodyId: "37.ubnd", reason: "Thuộc thẩm quyền UBND tỉnh" });
  const returned = await arrived("district", ids.toDistrictReturned!);
  ok(await f.query(`mutation ($id: ID!) { districtReturnTransfer(id: $id, reason: "Thuộc thẩm quyền của xã") { id } }`, { id: returned }, OFFICER));
  const department = await arrived("province", ids.toDepartment!);
  ok(await f.query(`mutation ($id: ID!) { provinceAcceptTransfer(id: $id) { id } }`, { id: department }, OFFICER));
  await arrived("province", ids.toProvincePending!);
  await arrived("province", districtCase);

  // Wait until the communes have heard everything: the acceptances, the return (which reopens the
  // case) and the district's onward hop (which the first case's journey then holds too).
  const journey = async (id: string) =>
    ok(await f.query<{ communeCase: { status: string; journey: { hops: { status: string }[] } } }>(`query ($id: ID!) { communeCase(id: $id) { status journey { hops { status } } } }`, { id })).communeCase;
  await eventually(() => journey(ids.toDistrictAccepted!), (c) => c.journey.hops.map((h) => h.status).join() === "ACCEPTED,DELIVERED");
  await eventually(() => journey(ids.toDistrictReturned!), (c) => c.status === "CLASSIFIED");
  await eventually(() => journey(ids.toDepartment!), (c) => c.journey.hops[0]?.status === "ACCEPTED");
  await eventually(() => journey(ids.toProvincePending!), (c) => c.journey.hops[0]?.status === "DELIVERED");
}, 120_000);

afterAll(async () => {
  await f?.stop();
});

describe("case lists in the dashboard's orders", () => {
  const ORDERS = ["RECEIVED_DESC", "RECEIVED_ASC", "DAYS_LATE_DESC", "DUE_ASC"] as const;

  /** The whole list in one page. */
  const all = async (orderBy: string | null, filter?: Record<string, unknown>) => (await list({ first: 200, orderBy, filter })).edges.map((e) => e.node);
  const names = (cases: ListedCase[]) => cases.map((c) => nameOf(c.id));
  const byId = (a: ListedCase, b: ListedCase) => (a.id < b.id ? -1 : 1);

  it("orders by receipt, newest or oldest first", async () => {
    const newest = ["received", "complaint", "denunciation", "archived", "suspended", "toProvincePending", "toDepartment", "toDistrictReturned", "toDistrictAccepted"];
    expect(names(await all("RECEIVED_DESC"))).toEqual(newest);
    expect(names(await all(null))).toEqual(newest);
    expect(names(await all("RECEIVED_ASC"))).toEqual([...newest].reverse());
  });

  it("orders by due date, and by days late with the suspended case after the running ones", async () => {
    const cases = await all("DUE_ASC");
    const withoutDue = cases.filter((c) => c.dueAt === null).sort(byId);
    expect(names(withoutDue).sort()).toEqual(["archived", "toDepartment", "toDistrictAccepted", "toProvincePending"]);
    // The returned case was reopened today, with a new deadline: the latest.
    expect(names(cases)).toEqual(["suspended", "denunciation", "complaint", "received", "toDistrictReturned", ...names(withoutDue)]);
    expect(names(await all("DAYS_LATE_DESC"))).toEqual(["denunciation", "complaint", "received", "toDistrictReturned", "suspended", ...names(withoutDue)]);

    const suspended = cases.find((c) => c.id === ids.suspended)!;
    expect(suspended).toMatchObject({ status: "SUSPENDED", onHold: true, overdue: false, daysLate: 0 });
    expect(suspended.dueAt! < today).toBe(true);
    expect(suspended.daysLeft!).toBeLessThan(0);
  });

  it("gives daysLate as the days past dueAt, 0 on hold, null without a due date, above 0 exactly when overdue", async () => {
    const cases = await all("DAYS_LATE_DESC");
    for (const c of cases) {
      const expected = c.dueAt === null ? null : c.onHold ? 0 : Math.max(0, -c.daysLeft!);
      expect({ case: nameOf(c.id), daysLate: c.daysLate, overdue: c.overdue }).toEqual({ case: nameOf(c.id), daysLate: expected, overdue: (expected ?? 0) > 0 });
    }
    expect(cases.find((c) => c.id === ids.denunciation)!.daysLate).toBeGreaterThan(30);
    expect(cases.find((c) => c.id === ids.toDistrictReturned)!.daysLate).toBe(0);
    // Most days late first.
    const late = cases.map((c) => c.daysLate ?? -1);
    expect(late).toEqual([...late].sort((a, b) => b - a));
  });

  it.each(ORDERS)("pages through %s over two pages, and page by page, as the whole list", async (orderBy) => {
    const whole = (await all(orderBy)).map((c) => c.id);
    expect(whole).toHaveLength(9);
    // A page boundary inside the cases without a due date (ties broken by the id) and outside.
    for (const size of [5, 6]) {
      const first = await list({ first: size, orderBy });
      expect(first.pageInfo).toMatchObject({ hasNextPage: true });
      expect(first.totalCount).toBe(9);
      const second = await list({ first: size, orderBy, after: first.pageInfo.endCursor });
      expect(second.pageInfo).toEqual({ hasNextPage: false, endCursor: second.edges.at(-1)!.cursor });
      expect(second.totalCount).toBe(9);
      expect([...first.edges, ...second.edges].map((e) => e.node.id)).toEqual(whole);
    }
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page += 1) {
      const p: Page = await list({ first: 2, orderBy, after });
      seen.push(...p.edges.map((e) => e.node.id));
      if (!p.pageInfo.hasNextPage) {
        break;
      }
      after = p.pageInfo.endCursor;
    }
    expect(seen).toEqual(whole);
  });

  it("pages a filtered list: the overdue cases by days late", async () => {
    const overdue = (await all("DAYS_LATE_DESC", { overdue: true })).map((c) => c.id);
    // The case received last may be late too, on a later day than this test was written.
    expect(overdue.map(nameOf)).toEqual(["denunciation", "complaint", ...(overdue.length === 3 ? ["received"] : [])]);
    const first = await list({ first: 2, orderBy: "DAYS_LATE_DESC", filter: { overdue: true } });
    const second = await list({ first: 2, orderBy: "DAYS_LATE_DESC", filter: { overdue: true }, after: first.pageInfo.endCursor });
    expect([...first.edges, ...second.edges].map((e) => e.node.id)).toEqual(overdue);
    expect(first.totalCount).toBe(overdue.length);
  });

  it("orders a unit's own cases too", async () => {
    const res = ok(await f.query<{ commune: { cases: { edges: { node: { id: string } }[] } } }>(`{ commune(code: "14323") { cases(orderBy: RECEIVED_ASC) { edges { node { id } } } } }`));
    expect(res.commune.cases.edges.map((e) => nameOf(e.node.id))).toEqual(["toProvincePending", "suspended", "archived"]);
  });

  it("refuses a cursor of another order, a cursor it did not give, and an order it does not know", async () => {
    const cursor = (await list({ first: 3, orderBy: "DUE_ASC" })).pageInfo.endCursor;
    const other = await f.query(casesQuery("commune"), { first: 3, orderBy: "DAYS_LATE_DESC", after: cursor });
    expect(other.errors?.[0]).toMatchObject({
      message: "after: is a cursor of the list ordered by DUE_ASC, not DAYS_LATE_DESC: ask for the first page again with this order",
      extensions: { code: "BAD_USER_INPUT", field: "after" },
    });
    const defaultOrder = await f.query(casesQuery("commune"), { first: 3, after: cursor });
    expect(defaultOrder.errors?.[0]?.message).toMatch(/ordered by DUE_ASC, not RECEIVED_DESC/);
    const forged = await f.query(casesQuery("commune"), { first: 3, orderBy: "DUE_ASC", after: Buffer.from("DUE_ASC|2026-01-01|x").toString("base64url") });
    expect(forged.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
    const unknown = await f.query(`{ communeCases(orderBy: SOONEST_FIRST) { totalCount } }`);
    expect(unknown.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(unknown.errors?.[0]?.message).toMatch(/SOONEST_FIRST/);
  });
});

describe("case counts by status", () => {
  interface Count {
    status: string;
    kind: string | null;
    count: number;
  }

  const counts = async (filter?: Record<string, unknown>) =>
    ok(await f.query<{ x: Count[] }>(`query ($filter: CaseFilter) { x: communeCaseStatusCounts(filter: $filter) { status kind count } }`, { filter })).x;
  const total = async (filter?: Record<string, unknown>) => (await list({ first: 1, filter })).totalCount;

  it("counts every case once, by status and kind, in one statement", async () => {
    const { result, count } = await statements("commune", () => counts());
    expect(count).toBe(1);
    expect(result).toEqual([
      { status: "ARCHIVED", kind: "RECOMMENDATION", count: 1 },
      { status: "CLASSIFIED", kind: "COMPLAINT", count: 2 },
      { status: "CLASSIFIED", kind: "DENUNCIATION", count: 1 },
      { status: "RECEIVED", kind: null, count: 1 },
      { status: "SUSPENDED", kind: "COMPLAINT", count: 1 },
      { status: "TRANSFERRED", kind: "COMPLAINT", count: 2 },
      { status: "TRANSFERRED", kind: "RECOMMENDATION", count: 1 },
    ]);
  });

  it.each([
    ["no filter", undefined],
    ["complaints", { kinds: ["COMPLAINT"] }],
    ["overdue", { overdue: true }],
    ["a commune", { unitCodes: ["14323"] }],
    ["a body and receipt dates", { bodyIds: ["14320.ubnd"], receivedFrom: "2025-04-01", receivedTo: "2026-10-31" }],
    ["a citizen", { citizenId: "037190005566", statuses: ["TRANSFERRED", "CLASSIFIED"] }],
  ])("agrees with the list's totalCount under the same filter (%s)", async (_name, filter) => {
    const rows = await counts(filter);
    expect(rows.reduce((sum, r) => sum + r.count, 0)).toBe(await total(filter));
    for (const status of new Set(rows.map((r) => r.status))) {
      const ofStatus = rows.filter((r) => r.status === status).reduce((sum, r) => sum + r.count, 0);
      expect({ status, count: ofStatus }).toEqual({ status, count: await total({ ...filter, statuses: [status] }) });
    }
  });

  it("refuses a bad filter as the list does", async () => {
    const res = await f.query(`{ communeCaseStatusCounts(filter: { receivedFrom: "2026-02-30" }) { count } }`);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", fieldErrors: [{ field: "filter.receivedFrom", message: '"2026-02-30" is not a date (YYYY-MM-DD)' }] });
  });
});

describe("transfer flows", () => {
  const zero = { inTransit: 0, pending: 0, accepted: 0, returned: 0, resolved: 0 };

  it("counts what the communes sent in a period by target level and kind of body, as they heard it, in one statement", async () => {
    const { result, count } = await statements("commune", () => flows("commune", "2025"));
    expect(count).toBe(1);
    // Not the district's onward hop, although the first case's journey holds it.
    expect(ok(result).x).toEqual([
      { fromLevel: "COMMUNE", toLevel: "PROVINCE", toBodyKind: "PEOPLES_COMMITTEE", kind: "TRANSFER", count: 1, ...zero, pending: 1 },
      { fromLevel: "COMMUNE", toLevel: "PROVINCE", toBodyKind: "SPECIALISED_AGENCY", kind: "TRANSFER", count: 1, ...zero, accepted: 1 },
      { fromLevel: "COMMUNE", toLevel: "DISTRICT", toBodyKind: "PEOPLES_COMMITTEE", kind: "TRANSFER", count: 2, ...zero, accepted: 1, returned: 1 },
    ]);
  });

  it("keeps to the period and the sending units", async () => {
    expect(ok(await flows("commune", "2025-Q1")).x).toEqual([{ fromLevel: "COMMUNE", toLevel: "DISTRICT", toBodyKind: "PEOPLES_COMMITTEE", kind: "TRANSFER", count: 1, ...zero, accepted: 1 }]);
    expect(ok(await flows("commune", "2025-04-02..2025-05-06")).x.map((x) => [x.toLevel, x.toBodyKind, x.count, x.returned, x.accepted])).toEqual([
      ["PROVINCE", "SPECIALISED_AGENCY", 1, 0, 1],
      ["DISTRICT", "PEOPLES_COMMITTEE", 1, 1, 0],
    ]);
    expect(ok(await flows("commune", "2025", ["14323"])).x).toEqual([{ fromLevel: "COMMUNE", toLevel: "PROVINCE", toBodyKind: "PEOPLES_COMMITTEE", kind: "TRANSFER", count: 1, ...zero, pending: 1 }]);
    expect(ok(await flows("commune", "2026")).x).toEqual([]);
    expect(ok(await flows("commune", "2025-9M", ["14320"])).x.reduce((sum, x) => sum + x.count, 0)).toBe(3);
  });

  it("draws commune → district → province from the three levels in one request", async () => {
    const res = ok(
      await f.query<Record<Level, Flow[]>>(`query ($period: String!) {
        commune: communeTransferFlows(period: $period) { ${FLOW_FIELDS} }
        district: districtTransferFlows(period: $period) { ${FLOW_FIELDS} }
        province: provinceTransferFlows(period: $period) { ${FLOW_FIELDS} }
      }`, { period: "2025" }),
    );
    expect(res.district).toEqual([{ fromLevel: "DISTRICT", toLevel: "PROVINCE", toBodyKind: "PEOPLES_COMMITTEE", kind: "TRANSFER", count: 1, ...zero, pending: 1 }]);
    expect(res.province).toEqual([]);
    expect(res.commune.reduce((sum, x) => sum + x.count, 0)).toBe(4);
    for (const flow of [...res.commune, ...res.district]) {
      expect(flow.inTransit + flow.pending + flow.accepted + flow.returned + flow.resolved).toBe(flow.count);
    }
  });

  it("refuses a period or a unit code it cannot read", async () => {
    const period = await flows("commune", "2025-Q5");
    expect(period.errors?.[0]).toMatchObject({
      message: 'period: "2025-Q5" is not a period: 2024, 2024-Q3, 2024-6M, 2024-9M or 2024-03-01..2024-05-31',
      extensions: { code: "BAD_USER_INPUT", field: "period" },
    });
    const unit = await flows("commune", "2025", ["14320", "Đông Thành"]);
    expect(unit.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", fieldErrors: [{ field: "unitCodes[1]", message: '"Đông Thành" is not an administrative unit code (2, 3 or 5 digits)' }] });
  });
});

describe("case lists of the resolution figures: totalCount equals the report's figure", () => {
  interface Resolution {
    newlyAccepted: number;
    resolved: number;
    withdrawnAfterPersuasion: number;
  }
  type Figures = { complaints: Resolution; denunciations: Resolution };
  type Scope = { unit: "province" | "district" | "commune"; code: string; lists: Partial<Record<Level, string[]>> };

  const RESOLUTION = "newlyAccepted resolved withdrawnAfterPersuasion";
  /** The lists the dashboard opens from each figure, for a period's first and last day. */
  const FIGURE_FILTERS = (from: string, to: string): Record<string, Record<string, unknown>> => ({
    complaintsAccepted: { kinds: ["COMPLAINT"], acceptedFrom: from, acceptedTo: to },
    complaintsResolved: { kinds: ["COMPLAINT"], resolvedFrom: from, resolvedTo: to },
    complaintsWithdrawn: { kinds: ["COMPLAINT"], resolvedFrom: from, resolvedTo: to, withdrawnAfterPersuasion: true },
    denunciationsAccepted: { kinds: ["DENUNCIATION"], acceptedFrom: from, acceptedTo: to },
    denunciationsResolved: { kinds: ["DENUNCIATION"], resolvedFrom: from, resolvedTo: to },
    denunciationsWithdrawn: { kinds: ["DENUNCIATION"], resolvedFrom: from, resolvedTo: to, withdrawnAfterPersuasion: true },
  });
  // Whole months (read from the report counters) and a range that is not (aggregated from the cases).
  const PERIODS = ["2023", "2024", "2024-Q1", "2024-Q4", "2024-02-10..2024-10-15", "2025"];
  let scopes: Scope[];

  /** A case at a body: registered, classified (within competence), then the steps. */
  async function matter(level: Level, bodyId: string, kind: string, receivedOn: string, steps: [string, Record<string, unknown>][]): Promise<void> {
    const id = await register(level, bodyId, receivedOn, [kind === "RECOMMENDATION" ? "REFLECTION" : kind]);
    ok(
      await f.query(`mutation ($id: ID!, $input: ClassifyCaseInput!) { ${level}ClassifyCase(id: $id, input: $input) { id } }`, {
        id,
        input: { contentTypes: [kind === "RECOMMENDATION" ? "REFLECTION" : kind], eligible: true, withinCompetence: true, field: "LAND_HOUSING", instance: kind === "COMPLAINT" ? 1 : null, on: receivedOn },
      }, OFFICER),
    );
    for (const [action, input] of steps) {
      await act(level, id, action, input);
    }
  }
  const decided = (accepted: string, on: string, action = "DECIDE"): [string, Record<string, unknown>][] => [
    ["ACCEPT", { on: accepted }],
    ["START_VERIFICATION", { on: accepted }],
    [action, { on, result: "RIGHT", decisionNumber: `${on}/QĐ` }],
  ];
  const withdrawn = (accepted: string, on: string, afterPersuasion: boolean): [string, Record<string, unknown>][] => [
    ["ACCEPT", { on: accepted }],
    ["WITHDRAW", { on, reason: "Người khiếu nại rút đơn", afterPersuasion }],
  ];

  /** The report's figures of a unit and period. */
  async function report(scope: Scope, period: string): Promise<Figures> {
    const res = ok(await f.query<Record<string, { report: { total: Figures } }>>(`query ($code: ID!, $period: String!) {
      x: ${scope.unit}(code: $code) { report(period: $period) { total { complaints { ${RESOLUTION} } denunciations { ${RESOLUTION} } } } } }`, { code: scope.code, period }));
    return res.x!.report.total;
  }

  /** The same figures as the case lists count them: every figure's list at every level of the scope, in one request. */
  async function listed(scope: Scope, from: string, to: string): Promise<Figures> {
    const filters = FIGURE_FILTERS(from, to);
    const fields: string[] = [];
    const variables: Record<string, unknown> = {};
    for (const [level, unitCodes] of Object.entries(scope.lists)) {
      for (const [name, filter] of Object.entries(filters)) {
        variables[`${level}_${name}`] = { ...filter, unitCodes };
        fields.push(`${level}_${name}: ${level}Cases(first: 1, filter: $${level}_${name}) { totalCount }`);
      }
    }
    const declared = Object.keys(variables).map((v) => `$${v}: CaseFilter`).join(", ");
    const res = ok(await f.query<Record<string, { totalCount: number }>>(`query (${declared}) { ${fields.join("\n")} }`, variables));
    const sum = (name: string): number => Object.keys(scope.lists).reduce((total, level) => total + res[`${level}_${name}`]!.totalCount, 0);
    return {
      complaints: { newlyAccepted: sum("complaintsAccepted"), resolved: sum("complaintsResolved"), withdrawnAfterPersuasion: sum("complaintsWithdrawn") },
      denunciations: { newlyAccepted: sum("denunciationsAccepted"), resolved: sum("denunciationsResolved"), withdrawnAfterPersuasion: sum("denunciationsWithdrawn") },
    };
  }

  const rangeOf = async (period: string): Promise<{ from: string; to: string }> =>
    ok(await f.query<{ commune: { report: { from: string; to: string } } }>(`query ($period: String!) { commune(code: "14329") { report(period: $period) { from to } } }`, { period })).commune.report;

  beforeAll(async () => {
    // Accepted in 2023 and decided in 2024: newly accepted in one period, resolved in the next.
    await matter("province", "37.ubnd", "COMPLAINT", "2023-11-01", decided("2023-11-10", "2024-02-01"));
    await matter("province", "37.so-tnmt", "DENUNCIATION", "2024-03-01", decided("2024-03-05", "2024-05-20", "CONCLUDE"));
    await matter("district", "369.ubnd", "COMPLAINT", "2024-01-10", withdrawn("2024-01-12", "2024-02-15", true));
    // Withdrawn, but not after persuasion: resolved, not withdrawnAfterPersuasion.
    await matter("district", "370.ubnd", "COMPLAINT", "2023-12-01", withdrawn("2023-12-05", "2024-01-20", false));
    await matter("district", "369.phong-tnmt", "DENUNCIATION", "2024-06-01", [["ACCEPT", { on: "2024-06-05" }], ["TERMINATE", { on: "2024-11-30", reason: "Người bị tố cáo đã chết" }]]);
    await matter("commune", "14329.ubnd", "DENUNCIATION", "2024-09-01", withdrawn("2024-09-03", "2024-10-01", true));
    await matter("commune", "14362.ubnd", "COMPLAINT", "2024-05-20", [["ACCEPT", { on: "2024-06-01" }]]); // unresolved
    // A reflection withdrawn after persuasion: not a complaint or a denunciation, in no figure here.
    await matter("commune", "14329.ubnd", "RECOMMENDATION", "2024-04-01", withdrawn("2024-04-02", "2024-04-10", true));
    // Accepted in December, decided in January.
    await matter("commune", "14329.ubnd", "COMPLAINT", "2024-12-16", decided("2024-12-20", "2025-01-10"));
    // Classified but never accepted: in no figure either.
    await matter("commune", "14329.ubnd", "COMPLAINT", "2024-03-03", []);

    const units = ok(await f.query<{ province: { districts: { code: string; communes: { code: string }[] }[] } }>(`{ province(code: "37") { districts { code communes { code } } } }`)).province;
    const communesOf = (code: string): string[] => units.districts.find((d) => d.code === code)!.communes.map((c) => c.code);
    scopes = [
      { unit: "province", code: "37", lists: { province: ["37"], district: units.districts.map((d) => d.code), commune: units.districts.flatMap((d) => d.communes.map((c) => c.code)) } },
      { unit: "district", code: "369", lists: { district: ["369"], commune: communesOf("369") } },
      { unit: "district", code: "370", lists: { district: ["370"], commune: communesOf("370") } },
      { unit: "commune", code: "14329", lists: { commune: ["14329"] } },
    ];
  }, 60_000);

  it.each(PERIODS)("for the province, two districts and a commune in %s", async (period) => {
    const { from, to } = await rangeOf(period);
    for (const scope of scopes) {
      expect({ unit: scope.code, ...(await listed(scope, from, to)) }).toEqual({ unit: scope.code, ...(await report(scope, period)) });
    }
  });

  it("counts the known cases: accepted in one period and resolved in the next, withdrawals with and without persuasion", async () => {
    const province = scopes[0]!;
    const figures = (newlyAccepted: number, resolved: number, withdrawnAfterPersuasion: number): Resolution => ({ newlyAccepted, resolved, withdrawnAfterPersuasion });
    expect(await listed(province, "2023-01-01", "2023-12-31")).toEqual({ complaints: figures(2, 0, 0), denunciations: figures(0, 0, 0) });
    expect(await listed(province, "2024-01-01", "2024-12-31")).toEqual({ complaints: figures(3, 3, 1), denunciations: figures(3, 3, 1) });
    expect(await listed(province, "2025-01-01", "2025-12-31")).toMatchObject({ complaints: { resolved: 1 } });
    // The province's own complaint: in the 2023 list of acceptances, in the 2024 list of resolutions.
    const own = async (filter: Record<string, unknown>) => ok(await f.query<{ x: Page }>(casesQuery("province"), { first: 10, filter: { kinds: ["COMPLAINT"], unitCodes: ["37"], ...filter } })).x;
    const accepted2023 = await own({ acceptedFrom: "2023-01-01", acceptedTo: "2023-12-31" });
    const resolved2024 = await own({ resolvedFrom: "2024-01-01", resolvedTo: "2024-12-31" });
    expect(accepted2023.edges.map((e) => e.node.id)).toEqual(resolved2024.edges.map((e) => e.node.id));
    expect(resolved2024.edges.map((e) => e.node.status)).toEqual(["DECIDED"]);
    expect((await own({ acceptedFrom: "2024-01-01", acceptedTo: "2024-12-31" })).totalCount).toBe(0);
    // Open-ended: accepted from a date on, resolved up to a date.
    expect((await own({ acceptedFrom: "2023-11-10" })).totalCount).toBe(1);
    expect((await own({ resolvedTo: "2024-01-31" })).totalCount).toBe(0);
  });

  it("counts by status and kind under the same filters as the list", async () => {
    const filter = { resolvedFrom: "2024-01-01", resolvedTo: "2024-12-31" };
    const rows = ok(await f.query<{ x: { status: string; kind: string | null; count: number }[] }>(`query ($filter: CaseFilter) { x: communeCaseStatusCounts(filter: $filter) { status kind count } }`, { filter })).x;
    expect(rows).toEqual([
      { status: "WITHDRAWN", kind: "DENUNCIATION", count: 1 },
      { status: "WITHDRAWN", kind: "RECOMMENDATION", count: 1 },
    ]);
    expect((await list({ first: 1, filter })).totalCount).toBe(2);
  });

  it("refuses dates that are not dates and ranges that end before they start, naming the fields", async () => {
    const bad = await f.query(`{ communeCases(filter: { acceptedFrom: "2024-02-30", resolvedFrom: "2024-05-01", resolvedTo: "2024-04-30", receivedTo: "24-01-01" }) { totalCount } }`);
    expect(bad.errors?.[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "filter.receivedTo",
      fieldErrors: [
        { field: "filter.receivedTo", message: '"24-01-01" is not a date (YYYY-MM-DD)' },
        { field: "filter.acceptedFrom", message: '"2024-02-30" is not a date (YYYY-MM-DD)' },
        { field: "filter.resolvedTo", message: "must not be before resolvedFrom (2024-05-01)" },
      ],
    });
    const counts = await f.query(`{ provinceCaseStatusCounts(filter: { acceptedFrom: "2024-12-31", acceptedTo: "2024-01-01" }) { count } }`);
    expect(counts.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "filter.acceptedTo", fieldErrors: [{ field: "filter.acceptedTo", message: "must not be before acceptedFrom (2024-12-31)" }] });
    const notBoolean = await f.query(`{ districtCases(filter: { withdrawnAfterPersuasion: "yes" }) { totalCount } }`);
    expect(notBoolean.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
  });
});
