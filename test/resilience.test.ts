import { Writable } from "node:stream";

import pino from "pino";

import { type Federation, startFederation } from "./harness";

let federation: Federation;

beforeAll(async () => {
  federation = await startFederation();
});

afterAll(async () => {
  await federation?.stop();
});

const TREE = `{ province(code: "37") { name districts { code communes { code } } } }`;

describe("with one subgraph down", () => {
  it("returns the other subgraphs' data and an error naming the missing one, and keeps serving", async () => {
    await federation.stopSubgraph("district");

    const res = await federation.query<{ province: { name: string; districts: unknown } }>(TREE);
    expect(res.data?.province.name).toBe("Ninh Bình");
    expect(res.errors).toHaveLength(1);
    expect(res.errors?.[0]).toMatchObject({
      message: "The district subgraph is unavailable",
      extensions: { code: "SUBGRAPH_UNAVAILABLE", serviceName: "district" },
    });
    expect(JSON.stringify(res.errors)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|stack/);

    // What does not need the district subgraph is untouched.
    const commune = await federation.query(`{ commune(code: "14320") { fullName province { name } } }`);
    expect(commune).toEqual({ data: { commune: { fullName: "Phường Đông Thành", province: { name: "Ninh Bình" } } } });

    // The gateway is alive and says which subgraph is missing.
    const base = federation.gateway.url.replace("/graphql", "");
    expect((await fetch(`${base}/health`)).status).toBe(200);
    const ready = await fetch(`${base}/ready`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: "degraded", subgraphs: { district: "unreachable", province: "ready", commune: "ready" } });
  });

  it("serves the whole tree again once the subgraph is back", async () => {
    await federation.restartSubgraph("district");
    const res = await federation.query<{ province: { districts: { communes: unknown[] }[] } }>(TREE);
    expect(res.errors).toBeUndefined();
    expect(res.data!.province.districts.flatMap((d) => d.communes)).toHaveLength(143);
    const ready = await fetch(federation.gateway.url.replace("/graphql", "/ready"));
    expect(ready.status).toBe(200);
  });
});

describe("request ids", () => {
  it("echoes the caller's request id and passes it to every subgraph involved", async () => {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
        done();
      },
    });
    const log = pino({ level: "debug" }, sink);
    const traced = await startFederation({ log });
    try {
      const res = await fetch(traced.gateway.url, {
        method: "POST",
        headers: { "content-type": "application/json", "x-request-id": "kntc-req-0001", "x-user-id": "can-bo-07" },
        body: JSON.stringify({ query: TREE }),
      });
      expect(res.headers.get("x-request-id")).toBe("kntc-req-0001");
      expect(res.status).toBe(200);
      const withId = lines.filter((l) => l.requestId === "kntc-req-0001");
      // the gateway's operation line and one line from each of the three subgraphs
      expect(withId.length).toBeGreaterThanOrEqual(4);
      expect(new Set(withId.map((l) => l.service))).toEqual(new Set(["tiepdan-gateway", "tiepdan-province", "tiepdan-district", "tiepdan-commune"]));
      expect(withId.filter((l) => l.service !== "tiepdan-gateway").every((l) => l.userId === "can-bo-07")).toBe(true);

      const generated = await fetch(traced.gateway.url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: `{ province(code: "37") { name } }` }),
      });
      expect(generated.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      await traced.stop();
    }
  });
});
