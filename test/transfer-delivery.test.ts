import { peerToken, transferSecret } from "@tiepdan/kit";

import { type Federation, startFederation, ok, eventually } from "./harness";

const OFFICER = { "x-user-id": "can-bo-chuyen-don" };
const RESOLVER = { "x-user-id": "thanh-tra-huyen", "x-user-roles": "denunciation-resolver" };

let f: Federation;

beforeAll(async () => {
  f = await startFederation();
});

afterAll(async () => {
  await f?.stop();
});

async function classifiedCase(kind: "COMPLAINT" | "DENUNCIATION", name: string, citizenId: string): Promise<string> {
  const id = ok(
    await f.query<{ communeRegisterPetition: { case: { id: string } } }>(
      `mutation ($input: RegisterPetitionInput!) { communeRegisterPetition(input: $input) { case { id } } }`,
      {
        input: {
          bodyId: "14320.ubnd",
          source: "POST",
          receivedOn: "2025-05-05",
          content: kind === "DENUNCIATION" ? "Tố cáo cán bộ địa chính phường nhận tiền của dân." : "Khiếu nại việc cấp giấy chứng nhận quyền sử dụng đất.",
          contentTypes: [kind],
          petitioners: [{ fullName: name, citizenId }],
        },
      },
      OFFICER,
    ),
  ).communeRegisterPetition.case.id;
  ok(await f.query(`mutation ($id: ID!, $input: ClassifyCaseInput!) { communeClassifyCase(id: $id, input: $input) { id } }`, {
    id,
    input: { contentTypes: [kind], eligible: true, withinCompetence: false, field: "LAND_HOUSING", instance: kind === "COMPLAINT" ? 1 : null, on: "2025-05-06" },
  }, OFFICER));
  return id;
}

const TRANSFER = `mutation ($id: ID!, $input: CaseActionInput, $v: Int) { communeActOnCase(id: $id, action: TRANSFER, input: $input, expectedVersion: $v) { id status version } }`;

async function transferState(id: string): Promise<{ status: string; attempts: number; lastError: string | null }> {
  return ok(await f.query<{ communeCase: { transfer: { status: string; attempts: number; lastError: string | null } } }>(`query ($id: ID!) { communeCase(id: $id) { transfer { status attempts lastError } } }`, { id })).communeCase.transfer;
}

async function receivedCopies(hopOfCase: string): Promise<number> {
  const [hop] = (await f.subgraphs.commune!.dataSource.query(`SELECT id FROM outbox_message WHERE case_id = $1 AND kind = 'TRANSFER'`, [hopOfCase])) as { id: string }[];
  const [row] = (await f.subgraphs.district!.dataSource.query(`SELECT count(*)::int AS n FROM kntc_case WHERE origin_message_id = $1`, [hop!.id])) as { n: number }[];
  return row!.n;
}

