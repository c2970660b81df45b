import { type Federation, ok, startFederation } from "./harness";

let f: Federation;

beforeAll(async () => {
  f = await startFederation();
});

afterAll(async () => {
  await f?.stop();
});

const OFFICER = { "x-user-id": "can-bo-thong-ke" };

/** Registers, classifies and accepts a case at commune 14329, then applies the given steps. */
async function acceptedCase(kind: "COMPLAINT" | "DENUNCIATION", receivedOn: string, acceptedOn: string, steps: [string, Record<string, unknown>][] = []): Promise<void> {
  const id = ok(
    await f.query<{ communeRegisterPetition: { case: { id: string } } }>(
      `mutation ($input: RegisterPetitionInput!) { communeRegisterPetition(input: $input) { case { id } } }`,
      { input: { bodyId: "14329.ubnd", source: "IN_PERSON", receivedOn, content: `Vụ việc ${kind} nhận ngày ${receivedOn}`, contentTypes: [kind], petitioners: [{ fullName: "Đặng Văn Quý", citizenId: "037080009090" }] } },
      OFFICER,
    ),
  ).communeRegisterPetition.case.id;
  ok(await f.query(`mutation ($id: ID!, $input: ClassifyCaseInput!) { communeClassifyCase(id: $id, input: $input) { id } }`, {
    id,
    input: { contentTypes: [kind], eligible: true, withinCompetence: true, field: "LAND_HOUSING", instance: kind === "COMPLAINT" ? 1 : null, on: receivedOn },
  }, OFFICER));
  for (const [action, input] of [["ACCEPT", { on: acceptedOn }] as [string, Record<string, unknown>], ...steps]) {
    ok(await f.query(`mutation ($id: ID!, $action: CaseAction!, $input: CaseActionInput) { communeActOnCase(id: $id, action: $action, input: $input) { id } }`, { id, action, input }, OFFICER));
  }
}

const decide = (on: string, result: string, extra: Record<string, unknown> = {}): [string, Record<string, unknown>][] => [
  ["START_VERIFICATION", { on }],
  ["DECIDE", { on, result, decisionNumber: `${on}/QĐ`, ...extra }],
];

describe("resolution figures (01/KQGQ) from the records", () => {
  beforeAll(async () => {
    await acceptedCase("COMPLAINT", "2026-06-10", "2026-06-15", decide("2026-07-10", "RIGHT", { moneyToReturnVnd: 100_000_000 })); // carried over, on time
    await acceptedCase("COMPLAINT", "2026-06-25", "2026-07-01", decide("2026-08-20", "PARTLY_RIGHT")); // due 31/7: late
    await acceptedCase("COMPLAINT", "2026-07-25", "2026-08-01", [["WITHDRAW", { on: "2026-08-15", afterPersuasion: true }]]);
    await acceptedCase("COMPLAINT", "2026-08-25", "2026-09-01"); // unresolved, due 1/10: not overdue at the end of Q3
    await acceptedCase("COMPLAINT", "2026-07-01", "2026-07-05"); // unresolved, due 4/8: overdue at the end of Q3
    await acceptedCase("COMPLAINT", "2026-04-20", "2026-05-01", decide("2026-06-01", "WRONG")); // resolved before Q3
    await acceptedCase("COMPLAINT", "2026-09-25", "2026-10-01"); // accepted after Q3
    await acceptedCase("DENUNCIATION", "2026-07-01", "2026-07-10"); // another form
  });

  it("counts every row of the form for a quarter, boundaries included", async () => {
    const res = ok(
      await f.query<{ commune: { resolutionStatistics: Record<string, number | null> } }>(
        `{ commune(code: "14329") { resolutionStatistics(kind: COMPLAINT, period: "2026-Q3") {
            carriedOver newlyAccepted toResolve resolved resolvedByDecision withdrawn withdrawnAfterPersuasion terminated
            right wrong partlyRight upheld annulledOrAmended onTime late unresolved overdueAtEnd moneyToReturnVnd
            resolutionRate onTimeRate withdrawnAfterPersuasionShare } } }`,
      ),
    );
    expect(res.commune.resolutionStatistics).toEqual({
      carriedOver: 1,
      newlyAccepted: 4,
      toResolve: 5,
      resolved: 3,
      resolvedByDecision: 2,
      withdrawn: 1,
      withdrawnAfterPersuasion: 1,
      terminated: 0,
      right: 1,
      wrong: 0,
      partlyRight: 1,
      upheld: 0,
      annulledOrAmended: 0,
      onTime: 1,
      late: 1,
      unresolved: 2,
      overdueAtEnd: 1,
      moneyToReturnVnd: 100_000_000,
      resolutionRate: 0.6,
      onTimeRate: 0.5,
      withdrawnAfterPersuasionShare: 0.3333,
    });
  });

  it("counts the denunciation form apart, and other periods on their own", async () => {
    const res = ok(
      await f.query<{ commune: { d: { newlyAccepted: number; unresolved: number }; h1: { resolved: number; wrong: number; toResolve: number } } }>(
        `{ commune(code: "14329") {
            d: resolutionStatistics(kind: DENUNCIATION, period: "2026-Q3") { newlyAccepted unresolved }
            h1: resolutionStatistics(kind: COMPLAINT, period: "2026-6M") { resolved wrong toResolve } } }`,
      ),
    );
    expect(res.commune).toEqual({ d: { newlyAccepted: 1, unresolved: 1 }, h1: { resolved: 1, wrong: 1, toResolve: 2 } });
  });

  it("computes 143 communes' figures with one SQL statement for all of them", async () => {
    const commune = f.subgraphs.commune!;
    const { result, statements } = await commune.queries.measure(() =>
      f.query<{ province: { communes: { code: string; resolutionStatistics: { toResolve: number } }[] } }>(
        `{ province(code: "37") { communes { code resolutionStatistics(kind: COMPLAINT, period: "2026-Q3") { toResolve } } } }`,
      ),
    );
    const communes = ok(result).province.communes;
    expect(communes).toHaveLength(143);
    expect(communes.find((c) => c.code === "14329")?.resolutionStatistics.toResolve).toBe(5);
    expect(communes.filter((c) => c.code !== "14329").every((c) => c.resolutionStatistics.toResolve === 0)).toBe(true);
    expect(statements).toBe(2); // the communes of the province, then their figures
  });

  it("rejects a period it cannot read", async () => {
    const res = await f.query(`{ commune(code: "14329") { resolutionStatistics(kind: COMPLAINT, period: "Q3") { toResolve } } }`);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "period" });
  });
});

