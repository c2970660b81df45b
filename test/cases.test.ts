import { type Federation, startFederation, ok } from "./harness";

let federation: Federation;

beforeAll(async () => {
  federation = await startFederation();
});

afterAll(async () => {
  await federation?.stop();
});

const OFFICER = { "x-user-id": "can-bo-tiep-dan-01" };
const RESOLVER = { "x-user-id": "thanh-tra-07", "x-user-roles": "denunciation-resolver" };

const CASE_FIELDS = `id level kind status receivedAt dueAt overdue daysLeft dueStep dueRule { law article days dayKind }
  acceptedAt decidedAt result decisionNumber instance extensions repeatCount withdrawnAfterPersuasion onHold version
  allowedActions enforcement { moneyToReturnVnd landToReturnM2 peopleDisciplined }
  unit { id name } timeline { action fromStatus toStatus effectiveOn actor changes { field before after } }`;

interface CaseView {
  id: string;
  level: string;
  kind: string | null;
  status: string;
  receivedAt: string;
  dueAt: string | null;
  overdue: boolean;
  daysLeft: number | null;
  dueStep: string | null;
  dueRule: { law: string; article: string; days: number; dayKind: string } | null;
  acceptedAt: string | null;
  decidedAt: string | null;
  result: string | null;
  decisionNumber: string | null;
  instance: number | null;
  extensions: number;
  repeatCount: number;
  withdrawnAfterPersuasion: boolean;
  onHold: boolean;
  version: number;
  allowedActions: string[];
  enforcement: { moneyToReturnVnd: number; landToReturnM2: number; peopleDisciplined: number };
  unit: { id: string; name: string };
  timeline: { action: string; fromStatus: string | null; toStatus: string; effectiveOn: string; actor: string | null; changes: { field: string; before: string | null; after: string | null }[] }[];
}

const person = (fullName: string, citizenId: string) => ({ fullName, citizenId, address: "Phường Đông Thành, TP Ninh Bình", phone: "0912 345 678" });

async function register(level: string, input: Record<string, unknown>, headers = OFFICER): Promise<{ id: string; case: CaseView }> {
  const res = await federation.query<Record<string, { id: string; case: CaseView }>>(
    `mutation ($input: RegisterPetitionInput!) { ${level}RegisterPetition(input: $input) { id isRepeat case { ${CASE_FIELDS} } } }`,
    { input },
    headers,
  );
  return ok(res)[`${level}RegisterPetition`]!;
}

async function classify(level: string, id: string, input: Record<string, unknown>): Promise<CaseView> {
  const res = await federation.query<Record<string, CaseView>>(
    `mutation ($id: ID!, $input: ClassifyCaseInput!) { ${level}ClassifyCase(id: $id, input: $input) { ${CASE_FIELDS} } }`,
    { id, input },
    OFFICER,
  );
  return ok(res)[`${level}ClassifyCase`]!;
}

function actRaw(level: string, id: string, action: string, input: Record<string, unknown> = {}, expectedVersion?: number) {
  return federation.query<Record<string, CaseView>>(
    `mutation ($id: ID!, $action: CaseAction!, $input: CaseActionInput, $v: Int) { ${level}ActOnCase(id: $id, action: $action, input: $input, expectedVersion: $v) { ${CASE_FIELDS} } }`,
    { id, action, input, v: expectedVersion },
    OFFICER,
  );
}

async function act(level: string, id: string, action: string, input: Record<string, unknown> = {}): Promise<CaseView> {
  return ok(await actRaw(level, id, action, input))[`${level}ActOnCase`]!;
}

async function countCases(level: string): Promise<number> {
  const res = await federation.query<Record<string, { totalCount: number }>>(`{ ${level}Cases(first: 1) { totalCount } }`);
  return ok(res)[`${level}Cases`]!.totalCount;
}

