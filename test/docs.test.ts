import { readFileSync } from "node:fs";
import { join } from "node:path";

import { CONFIG_VARIABLES } from "@tiepdan/kit";

import { type Federation, startFederation } from "./harness";

const README = readFileSync(join(__dirname, "..", "README.md"), "utf8");

describe("README", () => {
  it("documents every environment variable the code reads", () => {
    const table = README.slice(README.indexOf("## Configuration"), README.indexOf("## Running on a real PostgreSQL"));
    const missing = CONFIG_VARIABLES.map((v) => v.name).filter((name) => !table.includes(`\`${name}\``));
    expect(missing).toEqual([]);
  });

  describe("example queries, run through the gateway", () => {
    let federation: Federation;
    const blocks = [...README.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]!);

    beforeAll(async () => {
      federation = await startFederation();
    });

    afterAll(async () => {
      await federation?.stop();
    });

    it("has examples", () => {
      expect(blocks.length).toBeGreaterThanOrEqual(3);
    });

    it("answers each one without errors", async () => {
      for (const query of blocks) {
        const res = await federation.query(query);
        expect({ query, errors: res.errors }).toEqual({ query, errors: undefined });
        expect(res.data).toBeTruthy();
      }
    });

    it("serves the explorer from the gateway, to browsers only", async () => {
      const base = federation.gateway.url.replace("/graphql", "");
      const page = await fetch(`${base}/explorer`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain("TiepDan");
      const browser = await fetch(federation.gateway.url, { headers: { accept: "text/html" } });
      expect(browser.headers.get("content-type")).toMatch(/text\/html/);
      const client = await fetch(`${federation.gateway.url}?query=${encodeURIComponent("{ provinces { code } }")}`, {
        headers: { accept: "application/json", "apollo-require-preflight": "true" },
      });
      expect(await client.json()).toEqual({ data: { provinces: [{ code: "37" }] } });
    });
  });
});
