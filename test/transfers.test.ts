import { TWO_LEVELS } from "@tiepdan/kit";

import { type Federation, startFederation, ok, eventually } from "./harness";

const OFFICER = { "x-user-id": "can-bo-chuyen-don" };

const JOURNEY = `journey { inTransit
  origin { __typename ... on Case { id status } }
  currentHolder { __typename ... on Case { id status unit { id } } }
  hops { kind fromLevel fromBodyId toLevel toBodyId status reason returnReason
         fromCase { __typename ... on Case { id } } toCase { __typename ... on Case { id status } } } }`;

interface JourneyView {
  inTransit: boolean;
  origin: { __typename: string; id: string; status: string };
  currentHolder: { __typename: string; id: string; status: string; unit: { id: string } };
  hops: { kind: string; fromLevel: string; fromBodyId: string; toLevel: string; toBodyId: string; status: string; reason: string; returnReason: string | null; fromCase: { id: string }; toCase: { id: string; status: string } | null }[];
}

async function registerAndClassify(f: Federation, level: string, bodyId: string, kind: string, receivedOn: string, extra: Record<string, unknown> = {}): Promise<string> {
  const reg = ok(
    await f.query<Record<string, { case: { id: string } }>>(
      `mutation ($input: RegisterPetitionInput!) { ${level}RegisterPetition(input: $input) { case { id } } }`,
      {
        input: {
          bodyId,
          source: "POST",
          receivedOn,
          content: "Khiếu nại quyết định bồi thường đất của UBND.",
          contentTypes: [kind],
          petitioners: [{ fullName: "Đỗ Văn Khánh", citizenId: "037088004455", address: "Ninh Bình" }],
          ...extra,
        },
      },
      OFFICER,
    ),
  )[`${level}RegisterPetition`]!.case.id;
  ok(
    await f.query(
      `mutation ($id: ID!, $input: ClassifyCaseInput!) { ${level}ClassifyCase(id: $id, input: $input) { id } }`,
      { id: reg, input: { contentTypes: [kind], eligible: true, withinCompetence: false, field: "LAND_HOUSING", instance: kind === "COMPLAINT" ? 1 : null, on: receivedOn } },
      OFFICER,
    ),
  );
  return reg;
}

function act(f: Federation, level: string, id: string, action: string, input: Record<string, unknown>) {
  return f.query<Record<string, { id: string; status: string; transfer: { status: string; attempts: number; lastError: string | null } | null }>>(
    `mutation ($id: ID!, $action: CaseAction!, $input: CaseActionInput) { ${level}ActOnCase(id: $id, action: $action, input: $input) { id status transfer { status attempts lastError } } }`,
    { id, action, input },
    OFFICER,
  );
}

async function journeyOf(f: Federation, level: string, id: string): Promise<JourneyView> {
  return ok(await f.query<Record<string, { journey: JourneyView }>>(`query ($id: ID!) { ${level}Case(id: $id) { ${JOURNEY} } }`, { id }))[`${level}Case`]!.journey;
}