describe("a complaint at commune level: group of 7 → classified → accepted → dialogue → partly right, money returned", () => {
  it("runs the whole life with statutory due dates and an immutable timeline", async () => {
    const signers = Array.from({ length: 7 }, (_, i) => person(`Nguyễn Văn ${["An", "Bình", "Cường", "Dũng", "Em", "Phúc", "Giang"][i]}`, `03708${String(1000000 + i).padStart(7, "0")}`));
    // The group comes to the ward's periodic reception day, hosted by the chairman in person.
    const leader = ok(
      await federation.query<{ communeRegisterLeader: { id: string } }>(
        `mutation ($input: RegisterLeaderInput!) { communeRegisterLeader(input: $input) { id } }`,
        { input: { bodyId: "14320.ubnd", name: "Đinh Văn Hùng", title: "Chủ tịch UBND phường", role: "CHAIRMAN" } },
        OFFICER,
      ),
    ).communeRegisterLeader;
    const session = ok(
      await federation.query<{ communeRecordReceptionSession: { id: string } }>(
        `mutation ($input: RecordReceptionSessionInput!) { communeRecordReceptionSession(input: $input) { id } }`,
        { input: { bodyId: "14320.diem-tcd", date: "2026-09-07", mode: "PERIODIC", host: "IN_PERSON", leaderId: leader.id } },
        OFFICER,
      ),
    ).communeRecordReceptionSession;
    const visit = ok(
      await federation.query<{ communeRecordVisit: { largeGroup: boolean; petitionId: string; case: CaseView } }>(
        `mutation ($input: RecordVisitInput!) { communeRecordVisit(input: $input) { largeGroup petitionId case { ${CASE_FIELDS} } } }`,
        {
          input: {
            sessionId: session.id,
            persons: 7,
            representatives: 2,
            outcome: "RECEIVED_FOR_PROCESSING",
            petition: {
              content: "Khiếu nại quyết định thu hồi đất số 12/QĐ-UBND của UBND phường Đông Thành đối với 7 hộ dân tổ 5.",
              respondent: "Chủ tịch UBND phường Đông Thành",
              contentTypes: ["COMPLAINT"],
              petitioners: signers,
              attachments: [{ name: "Quyết định 12.pdf", mediaType: "application/pdf", sizeBytes: 183420, sha256: "a".repeat(64) }],
            },
          },
        },
        OFFICER,
      ),
    ).communeRecordVisit;
    expect(visit.largeGroup).toBe(true);
    const petition = { case: visit.case };
    const c = petition.case;
    expect(c).toMatchObject({ level: "COMMUNE", status: "RECEIVED", kind: null, receivedAt: "2026-09-07", dueStep: "PETITION_PROCESSING", unit: { id: "14320.diem-tcd" } });
    expect(c.dueAt).toBe("2026-09-21"); // 10 working days after Mon 7/9/2026 (no holiday in between)
    expect(c.timeline).toEqual([expect.objectContaining({ action: "REGISTER", fromStatus: null, toStatus: "RECEIVED", actor: "can-bo-tiep-dan-01" })]);

    const classified = await classify("commune", c.id, { contentTypes: ["COMPLAINT"], eligible: true, withinCompetence: true, field: "LAND_HOUSING", instance: 1, on: "2026-09-08" });
    expect(classified).toMatchObject({ kind: "COMPLAINT", status: "CLASSIFIED", instance: 1, dueStep: "COMPLAINT_ACCEPTANCE" });
    expect(classified.dueRule).toMatchObject({ days: 7, dayKind: "working" }); // received from 2026-07-01: 7 working days
    expect(classified.allowedActions).toEqual(expect.arrayContaining(["ACCEPT", "TRANSFER", "GUIDE", "ARCHIVE"]));

    const accepted = await act("commune", c.id, "ACCEPT", { on: "2026-09-10" });
    expect(accepted).toMatchObject({ status: "ACCEPTED", acceptedAt: "2026-09-10", dueStep: "COMPLAINT_FIRST_INSTANCE", dueAt: "2026-10-10" });
    expect(accepted.dueRule).toMatchObject({ law: expect.stringContaining("02/2011/QH13"), article: expect.stringContaining("28"), days: 30, dayKind: "calendar" });

    await act("commune", c.id, "START_VERIFICATION", { on: "2026-09-15" });
    await act("commune", c.id, "HOLD_DIALOGUE", { on: "2026-09-25" });
    const decided = await act("commune", c.id, "DECIDE", {
      on: "2026-10-05",
      result: "PARTLY_RIGHT",
      decisionNumber: "45/QĐ-UBND",
      moneyToReturnVnd: 350000000,
      landToReturnM2: 120.5,
    });
    expect(decided).toMatchObject({
      status: "DECIDED",
      result: "PARTLY_RIGHT",
      decidedAt: "2026-10-05",
      decisionNumber: "45/QĐ-UBND",
      enforcement: { moneyToReturnVnd: 350000000, landToReturnM2: 120.5, peopleDisciplined: 0 },
      dueStep: "COMPLAINT_DECISION_PUBLICATION",
      dueAt: "2026-10-20",
    });
    const published = await act("commune", c.id, "PUBLISH_DECISION", { on: "2026-10-12" });
    expect(published).toMatchObject({ dueAt: null, overdue: false, daysLeft: null });
    expect(published.allowedActions).toEqual(["RECORD_ENFORCEMENT", "ESCALATE"]);
    expect(published.timeline.map((e) => e.action)).toEqual(["REGISTER", "CLASSIFY", "ACCEPT", "START_VERIFICATION", "HOLD_DIALOGUE", "DECIDE", "PUBLISH_DECISION"]);
    const decideEvent = published.timeline.find((e) => e.action === "DECIDE")!;
    expect(decideEvent).toMatchObject({ fromStatus: "DIALOGUE", toStatus: "DECIDED", effectiveOn: "2026-10-05" });
    expect(decideEvent.changes).toContainEqual({ field: "result", before: "null", after: '"PARTLY_RIGHT"' });
    expect(decideEvent.changes).toContainEqual({ field: "decidedAt", before: "null", after: '"2026-10-05"' });
    expect(decideEvent.changes.map((x) => x.field)).toEqual([...decideEvent.changes.map((x) => x.field)].sort());

    // The timeline is append-only in the database itself.
    const db = federation.subgraphs.commune!.dataSource;
    await expect(db.query(`UPDATE case_event SET note = 'x' WHERE case_id = $1`, [c.id])).rejects.toThrow(/append-only/);
    await expect(db.query(`DELETE FROM case_event WHERE case_id = $1`, [c.id])).rejects.toThrow(/append-only/);
  });
});