describe("reception figures (01/TCD and the Party's report) from the records", () => {
  const leader = async (bodyId: string, name: string, role: string): Promise<string> =>
    ok(await f.query<{ communeRegisterLeader: { id: string } }>(`mutation ($input: RegisterLeaderInput!) { communeRegisterLeader(input: $input) { id } }`, {
      input: { bodyId, name, title: role === "CHAIRMAN" ? "Chủ tịch UBND xã" : "Bí thư Đảng ủy xã", role },
    }, OFFICER)).communeRegisterLeader.id;
  const session = async (input: Record<string, unknown>, visits: Record<string, unknown>[]): Promise<void> => {
    const id = ok(await f.query<{ communeRecordReceptionSession: { id: string } }>(`mutation ($input: RecordReceptionSessionInput!) { communeRecordReceptionSession(input: $input) { id } }`, { input }, OFFICER)).communeRecordReceptionSession.id;
    for (const visit of visits) {
      ok(await f.query(`mutation ($input: RecordVisitInput!) { communeRecordVisit(input: $input) { id } }`, { input: { sessionId: id, outcome: "GUIDED", ...visit } }, OFFICER));
    }
  };

  beforeAll(async () => {
    const chairman = await leader("14335.ubnd", "Lê Văn Thành", "CHAIRMAN");
    const secretary = await leader("14335.cap-uy", "Nguyễn Thị Thu", "PARTY_SECRETARY");
    await session({ bodyId: "14335.diem-tcd", date: "2026-07-02", mode: "REGULAR" }, [{ persons: 1 }, { persons: 3, repeatVisit: true }]);
    await session({ bodyId: "14335.diem-tcd", date: "2026-07-15", mode: "PERIODIC", host: "IN_PERSON", leaderId: chairman }, [
      { persons: 5, representatives: 2 },
      {
        persons: 12,
        representatives: 3,
        outcome: "RECEIVED_FOR_PROCESSING",
        petition: { content: "Khiếu nại việc thu hồi đất làm đường liên xã.", contentTypes: ["COMPLAINT"], petitioners: [{ fullName: "Võ Văn Hải", citizenId: "037081001212" }] },
      },
    ]);
    await session({ bodyId: "14335.diem-tcd", date: "2026-08-10", mode: "UNSCHEDULED", host: "DELEGATED", leaderId: chairman, hostName: "Trần Văn Phó", hostTitle: "Phó Chủ tịch UBND xã" }, [{ persons: 2 }]);
    await session({ bodyId: "14335.cap-uy", date: "2026-09-05", mode: "UNSCHEDULED", host: "PARTY_SECRETARY", leaderId: secretary }, [{ persons: 1 }]);
    await session({ bodyId: "14335.cap-uy", date: "2026-09-20", mode: "PERIODIC", host: "PARTY_SECRETARY", leaderId: secretary }, []); // nobody came
    await session({ bodyId: "14335.diem-tcd", date: "2026-10-02", mode: "REGULAR" }, [{ persons: 4 }]); // after Q3
  });

  it("counts sessions by mode and host, visits, persons, large groups and the Party secretaries' reception", async () => {
    const res = ok(await f.query<{ commune: { receptionStatistics: Record<string, number> } }>(
      `{ commune(code: "14335") { receptionStatistics(period: "2026-Q3") {
          sessions regularSessions periodicSessions unscheduledSessions inPersonSessions delegatedSessions visits persons
          firstVisits repeatVisits cases largeGroups largeGroupPersons partySessions partyCitizens partyUnscheduledSessions partyUnscheduledCitizens } } }`,
    ));
    expect(res.commune.receptionStatistics).toEqual({
      sessions: 5,
      regularSessions: 1,
      periodicSessions: 2,
      unscheduledSessions: 2,
      inPersonSessions: 1,
      delegatedSessions: 1,
      visits: 6,
      persons: 24,
      firstVisits: 5,
      repeatVisits: 1,
      cases: 1,
      largeGroups: 2,
      largeGroupPersons: 17,
      partySessions: 2,
      partyCitizens: 1,
      partyUnscheduledSessions: 1,
      partyUnscheduledCitizens: 1,
    });
  });

  it("computes every commune of the province with one statement", async () => {
    const { result, statements } = await f.subgraphs.commune!.queries.measure(() =>
      f.query<{ province: { communes: { code: string; receptionStatistics: { persons: number } }[] } }>(`{ province(code: "37") { communes { code receptionStatistics(period: "2026") { persons } } } }`),
    );
    expect(ok(result).province.communes.find((c) => c.code === "14335")?.receptionStatistics.persons).toBe(28);
    expect(statements).toBe(2);
  });
});