describe("a journey commune → district → province, returned by the province", () => {
  let f: Federation;

  beforeAll(async () => {
    f = await startFederation();
  });

  afterAll(async () => {
    await f?.stop();
  });

  it("is delivered hop by hop, never duplicated, and readable in one request from either end", async () => {
    // Before the 2025 reform: the commune sends a complaint outside its competence to the district.
    const communeCase = await registerAndClassify(f, "commune", "14320.ubnd", "COMPLAINT", "2025-03-03");
    const sent = ok(await act(f, "commune", communeCase, "TRANSFER", { on: "2025-03-04", targetBodyId: "369.ubnd", reason: "Thuộc thẩm quyền UBND thành phố", legalBasis: "Thông tư 05/2021/TT-TTCP Điều 14" }));
    expect(sent.communeActOnCase).toMatchObject({ status: "TRANSFERRED", transfer: { status: "IN_TRANSIT" } });

    const inbox = await eventually(
      async () => ok(await f.query<{ districtIncomingTransfers: { id: string; inboxState: string; transferredFrom: { id: string } }[] }>(`{ districtIncomingTransfers(bodyId: "369.ubnd") { id inboxState transferredFrom { ... on Case { id } } } }`)).districtIncomingTransfers,
      (list) => list.some((c) => c.transferredFrom.id === communeCase),
    );
    const districtCase = inbox.find((c) => c.transferredFrom.id === communeCase)!.id;
    ok(await f.query(`mutation ($id: ID!) { districtAcceptTransfer(id: $id) { id } }`, { id: districtCase }, OFFICER));
    ok(await f.query(`mutation ($id: ID!, $input: ClassifyCaseInput!) { districtClassifyCase(id: $id, input: $input) { id } }`, {
      id: districtCase,
      input: { contentTypes: ["COMPLAINT"], eligible: true, withinCompetence: false, field: "LAND_HOUSING", instance: 1, on: "2025-03-10" },
    }, OFFICER));
    ok(await act(f, "district", districtCase, "TRANSFER", { on: "2025-03-11", targetBodyId: "37.ubnd", reason: "Thuộc thẩm quyền UBND tỉnh" }));

    const provinceCase = await eventually(
      async () => ok(await f.query<{ provinceIncomingTransfers: { id: string; transferredFrom: { id: string } }[] }>(`{ provinceIncomingTransfers { id transferredFrom { ... on Case { id } } } }`)).provinceIncomingTransfers,
      (list) => list.some((c) => c.transferredFrom.id === districtCase),
    ).then((list) => list.find((c) => c.transferredFrom.id === districtCase)!.id);
    const returned = ok(await f.query<{ provinceReturnTransfer: { status: string; inboxState: string } }>(
      `mutation ($id: ID!) { provinceReturnTransfer(id: $id, reason: "Không thuộc thẩm quyền tỉnh: trả lại UBND thành phố") { status inboxState } }`,
      { id: provinceCase },
      OFFICER,
    ));
    expect(returned.provinceReturnTransfer).toEqual({ status: "RETURNED", inboxState: "RETURNED" });

    // The district takes it up again; the news reaches the commune.
    await eventually(
      async () => ok(await f.query<{ districtCase: { status: string } }>(`query ($id: ID!) { districtCase(id: $id) { status } }`, { id: districtCase })).districtCase.status,
      (status) => status === "CLASSIFIED",
    );
    const fromCommune = await eventually(
      () => journeyOf(f, "commune", communeCase),
      (j) => j.hops.length === 2 && j.hops[1]!.status === "RETURNED",
    );
    const fromProvince = await journeyOf(f, "province", provinceCase);
    for (const j of [fromCommune, fromProvince]) {
      expect(j.origin).toEqual({ __typename: "CommuneCase", id: communeCase, status: "TRANSFERRED" });
      expect(j.hops.map((h) => [h.fromLevel, h.toLevel, h.status])).toEqual([
        ["COMMUNE", "DISTRICT", "ACCEPTED"],
        ["DISTRICT", "PROVINCE", "RETURNED"],
      ]);
      expect(j.hops[0]).toMatchObject({ fromCase: { id: communeCase }, toCase: { id: districtCase, status: "CLASSIFIED" }, reason: "Thuộc thẩm quyền UBND thành phố" });
      expect(j.hops[1]).toMatchObject({ toCase: { id: provinceCase, status: "RETURNED" }, returnReason: "Không thuộc thẩm quyền tỉnh: trả lại UBND thành phố" });
      expect(j.currentHolder).toEqual({ __typename: "DistrictCase", id: districtCase, status: "CLASSIFIED", unit: { id: "369.ubnd" } });
      expect(j.inTransit).toBe(false);
    }

    // One case per body: nothing was duplicated on the way.
    const counts = await Promise.all(
      (["commune", "district", "province"] as const).map(async (level) =>
        Number(((await f.subgraphs[level]!.dataSource.query(`SELECT count(*) AS n FROM kntc_case WHERE summary LIKE 'Khiếu nại quyết định bồi thường đất%'`)) as { n: string }[])[0]!.n),
      ),
    );
    expect(counts).toEqual([1, 1, 1]);
  });

  it("lists every case of one citizen across the three levels in one request", async () => {
    const res = ok(await f.query<Record<string, { totalCount: number; edges: { node: { level: string } }[] }>>(
      `query ($id: String!) {
        commune: communeCases(filter: { citizenId: $id }) { totalCount edges { node { level } } }
        district: districtCases(filter: { citizenId: $id }) { totalCount edges { node { level } } }
        province: provinceCases(filter: { citizenId: $id }) { totalCount edges { node { level } } }
      }`,
      { id: "037088004455" },
    ));
    expect([res.commune!.totalCount, res.district!.totalCount, res.province!.totalCount]).toEqual([1, 1, 1]);
  });
});