describe("a denunciation at province level with two extensions", () => {
  it("extends the 30-day resolution twice and keeps the denouncer's identity confidential", async () => {
    const petition = await register("province", {
      bodyId: "37.thanh-tra",
      source: "POST",
      receivedOn: "2026-08-03",
      content: "Tố cáo ông Trần Văn Bảo, cán bộ địa chính, nhận tiền để hợp thức hóa đất lấn chiếm.",
      respondent: "Trần Văn Bảo",
      contentTypes: ["DENUNCIATION"],
      petitioners: [person("Lê Thị Hoa", "037190001234")],
    });
    const id = petition.case.id;
    await classify("province", id, { contentTypes: ["DENUNCIATION"], eligible: true, withinCompetence: true, field: "LAND_HOUSING", complex: true, complexityReason: "Xác minh tại nhiều địa điểm", on: "2026-08-04" });
    const accepted = await act("province", id, "ACCEPT", { on: "2026-08-10" });
    expect(accepted).toMatchObject({ dueStep: "DENUNCIATION_RESOLUTION", dueAt: "2026-09-09" });
    await act("province", id, "START_VERIFICATION", { on: "2026-08-11" });
    const once = await act("province", id, "EXTEND", { on: "2026-09-01", reason: "Vụ việc phức tạp" });
    expect(once).toMatchObject({ extensions: 1, dueAt: "2026-10-09" });
    const twice = await act("province", id, "EXTEND", { on: "2026-10-01", reason: "Vụ việc đặc biệt phức tạp" });
    expect(twice).toMatchObject({ extensions: 2, dueAt: "2026-11-08", status: "VERIFYING" });
    const third = await actRaw("province", id, "EXTEND", { on: "2026-11-01", reason: "again" });
    expect(third.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "action" });
    const concluded = await act("province", id, "CONCLUDE", { on: "2026-11-05", result: "RIGHT", peopleDisciplined: 1 });
    expect(concluded).toMatchObject({ status: "CONCLUDED", result: "RIGHT", enforcement: { peopleDisciplined: 1 }, dueAt: null });

    const hidden = await federation.query<{ provinceCase: { petitions: { petitioners: unknown[]; denouncers: unknown }[] } }>(
      `query ($id: ID!) { provinceCase(id: $id) { petitions { petitioners { fullName } denouncers { fullName citizenId } } } }`,
      { id },
      OFFICER,
    );
    expect(ok(hidden).provinceCase.petitions).toEqual([{ petitioners: [], denouncers: null }]);
    const shown = await federation.query<{ provinceCase: { petitions: { denouncers: unknown }[] } }>(
      `query ($id: ID!) { provinceCase(id: $id) { petitions { denouncers { fullName citizenId } } } }`,
      { id },
      RESOLVER,
    );
    expect(ok(shown).provinceCase.petitions).toEqual([{ denouncers: [{ fullName: "Lê Thị Hoa", citizenId: "037190001234" }] }]);
    const search = await federation.query<{ provinceSearchPetitioners: unknown[] }>(`{ provinceSearchPetitioners(search: "le thi hoa") { fullName } }`);
    expect(ok(search).provinceSearchPetitioners).toEqual([]);
    const [row] = (await federation.subgraphs.province!.dataSource.query(`SELECT count(*)::int AS n FROM petitioner WHERE full_name = 'Lê Thị Hoa'`)) as { n: number }[];
    expect(row!.n).toBe(0);
  });

  it("records an anonymous denunciation as such", async () => {
    const petition = await register("province", {
      bodyId: "37.thanh-tra",
      source: "ONLINE",
      receivedOn: "2026-11-02",
      content: "Tố cáo nặc danh về việc chi sai ngân sách tại Sở Xây dựng, kèm chứng từ.",
      contentTypes: ["DENUNCIATION"],
      anonymous: true,
    });
    const res = await federation.query<{ provinceCase: { anonymous: boolean; signerCount: number } }>(`query ($id: ID!) { provinceCase(id: $id) { anonymous signerCount } }`, { id: petition.case.id });
    expect(ok(res).provinceCase).toEqual({ anonymous: true, signerCount: 0 });
  });
});

