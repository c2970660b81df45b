import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import type { Server } from "node:http";
import { gzipSync } from "node:zlib";
import express from "express";

import { dashboardRouter } from "./dashboard";

const INDEX = `<!doctype html><html><head><script type="module" src="/dashboard/assets/index-abc123.js"></script></head><body><div id="root"></div></body></html>`;
const SCRIPT = "console.log('dashboard');\n".repeat(50);

let dist: string;
let server: Server;
let origin: string;

/** A built dashboard in a temporary folder: index.html and one hashed script with its .gz. */
function writeDist(dir: string): void {
  mkdirSync(path.join(dir, "assets"), { recursive: true });
  writeFileSync(path.join(dir, "index.html"), INDEX);
  writeFileSync(path.join(dir, "assets", "index-abc123.js"), SCRIPT);
  writeFileSync(path.join(dir, "assets", "index-abc123.js.gz"), gzipSync(SCRIPT));
}

async function start(distDir: string): Promise<{ server: Server; origin: string }> {
  const app = express();
  app.use(dashboardRouter({ distDir }));
  app.use((_req, res) => {
    res.status(404).send("fell through");
  });
  const s = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, "127.0.0.1", () => resolve(listening));
  });
  return { server: s, origin: `http://127.0.0.1:${(s.address() as AddressInfo).port}` };
}

beforeAll(async () => {
  dist = mkdtempSync(path.join(os.tmpdir(), "dashboard-dist-"));
  writeDist(dist);
  ({ server, origin } = await start(dist));
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(dist, { recursive: true, force: true });
});

describe("the dashboard's static files", () => {
  it("serves the page at /dashboard/, revalidated, with a same-origin content security policy", async () => {
    const res = await fetch(`${origin}/dashboard/`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(res.headers.get("cache-control")).toBe("no-cache");
    expect(res.headers.get("content-security-policy")).toContain("connect-src 'self'");
    expect(await res.text()).toBe(INDEX);
  });

  it("answers the page for every client route (SPA fallback), query strings included", async () => {
    for (const route of ["/dashboard/cases?unit=37&period=2024", "/dashboard/overdue", "/dashboard/case/commune/5b7f6a1e-0000-4000-8000-000000000001"]) {
      const res = await fetch(`${origin}${route}`);
      expect([route, res.status, await res.text()]).toEqual([route, 200, INDEX]);
    }
  });

  it("adds the slash to /dashboard and keeps the query", async () => {
    const res = await fetch(`${origin}/dashboard?unit=369&period=2024`, { redirect: "manual" });
    expect(res.status).toBe(308);
    expect(res.headers.get("location")).toBe("/dashboard/?unit=369&period=2024");
  });

  it("caches hashed assets for good and sends the precompressed copy when accepted", async () => {
    const plain = await fetch(`${origin}/dashboard/assets/index-abc123.js`, { headers: { "accept-encoding": "identity" } });
    expect(plain.status).toBe(200);
    expect(plain.headers.get("content-type")).toMatch(/javascript/);
    expect(plain.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(await plain.text()).toBe(SCRIPT);
    const gz = await fetch(`${origin}/dashboard/assets/index-abc123.js`, { headers: { "accept-encoding": "gzip" } });
    expect(gz.headers.get("content-encoding")).toBe("gzip");
    expect(gz.headers.get("vary")).toContain("Accept-Encoding");
    expect(await gz.text()).toBe(SCRIPT); // fetch decodes it
  });

  it("answers 404 for missing assets and files, never the page", async () => {
    for (const route of ["/dashboard/assets/nope-123.js", "/dashboard/assets/index-abc123.js.gz", "/dashboard/assets/..%2Findex.html", "/dashboard/favicon.ico"]) {
      const res = await fetch(`${origin}${route}`);
      expect([route, res.status]).toEqual([route, 404]);
    }
  });

  it("leaves other paths to the rest of the gateway", async () => {
    const res = await fetch(`${origin}/dashboards`);
    expect(await res.text()).toBe("fell through");
  });

  it("says clearly that the dashboard is not built (503) instead of a blank page", async () => {
    const empty = mkdtempSync(path.join(os.tmpdir(), "dashboard-empty-"));
    const other = await start(path.join(empty, "dist"));
    try {
      const page = await fetch(`${other.origin}/dashboard/`);
      expect(page.status).toBe(503);
      expect(page.headers.get("cache-control")).toBe("no-store");
      expect(await page.text()).toContain("npm run build");
      const asset = await fetch(`${other.origin}/dashboard/assets/index-abc123.js`);
      expect(asset.status).toBe(503);
    } finally {
      await new Promise<void>((resolve) => other.server.close(() => resolve()));
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
