import { type Server, createServer } from "node:http";
import type { AddressInfo } from "node:net";

import { createSubgraphFetcher, subgraphFetcher } from "./subgraph-fetcher";

describe("subgraphFetcher", () => {
  let server: Server;
  let base: string;
  const seen: { method?: string; headers: Record<string, unknown>; body: string }[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        seen.push({ method: req.method, headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
        if (req.url === "/slow") {
          return; // never answers
        }
        if (req.url === "/bad") {
          res.writeHead(400, { "content-type": "application/json" });
          res.end(JSON.stringify({ errors: [{ message: "Biến không hợp lệ", extensions: { code: "BAD_USER_INPUT" } }] }));
          return;
        }
        // A Vietnamese answer written in pieces that split multi-byte characters.
        const answer = Buffer.from(JSON.stringify({ data: { fullName: "Phường Đông Thành, tỉnh Ninh Bình" } }), "utf8");
        res.writeHead(200, { "content-type": "application/json; charset=utf-8", "set-cookie": ["a=1", "b=2"] });
        for (let i = 0; i < answer.length; i += 7) {
          res.write(answer.subarray(i, i + 7));
        }
        res.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it("posts the body with its headers and reads a whole answer, Vietnamese text intact", async () => {
    const body = JSON.stringify({ query: "{ unit { fullName } }", variables: { name: "Xã Gia Viễn" } });
    const res = await subgraphFetcher(`${base}/graphql`, { method: "POST", headers: { "content-type": "application/json", "x-request-id": "r-1" }, body });
    expect(res.ok).toBe(true);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(res.headers.get("set-cookie")).toContain("a=1");
    expect(await res.clone().json()).toEqual({ data: { fullName: "Phường Đông Thành, tỉnh Ninh Bình" } });
    expect(res.bodyUsed).toBe(false);
    expect(await res.text()).toContain("Đông Thành");
    expect(res.bodyUsed).toBe(true);
    const request = seen.at(-1)!;
    expect(request.method).toBe("POST");
    expect(request.body).toBe(body);
    expect(request.headers["x-request-id"]).toBe("r-1");
    expect(request.headers["content-length"]).toBe(String(Buffer.byteLength(body)));
  });

  it("gives a non-2xx answer with its body, for the data source's error", async () => {
    const res = await subgraphFetcher(`${base}/bad`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(res.ok).toBe(false);
    expect(res.status).toBe(400);
    expect(res.statusText).toBe("Bad Request");
    expect(await res.json()).toEqual({ errors: [{ message: "Biến không hợp lệ", extensions: { code: "BAD_USER_INPUT" } }] });
  });

  it("reuses the connection for the next call (keep-alive)", async () => {
    const before = seen.length;
    const ports = new Set<number>();
    server.on("connection", (socket) => ports.add(socket.remotePort ?? 0));
    for (let i = 0; i < 3; i += 1) {
      await (await subgraphFetcher(`${base}/graphql`, { method: "POST", body: "{}" })).text();
    }
    expect(seen.length - before).toBe(3);
    expect(ports.size).toBeLessThanOrEqual(1);
  });

  it("rejects when nothing listens", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await expect(subgraphFetcher(`http://127.0.0.1:${port}/graphql`, { method: "POST", body: "{}" })).rejects.toThrow(/ECONNREFUSED/);
  });

  it("rejects a call that gets no answer within the timeout", async () => {
    await expect(createSubgraphFetcher({ timeoutMs: 200 })(`${base}/slow`, { method: "POST", body: "{}" })).rejects.toThrow(/within 200 ms/);
  });
});
