import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

import { freePort, freePorts, portIsOpen, startEmbeddedPostgres } from "@tiepdan/kit";

const ROOT = resolve(__dirname, "..");
const START = join(ROOT, "tools", "dist", "start.js");

/** Runs `npm start`'s entry point as its own process and waits until it says it is up. */
function startPlatform(env: Record<string, string>): Promise<{ child: ChildProcess; output: () => string; seconds: number }> {
  const { DATABASE_URL: _ignored, ...rest } = process.env;
  const child = spawn(process.execPath, [START], { cwd: ROOT, env: { ...rest, ...env, LOG_LEVEL: "warn" } });
  let output = "";
  const started = Date.now();
  return new Promise((resolveStart, reject) => {
    const timer = setTimeout(() => reject(new Error(`not up after 120 s:\n${output}`)), 120_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (output.includes("TiepDan is up")) {
        clearTimeout(timer);
        resolveStart({ child, output: () => output, seconds: (Date.now() - started) / 1000 });
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`start exited with ${code}:\n${output}`));
    });
  });
}

function stopPlatform(child: ChildProcess): Promise<number | null> {
  return new Promise((resolveStop) => {
    child.removeAllListeners("exit");
    child.once("exit", (code) => resolveStop(code));
    child.kill("SIGTERM");
  });
}

async function tree(port: number): Promise<{ data?: { province: { name: string; districts: { communes: unknown[] }[] } } }> {
  const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: `{ province(code: "37") { name districts { communes { code } } } }` }),
  });
  return (await res.json()) as never;
}

async function tenYears(port: number): Promise<unknown> {
  const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      query: `{ province(code: "37") { report(period: "2014-01-01..2024-12-31") { total {
        complaints { toResolve resolved } denunciations { toResolve resolved } reception { persons largeGroups partySessions partyCitizens } } } } }`,
    }),
  });
  return ((await res.json()) as { data: { province: { report: { total: unknown } } } }).data.province.report.total;
}

describe("npm start on the embedded PostgreSQL server", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "tiepdan-start-"));

  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("starts the whole federation, stops cleanly, and keeps the data across a restart", async () => {
    expect(existsSync(START)).toBe(true);
    const [gateway, province, district, commune, embedded] = await freePorts(5);
    const ports = { GATEWAY_PORT: gateway, PROVINCE_PORT: province, DISTRICT_PORT: district, COMMUNE_PORT: commune, EMBEDDED_PG_PORT: embedded };
    const env = { ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])), EMBEDDED_PG_DIR: dataDir };

    const first = await startPlatform({ ...env, SEED_PROVINCES: "37" });
    expect(first.output()).toContain("embedded PostgreSQL created and started");
    expect(first.output()).toMatch(/demo data: Ninh Bình 2014–2024, 10,000 cases loaded/);
    const before = await tree(ports.GATEWAY_PORT);
    expect(before.data?.province.districts.flatMap((d) => d.communes)).toHaveLength(143);
    // The demo data gives the province's published ten-year figures, rolled up over its three levels.
    expect(await tenYears(ports.GATEWAY_PORT)).toEqual({
      complaints: { toResolve: 629, resolved: 624 },
      denunciations: { toResolve: 445, resolved: 441 },
      reception: { persons: 38_445, largeGroups: 588, partySessions: 14_400, partyCitizens: 2_214 },
    });
    expect(await stopPlatform(first.child)).toBe(0);
    // Every process is gone: the ports are free again, no orphan PostgreSQL.
    for (const port of Object.values(ports)) {
      expect(await portIsOpen(port)).toBe(false);
    }

    // Second start loads nothing: what the gateway returns was kept in the data folder.
    const second = await startPlatform({ ...env, SEED_PROVINCES: "none" });
    try {
      expect(second.output()).not.toContain("created and started");
      expect(second.output()).toContain("demo data: Ninh Bình 2014–2024 already loaded");
      const after = await tree(ports.GATEWAY_PORT);
      expect(after.data?.province.name).toBe("Ninh Bình");
      expect(after.data?.province.districts).toHaveLength(8);
      expect(after.data?.province.districts.flatMap((d) => d.communes)).toHaveLength(143);
    } finally {
      expect(await stopPlatform(second.child)).toBe(0);
    }
  });

  it("refuses to start on a port that is taken, saying what to do", async () => {
    const port = await freePort();
    const blocker = createServer().listen(port, "127.0.0.1");
    try {
      await expect(startEmbeddedPostgres({ dataDir: join(dataDir, "other"), port })).rejects.toThrow(/Port \d+ is taken.*EMBEDDED_PG_PORT/);
    } finally {
      blocker.close();
    }
  });
});