describe("one file per matter at district level", () => {
  it("shows likely matches and links a repeat petition to the existing case instead of opening a new one", async () => {
    const first = await register("district", {
      bodyId: "372.ubnd",
      source: "IN_PERSON",
      receivedOn: "2025-05-05",
      content: "Đề nghị giải quyết tranh chấp ranh giới đất giữa hộ ông Phạm Văn Tâm và hộ bà Đinh Thị Lan tại xã Gia Lâm.",
      respondent: "UBND xã Gia Lâm",
      contentTypes: ["RECOMMENDATION"],
      petitioners: [person("Phạm Văn Tâm", "037085006789")],
    });
    const before = await countCases("district");
    const matches = await federation.query<{ districtPetitionMatches: { case: { id: string }; score: number; reasons: string[] }[] }>(
      `query ($input: PetitionMatchInput!) { districtPetitionMatches(input: $input) { case { id } score reasons } }`,
      { input: { citizenIds: ["037085006789"], respondent: "UBND xa Gia Lam", content: "tranh chấp ranh giới đất hộ ông Phạm Văn Tâm" } },
    );
    const best = ok(matches).districtPetitionMatches[0]!;
    expect(best.case.id).toBe(first.case.id);
    expect(best.reasons).toContain("SAME_CITIZEN_ID");
    expect(best.score).toBeGreaterThan(0.5);

    const repeat = await register("district", {
      bodyId: "372.ubnd",
      source: "POST",
      receivedOn: "2025-05-20",
      content: "Tiếp tục đề nghị giải quyết tranh chấp ranh giới đất, đã gửi đơn ngày 05/05/2025.",
      petitioners: [person("Phạm Văn Tâm", "037085006789")],
      repeatOfCaseId: first.case.id,
    });
    expect(repeat.case.id).toBe(first.case.id);
    expect(repeat.case.repeatCount).toBe(1);
    expect(await countCases("district")).toBe(before);
    const petitions = await federation.query<{ districtCase: { petitions: { isRepeat: boolean; receivedOn: string }[] } }>(
      `query ($id: ID!) { districtCase(id: $id) { petitions { isRepeat receivedOn } } }`,
      { id: first.case.id },
    );
    expect(ok(petitions).districtCase.petitions).toEqual([
      { isRepeat: false, receivedOn: "2025-05-05" },
      { isRepeat: true, receivedOn: "2025-05-20" },
    ]);
  });
});

