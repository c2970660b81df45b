import { type Federation, type GraphQLResponse, startFederation, ok } from "./harness";

let federation: Federation;

beforeAll(async () => {
  federation = await startFederation();
});

afterAll(async () => {
  await federation?.stop();
});

type Level = "province" | "district" | "commune";

const OFFICER = { "x-user-id": "can-bo-tiep-dan-02" };

/** Each level's unit, its People's Committee (the chairman's body) and where citizens are received. */
const PLACES: Record<Level, { unit: string; committee: string; desk: string; party: string; date: string }> = {
  province: { unit: "37", committee: "37.ubnd", desk: "37.ban-tcd", party: "37.cap-uy", date: "2026-10-06" },
  district: { unit: "369", committee: "369.ubnd", desk: "369.ban-tcd", party: "369.cap-uy", date: "2025-03-05" },
  commune: { unit: "14320", committee: "14320.ubnd", desk: "14320.diem-tcd", party: "14320.cap-uy", date: "2026-10-06" },
};

const capital = (level: Level): string => `${level[0]!.toUpperCase()}${level.slice(1)}`;

/** The rejected fields of a BAD_USER_INPUT answer. */
function rejected(res: GraphQLResponse<unknown>): string[] {
  expect(res.data ?? null).toBeNull();
  expect(res.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  return ((res.errors?.[0]?.extensions?.fieldErrors ?? []) as { field: string }[]).map((e) => e.field);
}

async function mutate<T>(level: Level, name: string, inputType: string, input: Record<string, unknown>, selection: string): Promise<GraphQLResponse<Record<string, T>>> {
  return federation.query<Record<string, T>>(`mutation ($input: ${inputType}!) { ${level}${name}(input: $input) { ${selection} } }`, { input }, OFFICER);
}

async function registerLeader(level: Level, input: Record<string, unknown>): Promise<string> {
  const res = await mutate<{ id: string }>(level, "RegisterLeader", "RegisterLeaderInput", input, "id");
  return ok(res)[`${level}RegisterLeader`]!.id;
}

interface SessionView {
  id: string;
  date: string;
  mode: string;
  host: string | null;
  hostName: string | null;
  hostTitle: string | null;
  body: { id: string; name: string };
  leader: { id: string; name: string; role: string } | null;
}

const SESSION_FIELDS = "id date mode host hostName hostTitle body { id name } leader { id name role }";

function recordSessionRaw(level: Level, input: Record<string, unknown>) {
  return mutate<SessionView>(level, "RecordReceptionSession", "RecordReceptionSessionInput", input, SESSION_FIELDS);
}

async function recordSession(level: Level, input: Record<string, unknown>): Promise<SessionView> {
  return ok(await recordSessionRaw(level, input))[`${level}RecordReceptionSession`]!;
}

interface VisitView {
  id: string;
  persons: number;
  representatives: number;
  largeGroup: boolean;
  repeatVisit: boolean;
  outcome: string;
  caseId: string | null;
  petitionId: string | null;
  case: { id: string; status: string; receivedAt: string } | null;
  session: { id: string };
}

const VISIT_FIELDS = "id persons representatives largeGroup repeatVisit outcome caseId petitionId case { id status receivedAt } session { id }";

function recordVisitRaw(level: Level, input: Record<string, unknown>) {
  return mutate<VisitView>(level, "RecordVisit", "RecordVisitInput", input, VISIT_FIELDS);
}

async function countSessions(level: Level): Promise<number> {
  const res = await federation.query<Record<string, { id: string }[]>>(`{ ${level}ReceptionSessions(first: 200) { id } }`);
  return ok(res)[`${level}ReceptionSessions`]!.length;
}

async function countVisits(level: Level, sessionId: string): Promise<number> {
  const res = await federation.query<Record<string, { visits: { id: string }[] }>>(`query ($id: ID!) { ${level}ReceptionSession(id: $id) { visits { id } } }`, { id: sessionId });
  return ok(res)[`${level}ReceptionSession`]!.visits.length;
}

async function countCases(level: Level): Promise<number> {
  const res = await federation.query<Record<string, { totalCount: number }>>(`{ ${level}Cases(first: 1) { totalCount } }`);
  return ok(res)[`${level}Cases`]!.totalCount;
}

interface ComplianceView {
  leaderId: string;
  leaderName: string;
  role: string;
  required: number;
  held: number;
  heldDates: string[];
  scheduled: number;
  belowMinimum: boolean;
  monthEnded: boolean;
  rule: { id: string; law: string; article: string; period: string } | null;
}

async function compliance(level: Level, unitCode: string, month: string): Promise<ComplianceView[]> {
  const res = await federation.query<Record<string, ComplianceView[]>>(
    `query ($u: ID!, $m: String!) { ${level}ReceptionCompliance(unitCode: $u, month: $m) {
       leaderId leaderName role required held heldDates scheduled belowMinimum monthEnded rule { id law article period } } }`,
    { u: unitCode, m: month },
  );
  return ok(res)[`${level}ReceptionCompliance`]!;
}

const representatives = [
  { fullName: "Trần Thị Hoa", citizenId: "037185001234", address: "Tổ 5, phường Đông Thành" },
  { fullName: "Lê Văn Nam", citizenId: "037185005678", address: "Tổ 5, phường Đông Thành" },
];

describe.each(["province", "district", "commune"] as const)("reception at the %s level", (level) => {
  const place = PLACES[level];
  const L = capital(level);
  let chairmanId: string;
  let sessionId: string;

  beforeAll(async () => {
    chairmanId = await registerLeader(level, { bodyId: place.committee, name: "Phạm Quang Ngọc", title: "Chủ tịch UBND", role: "CHAIRMAN" });
  });

  it("records a periodic session hosted in person by the chairman, named after him", async () => {
    const session = await recordSession(level, { bodyId: place.desk, date: place.date, mode: "PERIODIC", host: "IN_PERSON", leaderId: chairmanId });
    expect(session).toMatchObject({
      date: place.date,
      mode: "PERIODIC",
      host: "IN_PERSON",
      hostName: "Phạm Quang Ngọc",
      hostTitle: "Chủ tịch UBND",
      body: { id: place.desk },
      leader: { id: chairmanId, name: "Phạm Quang Ngọc", role: "CHAIRMAN" },
    });
    sessionId = session.id;
  });

  it("records a group of 7 with 2 representatives as a large group and registers its complaint through the visit", async () => {
    const casesBefore = await countCases(level);
    const res = await recordVisitRaw(level, {
      sessionId,
      persons: 7,
      representatives: 2,
      outcome: "RECEIVED_FOR_PROCESSING",
      petition: {
        content: "Khiếu nại việc bồi thường khi thu hồi đất của 7 hộ dân tổ 5 (Quyết định 45/QĐ-UBND).",
        respondent: `Chủ tịch UBND (${level})`,
        contentTypes: ["COMPLAINT"],
        petitioners: representatives,
      },
    });
    const visit = ok(res)[`${level}RecordVisit`]!;
    expect(visit).toMatchObject({ persons: 7, representatives: 2, largeGroup: true, repeatVisit: false, outcome: "RECEIVED_FOR_PROCESSING", session: { id: sessionId } });
    expect(visit.caseId).toEqual(expect.any(String));
    expect(visit.petitionId).toEqual(expect.any(String));
    expect(visit.case).toEqual({ id: visit.caseId, status: "RECEIVED", receivedAt: place.date });
    expect(await countCases(level)).toBe(casesBefore + 1);

    // The case is the level's own, found by its id: received at the session's body, on its date, in person.
    const found = await federation.query<Record<string, { id: string; receivedAt: string; unit: { id: string }; petitions: { id: string; source: string; receivedOn: string; petitioners: { fullName: string }[] }[] }>>(
      `query ($id: ID!) { ${level}Case(id: $id) { id receivedAt unit { id } petitions { id source receivedOn petitioners { fullName } } } }`,
      { id: visit.caseId },
    );
    expect(ok(found)[`${level}Case`]).toEqual({
      id: visit.caseId,
      receivedAt: place.date,
      unit: { id: place.desk },
      petitions: [{ id: visit.petitionId, source: "IN_PERSON", receivedOn: place.date, petitioners: [{ fullName: "Trần Thị Hoa" }, { fullName: "Lê Văn Nam" }] }],
    });
  });

  it("lists the session with its visits, body and leader", async () => {
    const res = await federation.query<Record<string, { id: string; visits: { persons: number; largeGroup: boolean; case: { id: string } | null }[]; body: { id: string } }[]>>(
      `query ($body: ID!) { ${level}ReceptionSessions(bodyId: $body, from: "2010-01-01", first: 10) { id body { id } visits { persons largeGroup case { id } } } }`,
      { body: place.desk },
    );
    const sessions = ok(res)[`${level}ReceptionSessions`]!;
    expect(sessions.map((s) => s.id)).toContain(sessionId);
    const ours = sessions.find((s) => s.id === sessionId)!;
    expect(ours.visits).toEqual([{ persons: 7, largeGroup: true, case: { id: expect.any(String) } }]);
  });

  it("records a small visit guided elsewhere as no large group, and a refusal only on a repeat visit with its notice", async () => {
    const small = ok(await recordVisitRaw(level, { sessionId, persons: 1, outcome: "GUIDED" }))[`${level}RecordVisit`]!;
    expect(small).toMatchObject({ persons: 1, representatives: 0, largeGroup: false, caseId: null, case: null });
    expect(rejected(await recordVisitRaw(level, { sessionId, persons: 2, outcome: "REFUSED_WITH_NOTICE" }))).toEqual(["repeatVisit", "note"]);
    const refused = ok(await recordVisitRaw(level, { sessionId, persons: 2, repeatVisit: true, outcome: "REFUSED_WITH_NOTICE", note: "Thông báo số 12/TB-TCD ngày 06/10/2026" }))[`${level}RecordVisit`]!;
    expect(refused).toMatchObject({ repeatVisit: true, outcome: "REFUSED_WITH_NOTICE" });
  });

  it("rejects a group of 7 with 0 or 3 representatives field by field and changes nothing", async () => {
    const visits = await countVisits(level, sessionId);
    for (const n of [0, 3, null]) {
      const res = await recordVisitRaw(level, { sessionId, persons: 7, representatives: n, outcome: "GUIDED" });
      expect(rejected(res)).toEqual(["representatives"]);
      expect(res.errors?.[0]?.extensions?.fieldErrors).toEqual([{ field: "representatives", message: `a group of 5–10 persons names 1 to 2 representatives (got ${n ?? 0})` }]);
    }
    expect(rejected(await recordVisitRaw(level, { sessionId, persons: 3, representatives: 1, outcome: "GUIDED" }))).toEqual(["representatives"]);
    expect(rejected(await recordVisitRaw(level, { sessionId, persons: 12, representatives: 6, outcome: "GUIDED" }))).toEqual(["representatives"]);
    expect(rejected(await recordVisitRaw(level, { sessionId, persons: 0, outcome: "GUIDED" }))).toEqual(["persons"]);
    expect(await countVisits(level, sessionId)).toBe(visits);
  });

  it("stores no visit and no case when the petition is rejected", async () => {
    const visits = await countVisits(level, sessionId);
    const cases = await countCases(level);
    const res = await recordVisitRaw(level, {
      sessionId,
      persons: 6,
      representatives: 1,
      outcome: "RECEIVED_FOR_PROCESSING",
      petition: { content: "   ", contentTypes: ["COMPLAINT"], petitioners: [{ fullName: "Trần Thị Hoa", citizenId: "12345" }] },
    });
    expect(rejected(res)).toEqual(["petition.content", "petition.petitioners[0].citizenId"]);
    expect(await countVisits(level, sessionId)).toBe(visits);
    expect(await countCases(level)).toBe(cases);
  });

  it(`rejects a future date, an unknown body, a leader of no ${level} and a bad host, and records no session`, async () => {
    const before = await countSessions(level);
    expect(rejected(await recordSessionRaw(level, { bodyId: place.desk, date: "2099-01-05", mode: "PERIODIC", host: "IN_PERSON", leaderId: chairmanId }))).toEqual(["date"]);
    expect(rejected(await recordSessionRaw(level, { bodyId: `${place.unit}.khong-co`, date: place.date, mode: "REGULAR" }))).toEqual(["bodyId"]);
    // Every problem at once.
    const all = await recordSessionRaw(level, {
      bodyId: "99.ubnd",
      date: "2099-01-05",
      mode: "UNSCHEDULED",
      leaderId: "00000000-0000-4000-8000-000000000000",
    });
    expect(rejected(all).sort()).toEqual(["bodyId", "date", "host", "leaderId"]);
    expect(rejected(await recordSessionRaw(level, { bodyId: place.desk, date: place.date, mode: "REGULAR", host: "DELEGATED" }))).toEqual(["host"]);
    expect(rejected(await recordSessionRaw(level, { bodyId: place.desk, date: place.date, mode: "PERIODIC", host: "PARTY_SECRETARY", leaderId: chairmanId }))).toEqual(["leaderId"]);
    expect(rejected(await recordSessionRaw(level, { bodyId: place.desk, date: place.date, mode: "PERIODIC", host: "DELEGATED" }))).toEqual(["hostName"]);
    expect(await countSessions(level)).toBe(before);

    const regular = await recordSession(level, { bodyId: place.desk, date: place.date, mode: "REGULAR", hostName: "Cán bộ trực" });
    expect(regular).toMatchObject({ mode: "REGULAR", host: null, leader: null });
    expect(await countSessions(level)).toBe(before + 1);
  });

  it("answers NOT_FOUND for an unknown session", async () => {
    for (const id of ["00000000-0000-4000-8000-000000000000", "not-a-uuid"]) {
      const res = await recordVisitRaw(level, { sessionId: id, persons: 1, outcome: "GUIDED" });
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: "NOT_FOUND", what: "Reception session", key: id });
    }
    const res = await federation.query(`{ ${level}ReceptionSession(id: "00000000-0000-4000-8000-000000000000") { id } }`);
    expect(res.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
  });

  it("checks leaders: role against the body, and a month written YYYY-MM", async () => {
    expect(rejected(await mutate(level, "RegisterLeader", "RegisterLeaderInput", { bodyId: place.desk, name: "X", title: "Trưởng ban", role: "CHAIRMAN" }, "id"))).toEqual(["role"]);
    expect(rejected(await mutate(level, "RegisterLeader", "RegisterLeaderInput", { bodyId: place.committee, name: " ", title: "", role: "CHAIRMAN" }, "id"))).toEqual(["name", "title"]);
    for (const month of ["2025-3", "2025-13", "03/2025"]) {
      const res = await federation.query(`{ ${level}ReceptionCompliance(unitCode: "${place.unit}", month: "${month}") { leaderId } }`);
      expect(rejected(res)).toEqual(["month"]);
    }
    const wrongLevel = await federation.query(`{ ${level}ReceptionCompliance(unitCode: "${level === "province" ? "369" : "37"}", month: "2025-03") { leaderId } }`);
    expect(rejected(wrongLevel)).toEqual(["unitCode"]);
    expect(rejected(await mutate(level, "ScheduleReceptionDay", "ScheduleReceptionDayInput", { leaderId: "00000000-0000-4000-8000-000000000000", date: "2026-12-01" }, "id"))).toEqual(["leaderId"]);
  });

  it(`publishes ${L}Body.leaders`, async () => {
    const res = await federation.query<Record<string, { leaders: { id: string; role: string; body: { id: string } }[] }>>(`{ ${level}Body(id: "${place.committee}") { leaders { id role body { id } } } }`);
    expect(ok(res)[`${level}Body`]!.leaders).toEqual([{ id: chairmanId, role: "CHAIRMAN", body: { id: place.committee } }]);
  });
});