describe("delivery of transfers", () => {
  it("keeps a transfer in transit while the receiver is down, with attempts and the last error, and delivers it when it returns", async () => {
    const id = await classifiedCase("COMPLAINT", "Ngô Văn Tài", "037089001010");
    await f.stopSubgraph("district");
    ok(await f.query(TRANSFER, { id, input: { on: "2025-05-07", targetBodyId: "369.ubnd", reason: "Thuộc thẩm quyền thành phố" } }, OFFICER));
    const waiting = await eventually(() => transferState(id), (t) => t.attempts >= 2);
    expect(waiting.status).toBe("IN_TRANSIT");
    expect(waiting.lastError).toMatch(/fetch failed|ECONNREFUSED|district/i);
    const journey = ok(await f.query<{ communeCase: { journey: { inTransit: boolean; currentHolder: { id: string } } } }>(`query ($id: ID!) { communeCase(id: $id) { journey { inTransit currentHolder { ... on Case { id } } } } }`, { id })).communeCase.journey;
    expect(journey).toEqual({ inTransit: true, currentHolder: { id } });

    await f.restartSubgraph("district");
    const delivered = await eventually(() => transferState(id), (t) => t.status === "DELIVERED");
    expect(delivered.lastError).toBeNull();
    expect(await receivedCopies(id)).toBe(1);
  });

  it("creates one case when the same message is delivered twice, even at the same time", async () => {
    const id = await classifiedCase("COMPLAINT", "Trịnh Thị Lý", "037189002020");
    ok(await f.query(TRANSFER, { id, input: { on: "2025-05-07", targetBodyId: "372.ubnd", reason: "Thuộc thẩm quyền huyện" } }, OFFICER));
    await eventually(() => transferState(id), (t) => t.status === "DELIVERED");
    const [message] = (await f.subgraphs.commune!.dataSource.query(`SELECT id, kind, payload FROM outbox_message WHERE case_id = $1`, [id])) as { id: string; kind: string; payload: unknown }[];
    const url = f.subgraphs.district!.url.replace("/graphql", "/internal/messages");
    const post = () =>
      fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", "x-tiepdan-peer": peerToken(transferSecret(f.env)) },
        body: JSON.stringify(message),
      }).then((r) => r.json() as Promise<{ caseId: string; duplicate?: boolean }>);
    const answers = await Promise.all([post(), post(), post()]);
    expect(new Set(answers.map((a) => a.caseId)).size).toBe(1);
    expect(answers.every((a) => a.duplicate)).toBe(true);
    expect(await receivedCopies(id)).toBe(1);

    const forged = await fetch(url, { method: "POST", headers: { "content-type": "application/json", "x-tiepdan-peer": "guess" }, body: JSON.stringify(message) });
    expect(forged.status).toBe(401);
  });

  it("lets exactly one of two officers transferring the same case at once succeed", async () => {
    const id = await classifiedCase("COMPLAINT", "Mai Văn Sơn", "037090003030");
    const { version } = ok(await f.query<{ communeCase: { version: number } }>(`query ($id: ID!) { communeCase(id: $id) { version } }`, { id })).communeCase;
    const results = await Promise.all(
      ["369.ubnd", "372.ubnd"].map((target) => f.query(TRANSFER, { id, v: version, input: { on: "2025-05-07", targetBodyId: target, reason: "Chuyển đơn" } }, OFFICER)),
    );
    const outcomes = results.map((r) => (r.errors ? String(r.errors[0]!.extensions?.code) : "OK")).sort();
    expect(outcomes).toEqual(["CONFLICT", "OK"]);
    const loser = results.find((r) => r.errors)!;
    expect(loser.errors![0]!.message).toMatch(/changed by someone else/);
    const [count] = (await f.subgraphs.commune!.dataSource.query(`SELECT count(*)::int AS n FROM outbox_message WHERE case_id = $1 AND kind = 'TRANSFER'`, [id])) as { n: number }[];
    expect(count!.n).toBe(1);
  });

  it("carries a denouncer's identity sealed, readable only by the competent receiver's resolvers", async () => {
    const id = await classifiedCase("DENUNCIATION", "Phan Thị Nhung", "037191004040");
    ok(await f.query(TRANSFER, { id, input: { on: "2025-05-07", targetBodyId: "369.thanh-tra", reason: "Người bị tố cáo do UBND thành phố quản lý" } }, OFFICER));
    await eventually(() => transferState(id), (t) => t.status === "DELIVERED");
    const [outbox] = (await f.subgraphs.commune!.dataSource.query(`SELECT payload::text AS text FROM outbox_message WHERE case_id = $1`, [id])) as { text: string }[];
    expect(outbox!.text).not.toContain("Phan Thị Nhung");
    expect(outbox!.text).not.toContain("037191004040");
    expect(outbox!.text).toContain("sealedDenouncers");

    const [arrived] = (await f.subgraphs.district!.dataSource.query(`SELECT id FROM kntc_case WHERE transferred_from->>'caseId' = $1`, [id])) as { id: string }[];
    const query = `query ($id: ID!) { districtCase(id: $id) { petitions { petitioners { fullName } denouncers { fullName citizenId } } } }`;
    expect(ok(await f.query<{ districtCase: unknown }>(query, { id: arrived!.id }, OFFICER)).districtCase).toEqual({ petitions: [{ petitioners: [], denouncers: null }] });
    expect(ok(await f.query<{ districtCase: unknown }>(query, { id: arrived!.id }, RESOLVER)).districtCase).toEqual({
      petitions: [{ petitioners: [], denouncers: [{ fullName: "Phan Thị Nhung", citizenId: "037191004040" }] }],
    });
  });

  it("tells the sender the outcome once the receiver has resolved the case", async () => {
    const id = await classifiedCase("COMPLAINT", "Vương Văn Đạt", "037093006060");
    ok(await f.query(TRANSFER, { id, input: { on: "2025-05-07", targetBodyId: "369.ubnd", reason: "Thuộc thẩm quyền thành phố" } }, OFFICER));
    await eventually(() => transferState(id), (t) => t.status === "DELIVERED");
    const [arrived] = (await f.subgraphs.district!.dataSource.query(`SELECT id FROM kntc_case WHERE transferred_from->>'caseId' = $1`, [id])) as { id: string }[];
    const there = arrived!.id;
    ok(await f.query(`mutation ($id: ID!) { districtAcceptTransfer(id: $id) { id } }`, { id: there }, OFFICER));
    ok(await f.query(`mutation ($id: ID!, $input: ClassifyCaseInput!) { districtClassifyCase(id: $id, input: $input) { id } }`, {
      id: there,
      input: { contentTypes: ["COMPLAINT"], eligible: true, withinCompetence: true, field: "LAND_HOUSING", instance: 1, on: "2025-05-08" },
    }, OFFICER));
    for (const [action, input] of [
      ["ACCEPT", { on: "2025-05-09" }],
      ["START_VERIFICATION", { on: "2025-05-10" }],
      ["DECIDE", { on: "2025-05-30", result: "PARTLY_RIGHT", decisionNumber: "12/QĐ-UBND" }],
    ] as const) {
      ok(await f.query(`mutation ($id: ID!, $action: CaseAction!, $input: CaseActionInput) { districtActOnCase(id: $id, action: $action, input: $input) { id } }`, { id: there, action, input }, OFFICER));
    }
    const hop = await eventually(
      async () => ok(await f.query<{ communeCase: { journey: { hops: { status: string; outcomeStatus: string | null; outcomeResult: string | null }[] } } }>(`query ($id: ID!) { communeCase(id: $id) { journey { hops { status outcomeStatus outcomeResult } } } }`, { id })).communeCase.journey.hops[0]!,
      (h) => h.status === "RESOLVED",
    );
    expect(hop).toEqual({ status: "RESOLVED", outcomeStatus: "DECIDED", outcomeResult: "PARTLY_RIGHT" });
  });

  it("brings a transfer the receiver can never take back to its sender, with the reason", async () => {
    const id = await classifiedCase("COMPLAINT", "Kiều Văn Nam", "037094007070");
    ok(await f.query(TRANSFER, { id, input: { on: "2025-05-07", targetBodyId: "369.khong-co", reason: "Chuyển đơn" } }, OFFICER));
    const back = await eventually(
      async () => ok(await f.query<{ communeCase: { status: string; journey: { hops: { status: string; returnReason: string | null }[] } } }>(`query ($id: ID!) { communeCase(id: $id) { status journey { hops { status returnReason } } } }`, { id })).communeCase,
      (c) => c.status === "CLASSIFIED",
    );
    expect(back.journey.hops).toEqual([{ status: "RETURNED", returnReason: 'Not delivered: no reception body "369.khong-co" at the district level' }]);
  });

  it("refuses to send anything to a district after the 2025 reform", async () => {
    const id = await classifiedCase("COMPLAINT", "Hà Văn Lộc", "037095008080");
    const refused = await f.query(TRANSFER, { id, input: { on: "2025-07-02", targetBodyId: "369.ubnd", reason: "x" } }, OFFICER);
    expect(refused.errors?.[0]?.extensions?.fieldErrors).toEqual([{ field: "targetBodyId", message: "districts were abolished on 2025-07-01: record it at the province or commune level" }]);
  });

  it("refuses a transfer to a level the deployment does not run, and to an unknown body id format", async () => {
    const id = await classifiedCase("COMPLAINT", "Lại Văn Tú", "037092005050");
    const bad = await f.query(TRANSFER, { id, input: { on: "2025-05-07", targetBodyId: "nope", reason: "x" } }, OFFICER);
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "targetBodyId" });
  });

  it("leaves the deliverer's statements (claims, failed attempts, the delivery's transaction) out of the request statement counts", async () => {
    const id = await classifiedCase("COMPLAINT", "Phùng Thị Duyên", "037093006060");
    await f.stopSubgraph("district");
    ok(await f.query(TRANSFER, { id, input: { on: "2025-05-07", targetBodyId: "369.ubnd", reason: "Thuộc thẩm quyền thành phố" } }, OFFICER));
    const commune = f.subgraphs.commune!;
    const [hop] = (await commune.dataSource.query(`SELECT id FROM outbox_message WHERE case_id = $1 AND kind = 'TRANSFER'`, [id])) as { id: string }[];
    const before = commune.queries.count;
    // Failed attempts while the district is down, then the delivery: all of it the commune's background work.
    await new Promise((r) => setTimeout(r, 800));
    await f.restartSubgraph("district");
    const district = f.subgraphs.district!;
    await eventually(
      async () => ((await district.dataSource.query(`SELECT count(*)::int AS n FROM kntc_case WHERE origin_message_id = $1`, [hop!.id])) as { n: number }[])[0]!.n,
      (n) => n === 1,
    );
    // The deliverer records the delivery after the receiver's answer: stopping it waits for that round.
    await commune.deliverer.stop();
    expect(commune.queries.count).toBe(before);
    commune.deliverer.start();
    const state = await transferState(id);
    expect(state).toMatchObject({ status: "DELIVERED", lastError: null });
    expect(state.attempts).toBeGreaterThanOrEqual(2);
    // The request just sent is counted: the counter itself still works.
    expect(commune.queries.count).toBeGreaterThan(before);
  });
});