describe("withdrawal and suspension of complaints", () => {
  async function acceptedComplaint(level: string, bodyId: string, acceptedOn: string, receivedOn = "2026-09-01"): Promise<string> {
    const p = await register(level, {
      bodyId,
      source: "IN_PERSON",
      receivedOn,
      content: "Khiếu nại việc không bồi thường tài sản trên đất khi thu hồi.",
      contentTypes: ["COMPLAINT"],
      petitioners: [person("Hoàng Văn Minh", "037080004321")],
    });
    await classify(level, p.case.id, { contentTypes: ["COMPLAINT"], eligible: true, withinCompetence: true, field: "LAND_HOUSING", instance: 1, on: receivedOn });
    await act(level, p.case.id, "ACCEPT", { on: acceptedOn });
    return p.case.id;
  }

  it("counts a withdrawal after explanation and persuasion", async () => {
    // Districts were abolished on 2025-07-01: a district case is from before.
    const id = await acceptedComplaint("district", "369.ubnd", "2025-03-05", "2025-03-03");
    const withdrawn = await act("district", id, "WITHDRAW", { on: "2025-03-20", afterPersuasion: true, note: "Công dân rút đơn sau khi được giải thích" });
    expect(withdrawn).toMatchObject({ status: "WITHDRAWN", withdrawnAfterPersuasion: true, dueAt: null, allowedActions: [] });
  });

  it("moves dueAt by the suspended days and holds the clock while suspended", async () => {
    const id = await acceptedComplaint("province", "37.ubnd", "2026-09-03");
    const running = (await act("province", id, "START_VERIFICATION", { on: "2026-09-04" })).dueAt;
    expect(running).toBe("2026-10-03");
    const suspended = await act("province", id, "SUSPEND", { on: "2026-09-10", reason: "Bất khả kháng: bão lũ" });
    expect(suspended).toMatchObject({ status: "SUSPENDED", onHold: true, overdue: false });
    const resumed = await act("province", id, "RESUME", { on: "2026-09-22" });
    expect(resumed.status).toBe("VERIFYING");
    expect(resumed.onHold).toBe(false);
    // 10/9 to 22/9 do not count, both included (13 days): the decision to continue is a new start,
    // and like every start it does not count itself.
    expect(resumed.dueAt).toBe("2026-10-16");
  });

  it("refuses steps the state machine does not allow, listing what is allowed", async () => {
    const id = await acceptedComplaint("commune", "14323.ubnd", "2026-09-03");
    const res = await actRaw("commune", id, "DECIDE", { result: "RIGHT", decisionNumber: "1/QĐ" });
    expect(res.errors?.[0]?.extensions).toMatchObject({
      code: "INVALID_TRANSITION",
      currentStatus: "ACCEPTED",
      action: "DECIDE",
      allowedActions: ["START_VERIFICATION", "SUSPEND", "WITHDRAW", "WITHDRAW_PARTIALLY", "TERMINATE"],
    });
    expect(res.errors?.[0]?.message).toMatch(/Cannot DECIDE a complaint that is ACCEPTED/);
  });

  it("says NOT_FOUND for unknown or malformed case ids", async () => {
    for (const id of ["00000000-0000-4000-8000-000000000000", "-".repeat(36), "abc"]) {
      const res = await federation.query(`query ($id: ID!) { communeCase(id: $id) { id } }`, { id });
      expect(res.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    }
  });

  it("lets only one of two officers acting on the same version win", async () => {
    const id = await acceptedComplaint("commune", "14326.ubnd", "2026-09-03");
    const seen = ok(await federation.query<{ communeCase: { version: number } }>(`query ($id: ID!) { communeCase(id: $id) { version } }`, { id })).communeCase.version;
    const [a, b] = await Promise.all([
      actRaw("commune", id, "START_VERIFICATION", { on: "2026-09-05" }, seen),
      actRaw("commune", id, "WITHDRAW", { on: "2026-09-05" }, seen),
    ]);
    const codes = [a, b].map((r) => r.errors?.[0]?.extensions?.code ?? "OK").sort();
    expect(codes).toEqual(["CONFLICT", "OK"]);
  });
});

describe("bad input", () => {
  it("gets field-level errors and changes nothing", async () => {
    const before = await countCases("commune");
    const cases: [Record<string, unknown>, string][] = [
      [{ petitioners: [person("Nguyễn Văn An", "12345")] }, "petitioners[0].citizenId"],
      [{ receivedOn: "2099-01-01" }, "receivedOn"],
      [{ bodyId: "14320.khong-co" }, "bodyId"],
      [{ content: "x".repeat(20001) }, "content"],
      [{ bodyId: "369.ubnd" }, "bodyId"],
      [{ petitioners: [{ ...person("Nguyễn Văn An", "037090001111"), phone: "12" }] }, "petitioners[0].phone"],
      [{ petitioners: [] }, "petitioners"],
      [{ attachments: [{ name: "a.pdf", mediaType: "pdf", sizeBytes: 1, sha256: "zz" }] }, "attachments[0].mediaType"],
    ];
    for (const [override, field] of cases) {
      const res = await federation.query(`mutation ($input: RegisterPetitionInput!) { communeRegisterPetition(input: $input) { id } }`, {
        input: {
          bodyId: "14320.ubnd",
          source: "IN_PERSON",
          receivedOn: "2026-10-01",
          content: "Kiến nghị sửa đường liên thôn.",
          petitioners: [person("Nguyễn Văn An", "037090001111")],
          ...override,
        },
      });
      expect(res.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      const fields = (res.errors?.[0]?.extensions?.fieldErrors as { field: string }[]).map((e) => e.field);
      expect(fields).toContain(field);
    }
    const missing = await federation.query(`mutation { communeRegisterPetition(input: { bodyId: "14320.ubnd", source: IN_PERSON }) { id } }`);
    expect(missing.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    const badDate = await federation.query(`mutation ($input: RegisterPetitionInput!) { communeRegisterPetition(input: $input) { id } }`, {
      input: { bodyId: "14320.ubnd", source: "IN_PERSON", receivedOn: "2026-02-30", content: "x", petitioners: [person("A B", "037090001111")] },
    });
    expect(badDate.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(await countCases("commune")).toBe(before);

    // No district body receives anything after the 2025 reform.
    const afterReform = await federation.query(`mutation ($input: RegisterPetitionInput!) { districtRegisterPetition(input: $input) { id } }`, {
      input: { bodyId: "369.ubnd", source: "POST", receivedOn: "2025-07-01", content: "Kiến nghị", petitioners: [person("A B", "037090001111")] },
    });
    expect(afterReform.errors?.[0]?.extensions?.fieldErrors).toEqual([
      { field: "receivedOn", message: "districts were abolished on 2025-07-01: record it at the province or commune level" },
    ]);
  });
});

describe("finding work", () => {
  it("lists cases with filters and cursor pagination, at the root and from the hierarchy", async () => {
    for (let i = 0; i < 5; i += 1) {
      await register("commune", {
        bodyId: "14329.ubnd",
        source: "IN_PERSON",
        receivedOn: `2026-11-0${i + 1}`,
        content: `Phản ánh ô nhiễm tiếng ồn số ${i + 1} tại phường Vân Giang.`,
        contentTypes: ["REFLECTION"],
        petitioners: [person("Nguyễn Văn An", "037090009999")],
      });
    }
    const page1 = ok(
      await federation.query<{ commune: { cases: { totalCount: number; edges: { cursor: string; node: { receivedAt: string; status: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } } }>(
        `{ commune(code: "14329") { cases(first: 3, filter: { citizenId: "037090009999" }) { totalCount edges { cursor node { receivedAt status } } pageInfo { hasNextPage endCursor } } } }`,
      ),
    ).commune.cases;
    expect(page1.totalCount).toBe(5);
    expect(page1.edges.map((e) => e.node.receivedAt)).toEqual(["2026-11-05", "2026-11-04", "2026-11-03"]);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const page2 = ok(
      await federation.query<{ communeCases: { edges: { node: { receivedAt: string } }[]; pageInfo: { hasNextPage: boolean } } }>(
        `query ($after: String) { communeCases(first: 3, after: $after, filter: { citizenId: "037090009999", unitCodes: ["14329"] }) { edges { node { receivedAt } } pageInfo { hasNextPage } } }`,
        { after: page1.pageInfo.endCursor },
      ),
    ).communeCases;
    expect(page2.edges.map((e) => e.node.receivedAt)).toEqual(["2026-11-02", "2026-11-01"]);
    expect(page2.pageInfo.hasNextPage).toBe(false);

    const filtered = ok(
      await federation.query<{ communeCases: { totalCount: number } }>(
        `{ communeCases(filter: { statuses: [RECEIVED], receivedFrom: "2026-11-02", receivedTo: "2026-11-04", unitCodes: ["14329"] }) { totalCount } }`,
      ),
    ).communeCases;
    expect(filtered.totalCount).toBe(3);
    const badCursor = await federation.query(`{ communeCases(after: "nope") { totalCount } }`);
    expect(badCursor.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
  });

  it("filters by overdue, due date, kind, field and sector", async () => {
    const late = await register("province", {
      bodyId: "37.so-tnmt",
      source: "POST",
      receivedOn: "2026-01-05",
      content: "Kiến nghị về ô nhiễm nguồn nước do cơ sở chế biến đá xả thải.",
      contentTypes: ["RECOMMENDATION"],
      petitioners: [person("Vũ Thị Mai", "037175002222")],
    });
    // 10 working days after Mon 5/1/2026 end on Fri 16/1: Saturday 10/1 was worked (New Year swap).
    expect(late.case).toMatchObject({ overdue: true, dueAt: "2026-01-16" });
    expect(late.case.daysLeft).toBeLessThan(0);
    const ids = async (filter: Record<string, unknown>): Promise<string[]> =>
      ok(await federation.query<{ provinceCases: { edges: { node: { id: string } }[] } }>(`query ($f: CaseFilter) { provinceCases(filter: $f, first: 200) { edges { node { id } } } }`, { f: filter })).provinceCases.edges.map((e) => e.node.id);
    expect(await ids({ overdue: true })).toContain(late.case.id);
    expect(await ids({ dueBefore: "2026-01-20", sectors: ["NATURAL_RESOURCES_ENVIRONMENT"] })).toEqual([late.case.id]);
    expect(await ids({ sectors: ["CONSTRUCTION"] })).not.toContain(late.case.id);
    await classify("province", late.case.id, { contentTypes: ["RECOMMENDATION"], eligible: true, withinCompetence: true, field: "POLICY_SOCIAL", on: "2026-01-06" });
    expect(await ids({ kinds: ["RECOMMENDATION"], fields: ["POLICY_SOCIAL"] })).toEqual([late.case.id]);
    expect(await ids({ kinds: ["COMPLAINT"] })).not.toContain(late.case.id);
  });

  it("selects the fields of the Case interface whichever level holds the case", async () => {
    const res = ok(
      await federation.query<{ province: { cases: { edges: { node: Record<string, unknown> }[] } }; commune: { cases: { edges: { node: Record<string, unknown> }[] } } }>(
        `fragment common on Case { __typename id level kind status receivedAt dueAt overdue daysLeft unit { id name } timeline { action } }
         { province(code: "37") { cases(first: 1) { edges { node { ...common } } } }
           commune(code: "14320") { cases(first: 1) { edges { node { ...common } } } } }`,
      ),
    );
    expect(res.province.cases.edges[0]!.node).toMatchObject({ __typename: "ProvinceCase", level: "PROVINCE" });
    expect(res.commune.cases.edges[0]!.node).toMatchObject({ __typename: "CommuneCase", level: "COMMUNE", unit: { id: expect.stringMatching(/^14320\./) } });
  });

  it("finds petitions and citizens by name without diacritics", async () => {
    const petitions = ok(await federation.query<{ communeSearchPetitions: { petitioners: { fullName: string }[] }[] }>(`{ communeSearchPetitions(search: "nguyen van an") { petitioners { fullName } } }`));
    expect(petitions.communeSearchPetitions.length).toBeGreaterThan(0);
    expect(petitions.communeSearchPetitions.every((p) => p.petitioners.some((x) => x.fullName === "Nguyễn Văn An"))).toBe(true);
    const citizens = ok(await federation.query<{ communeSearchPetitioners: { fullName: string; citizenId: string; petition: { id: string } }[] }>(`{ communeSearchPetitioners(search: "NGUYEN VAN AN") { fullName citizenId petition { id } } }`));
    expect(citizens.communeSearchPetitioners.map((c) => c.fullName)).toContain("Nguyễn Văn An");
  });
});
