import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { type RunningGateway, defaultSupergraphPath, startGateway } from "@tiepdan/gateway";
import { LEVELS, TWO_LEVELS, createLogger } from "@tiepdan/kit";

const dir = mkdtempSync(join(tmpdir(), "tiepdan-supergraph-"));
const file = join(dir, "supergraph.graphql");
let gateway: RunningGateway;

async function districtFields(): Promise<string[]> {
  const res = await fetch(gateway.url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: `{ __type(name: "District") { fields { name } } }` }),
  });
  const body = (await res.json()) as { data: { __type: { fields: { name: string }[] } | null } };
  return (body.data.__type?.fields ?? []).map((f) => f.name).sort();
}

async function eventually(check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) {
      throw new Error("condition not met in time");
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  copyFileSync(defaultSupergraphPath(TWO_LEVELS), file);
  // No subgraph is needed: the gateway answers introspection from the supergraph it loaded.
  gateway = await startGateway({ port: 0, levels: [...TWO_LEVELS], supergraphPath: file, subgraphUrls: {} }, createLogger("test", "silent"));
});

afterAll(async () => {
  await gateway?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("the gateway's supergraph file", () => {
  it("is served as composed, without asking the subgraphs", async () => {
    expect(await districtFields()).toEqual(["code", "communes"]);
  });

  it("is reloaded when it changes", async () => {
    copyFileSync(defaultSupergraphPath(LEVELS), file);
    await eventually(async () => (await districtFields()).includes("province"));
    expect(await districtFields()).toEqual(["cases", "code", "communes", "fullName", "kind", "level", "name", "processingBreakdown", "processingStatistics", "province", "receptionStatistics", "receptionUnits", "report", "resolutionBreakdown", "resolutionStatistics"]);
  });

  it("keeps the running supergraph when the new file is broken", async () => {
    writeFileSync(file, "this is not a supergraph");
    await new Promise((r) => setTimeout(r, 1000));
    expect(await districtFields()).toContain("province");
  });
});