describe("petition processing figures (01/XLD) from the records", () => {
  const register = async (receivedOn: string, contentTypes: string[], repeatOfCaseId?: string): Promise<string> =>
    ok(await f.query<{ communeRegisterPetition: { case: { id: string } } }>(`mutation ($input: RegisterPetitionInput!) { communeRegisterPetition(input: $input) { case { id } } }`, {
      input: { bodyId: "14338.ubnd", source: "POST", receivedOn, content: `Đơn nhận ngày ${receivedOn}`, contentTypes, petitioners: [{ fullName: "Cao Văn Bình", citizenId: "037082003434" }], repeatOfCaseId },
    }, OFFICER)).communeRegisterPetition.case.id;
  const classify = (id: string, input: Record<string, unknown>) =>
    f.query(`mutation ($id: ID!, $input: ClassifyCaseInput!) { communeClassifyCase(id: $id, input: $input) { id } }`, { id, input: { field: "LAND_HOUSING", ...input } }, OFFICER).then(ok);
  const act = (id: string, action: string, input: Record<string, unknown>) =>
    f.query(`mutation ($id: ID!, $action: CaseAction!, $input: CaseActionInput) { communeActOnCase(id: $id, action: $action, input: $input) { id } }`, { id, action, input }, OFFICER).then(ok);

  beforeAll(async () => {
    const a = await register("2026-06-20", ["COMPLAINT"]); // carried over, transferred in Q3
    await classify(a, { contentTypes: ["COMPLAINT"], eligible: true, withinCompetence: false, instance: 1, on: "2026-06-22" });
    await act(a, "TRANSFER", { on: "2026-07-02", targetBodyId: "37.ubnd", reason: "Thuộc thẩm quyền tỉnh" });
    const b = await register("2026-06-10", ["COMPLAINT"]); // processed before Q3; its repeat arrives in Q3
    await classify(b, { contentTypes: ["COMPLAINT"], eligible: true, withinCompetence: true, instance: 1, on: "2026-06-11" });
    await act(b, "ACCEPT", { on: "2026-06-15" });
    await register("2026-07-20", [], b);
    const c = await register("2026-07-10", ["COMPLAINT"]); // new, accepted
    await classify(c, { contentTypes: ["COMPLAINT"], eligible: true, withinCompetence: true, instance: 1, on: "2026-07-11" });
    await act(c, "ACCEPT", { on: "2026-07-12" });
    await register("2026-08-01", []); // new, not classified yet
    const e = await register("2026-08-05", ["RECOMMENDATION"]); // new, ineligible, archived
    await classify(e, { contentTypes: ["RECOMMENDATION"], eligible: false, ineligibilityReason: "NO_CONTENT", withinCompetence: true, on: "2026-08-06" });
    await act(e, "ARCHIVE", { on: "2026-08-06", reason: "Đơn không có nội dung" });
    await register("2026-10-01", ["COMPLAINT"]); // after Q3
  });

  it("counts what was received, carried over, classified and decided in the quarter", async () => {
    const res = ok(await f.query<{ commune: { processingStatistics: Record<string, number> } }>(
      `{ commune(code: "14338") { processingStatistics(period: "2026-Q3") {
          petitionsReceived repeatPetitions newCases carriedOver toProcess complaints denunciations recommendations unclassified
          eligible ineligible withinCompetence outsideCompetence accepted transferred guided urged archived refused pending } } }`,
    ));
    expect(res.commune.processingStatistics).toEqual({
      petitionsReceived: 4,
      repeatPetitions: 1,
      newCases: 3,
      carriedOver: 1,
      toProcess: 4,
      complaints: 2,
      denunciations: 0,
      recommendations: 1,
      unclassified: 1,
      eligible: 2,
      ineligible: 1,
      withinCompetence: 2,
      outsideCompetence: 1,
      accepted: 1,
      transferred: 1,
      guided: 0,
      urged: 0,
      archived: 1,
      refused: 0,
      pending: 1,
    });
  });
});