describe.each([
  ["three-level", undefined, "369.ubnd", "district", "2025-04-01"],
  ["two-level", TWO_LEVELS, "37.ubnd", "province", "2026-09-01"],
] as const)("a 2nd-instance complaint (%s)", (_name, levels, expectedBody, expectedLevel, receivedOn) => {
  let f: Federation;

  beforeAll(async () => {
    f = await startFederation(levels ? { levels } : {});
  });

  afterAll(async () => {
    await f?.stop();
  });

  it("goes from the commune's decision to the competent body above, linked to the 1st-instance decision", async () => {
    const id = await registerAndClassify(f, "commune", "14320.ubnd", "COMPLAINT", receivedOn);
    ok(await f.query(`mutation ($id: ID!, $input: ClassifyCaseInput!) { communeClassifyCase(id: $id, input: $input) { id } }`, {
      id,
      input: { contentTypes: ["COMPLAINT"], eligible: true, withinCompetence: true, field: "LAND_HOUSING", instance: 1, on: receivedOn },
    }, OFFICER));
    const day = (n: number) => { const d = new Date(`${receivedOn}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + n); return d.toISOString().slice(0, 10); };
    for (const [action, input] of [
      ["ACCEPT", { on: day(2) }],
      ["START_VERIFICATION", { on: day(3) }],
      ["DECIDE", { on: day(20), result: "WRONG", decisionNumber: "88/QĐ-UBND" }],
    ] as const) {
      ok(await act(f, "commune", id, action, input));
    }
    const late = await f.query(`mutation ($id: ID!, $input: SecondComplaintInput) { communeLodgeSecondComplaint(id: $id, input: $input) { id } }`, { id, input: { on: day(51) } });
    expect(late.errors?.[0]?.extensions?.fieldErrors).toEqual([{ field: "on", message: `a 2nd complaint must be lodged by ${day(50)} (Law on Complaints 02/2011/QH13, Art. 33)` }]);
    const lodged = ok(await f.query<{ communeLodgeSecondComplaint: { status: string; journey: JourneyView } }>(
      `mutation ($id: ID!, $input: SecondComplaintInput) { communeLodgeSecondComplaint(id: $id, input: $input) { status ${JOURNEY} } }`,
      { id, input: { on: day(25), reason: "Không đồng ý với quyết định giải quyết lần đầu" } },
      OFFICER,
    )).communeLodgeSecondComplaint;
    expect(lodged.status).toBe("DECIDED");
    expect(lodged.journey.hops[0]).toMatchObject({ kind: "SECOND_INSTANCE", toBodyId: expectedBody, toLevel: expectedLevel.toUpperCase() });

    const query = `{ ${expectedLevel}IncomingTransfers { id instance kind firstInstance { decisionNumber result decidedAt case { __typename ... on Case { id status } } } } }`;
    const second = await eventually(
      async () => ok(await f.query<Record<string, { id: string; instance: number; kind: string; firstInstance: { decisionNumber: string; result: string; decidedAt: string; case: { id: string } } | null }[]>>(query))[`${expectedLevel}IncomingTransfers`]!,
      (list) => list.some((c) => c.firstInstance?.case.id === id),
    ).then((list) => list.find((c) => c.firstInstance?.case.id === id)!);
    expect(second).toMatchObject({ instance: 2, kind: "COMPLAINT", firstInstance: { decisionNumber: "88/QĐ-UBND", result: "WRONG", decidedAt: day(20), case: { __typename: "CommuneCase", status: "DECIDED" } } });

    // Accepted there, its resolution runs on the 2nd-instance rule (Law Art. 37: 45 days).
    ok(await f.query(`mutation ($id: ID!) { ${expectedLevel}AcceptTransfer(id: $id) { id } }`, { id: second.id }, OFFICER));
    ok(await f.query(`mutation ($id: ID!, $input: ClassifyCaseInput!) { ${expectedLevel}ClassifyCase(id: $id, input: $input) { id } }`, {
      id: second.id,
      input: { contentTypes: ["COMPLAINT"], eligible: true, withinCompetence: true, field: "LAND_HOUSING", instance: 2, on: day(26) },
    }, OFFICER));
    const accepted = ok(await act(f, expectedLevel, second.id, "ACCEPT", { on: day(27) }));
    expect(accepted[`${expectedLevel}ActOnCase`]!.status).toBe("ACCEPTED");
    const due = ok(await f.query<Record<string, { dueStep: string; dueRule: { days: number } }>>(`query ($id: ID!) { ${expectedLevel}Case(id: $id) { dueStep dueRule { days } } }`, { id: second.id }))[`${expectedLevel}Case`]!;
    expect(due).toEqual({ dueStep: "COMPLAINT_SECOND_INSTANCE", dueRule: { days: 45 } });

    const again = await f.query(`mutation ($id: ID!) { communeLodgeSecondComplaint(id: $id) { id } }`, { id });
    expect(again.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");

    // Without the district subgraph there is no district body to send anything to.
    if (levels) {
      const other = await registerAndClassify(f, "commune", "14320.ubnd", "COMPLAINT", receivedOn);
      const refused = await act(f, "commune", other, "TRANSFER", { on: day(1), targetBodyId: "369.ubnd", reason: "x" });
      expect(refused.errors?.[0]?.extensions?.fieldErrors).toEqual([{ field: "targetBodyId", message: "the district level is not part of this deployment" }]);
    }
  });
});