describe("a district chairman's month (2 days required, Law 42/2013 Art. 13(5))", () => {
  it("is below the minimum with 1 day held in person and not with 2; delegated days do not count", async () => {
    const chairman = await registerLeader("district", { bodyId: "374.ubnd", name: "Đinh Văn Hùng", title: "Chủ tịch UBND huyện Hoa Lư", role: "CHAIRMAN" });
    const secretary = await registerLeader("district", { bodyId: "374.cap-uy", name: "Bùi Thị Lan", title: "Bí thư Huyện ủy", role: "PARTY_SECRETARY" });
    for (const date of ["2025-03-05", "2025-03-19"]) {
      ok(await mutate("district", "ScheduleReceptionDay", "ScheduleReceptionDayInput", { leaderId: chairman, date }, "id date leader { id }"));
    }
    // Scheduling the same day twice keeps one.
    ok(await mutate("district", "ScheduleReceptionDay", "ScheduleReceptionDayInput", { leaderId: chairman, date: "2025-03-05" }, "id"));

    await recordSession("district", { bodyId: "374.ban-tcd", date: "2025-03-05", mode: "PERIODIC", host: "IN_PERSON", leaderId: chairman });
    await recordSession("district", { bodyId: "374.ban-tcd", date: "2025-03-12", mode: "PERIODIC", host: "DELEGATED", leaderId: chairman, hostName: "Nguyễn Văn Phó", hostTitle: "Phó Chủ tịch UBND huyện" });
    await recordSession("district", { bodyId: "374.ban-tcd", date: "2025-03-12", mode: "REGULAR" });
    await recordSession("district", { bodyId: "374.ban-tcd", date: "2025-02-26", mode: "PERIODIC", host: "IN_PERSON", leaderId: chairman });
    await recordSession("district", { bodyId: "374.cap-uy", date: "2025-03-20", mode: "UNSCHEDULED", host: "PARTY_SECRETARY", leaderId: secretary });

    const one = await compliance("district", "374", "2025-03");
    expect(one.map((r) => r.role)).toEqual(["CHAIRMAN", "PARTY_SECRETARY"]);
    expect(one[0]).toMatchObject({
      leaderId: chairman,
      leaderName: "Đinh Văn Hùng",
      required: 2,
      held: 1,
      heldDates: ["2025-03-05"],
      scheduled: 2,
      belowMinimum: true,
      monthEnded: true,
      rule: { id: "district-chairman", law: "Law on Citizen Reception 42/2013/QH13", article: "Art. 13(5)", period: "MONTH" },
    });
    expect(one[1]).toMatchObject({ leaderId: secretary, required: 1, held: 1, belowMinimum: false, rule: { id: "district-party-secretary" } });

    // Two sessions on one day are one day; a second day in person meets the minimum.
    await recordSession("district", { bodyId: "374.ubnd", date: "2025-03-05", mode: "UNSCHEDULED", host: "IN_PERSON", leaderId: chairman });
    expect((await compliance("district", "374", "2025-03"))[0]).toMatchObject({ held: 1, belowMinimum: true });
    await recordSession("district", { bodyId: "374.ban-tcd", date: "2025-03-19", mode: "PERIODIC", host: "IN_PERSON", leaderId: chairman });
    expect((await compliance("district", "374", "2025-03"))[0]).toMatchObject({ required: 2, held: 2, heldDates: ["2025-03-05", "2025-03-19"], belowMinimum: false });
  });
});

describe("a commune chairman before and after 2026-07-01", () => {
  it("needs 1 day a week (4 weeks in June 2026) before, and 2 days a month after", async () => {
    const chairman = await registerLeader("commune", { bodyId: "14533.ubnd", name: "Hoàng Văn Tuấn", title: "Chủ tịch UBND xã Trường Yên", role: "CHAIRMAN" });
    for (const date of ["2026-06-03", "2026-06-10", "2026-06-17", "2026-09-09"]) {
      await recordSession("commune", { bodyId: "14533.diem-tcd", date, mode: "PERIODIC", host: "IN_PERSON", leaderId: chairman });
    }
    const june = await compliance("commune", "14533", "2026-06");
    expect(june).toEqual([
      expect.objectContaining({ leaderId: chairman, required: 4, held: 3, belowMinimum: true, rule: { id: "commune-chairman-weekly", law: "Law on Citizen Reception 42/2013/QH13", article: "Art. 15(2)", period: "WEEK" } }),
    ]);
    await recordSession("commune", { bodyId: "14533.diem-tcd", date: "2026-06-24", mode: "PERIODIC", host: "IN_PERSON", leaderId: chairman });
    expect((await compliance("commune", "14533", "2026-06"))[0]).toMatchObject({ required: 4, held: 4, belowMinimum: false });

    const september = await compliance("commune", "14533", "2026-09");
    expect(september[0]).toMatchObject({ required: 2, held: 1, belowMinimum: true, rule: { id: "commune-chairman-2026", law: "Law 136/2025/QH15", period: "MONTH" } });
    await recordSession("commune", { bodyId: "14533.diem-tcd", date: "2026-09-23", mode: "UNSCHEDULED", host: "IN_PERSON", leaderId: chairman });
    expect((await compliance("commune", "14533", "2026-09"))[0]).toMatchObject({ required: 2, held: 2, belowMinimum: false });
  });

  it("answers NOT_FOUND for a commune that does not exist", async () => {
    const res = await federation.query(`{ communeReceptionCompliance(unitCode: "99999", month: "2026-09") { leaderId } }`);
    expect(res.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
  });
});

describe("the database's own checks", () => {
  it("refuses what the rules refuse, whoever writes", async () => {
    const db = federation.subgraphs.commune!.dataSource;
    const [session] = (await db.query(
      `INSERT INTO reception_session (id, body_id, unit_code, date, mode) VALUES (gen_random_uuid(), '14320.diem-tcd', '14320', '2026-10-01', 'REGULAR') RETURNING id`,
    )) as { id: string }[];
    const visit = (persons: number, representatives: number, outcome = "GUIDED", extra = "false, NULL") =>
      db.query(`INSERT INTO reception_visit (id, session_id, persons, representatives, outcome, repeat_visit, note) VALUES (gen_random_uuid(), $1, $2, $3, $4, ${extra})`, [
        session!.id,
        persons,
        representatives,
        outcome,
      ]);
    await expect(visit(7, 0)).rejects.toThrow(/reception_visit_representatives/);
    await expect(visit(7, 3)).rejects.toThrow(/reception_visit_representatives/);
    await expect(visit(3, 1)).rejects.toThrow(/reception_visit_representatives/);
    await expect(visit(11, 6)).rejects.toThrow(/reception_visit_representatives/);
    await expect(visit(0, 0)).rejects.toThrow(/reception_visit_persons_check/);
    await expect(visit(2, 0, "REFUSED_WITH_NOTICE")).rejects.toThrow(/reception_visit_refusal/);
    await visit(11, 5);
    const [row] = (await db.query(`SELECT large_group FROM reception_visit WHERE session_id = $1`, [session!.id])) as { large_group: boolean }[];
    expect(row!.large_group).toBe(true);
    await expect(
      db.query(`INSERT INTO reception_session (id, body_id, unit_code, date, mode, host) VALUES (gen_random_uuid(), '14320.diem-tcd', '14320', '2026-10-01', 'REGULAR', 'DELEGATED')`),
    ).rejects.toThrow(/reception_session_host/);
    await expect(
      db.query(`INSERT INTO reception_session (id, body_id, unit_code, date, mode) VALUES (gen_random_uuid(), '14320.diem-tcd', '14320', '2026-10-01', 'PERIODIC')`),
    ).rejects.toThrow(/reception_session_host/);
  });
});

describe("batching", () => {
  it("reads a page of sessions with bodies, leaders, visits and cases in a fixed number of statements", async () => {
    const province = federation.subgraphs.province!;
    const leader = await registerLeader("province", { bodyId: "37.so-tnmt", name: "Vũ Đức Minh", title: "Giám đốc Sở TN&MT", role: "AGENCY_HEAD" });
    for (const date of ["2026-08-04", "2026-08-11", "2026-08-18"]) {
      const s = await recordSession("province", { bodyId: "37.so-tnmt", date, mode: "PERIODIC", host: "IN_PERSON", leaderId: leader });
      ok(await recordVisitRaw("province", { sessionId: s.id, persons: 12, representatives: 3, outcome: "GUIDED" }));
    }
    const { result, statements } = await province.queries.measure(() =>
      federation.query<{ provinceReceptionSessions: { visits: { largeGroup: boolean }[] }[] }>(
        `{ provinceReceptionSessions(bodyId: "37.so-tnmt", first: 10) { date body { id } leader { name } visits { largeGroup case { id } } } }`,
      ),
    );
    expect(ok(result).provinceReceptionSessions).toHaveLength(3);
    expect(ok(result).provinceReceptionSessions.flatMap((s) => s.visits.map((v) => v.largeGroup))).toEqual([true, true, true]);
    // The bodyId check (which also loads the body for `body`), the sessions, their leaders, their visits.
    expect(statements).toBe(4);
  });
});
