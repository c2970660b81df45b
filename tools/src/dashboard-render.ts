// `npm run dashboard:render -- [--gateway URL] [--unit 37] [--period 2024] [--runs 5]`: how long the
// dashboard takes to show its first figures in a real browser (Debian's /usr/bin/chromium, headless,
// driven by playwright-core), against a running gateway and whatever data its subgraphs hold — e.g.
// Ninh Bình's demo data (`npm run generate -- --province 37 --from 2014 --to 2024`). Each run is a
// fresh browser profile (nothing cached), then one reload with the cache warm. Times are the page's
// own Performance API: from navigation start to the headline figures on screen (every number,
// the overdue count included), and to every chart drawn.
/// <reference lib="dom" />
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";

import { type Page, chromium } from "playwright-core";

const USAGE = `usage: npm run dashboard:render -- [--gateway URL] [--unit CODE] [--period PERIOD] [--runs N] [--chromium PATH] [--screenshot FILE.png]`;
const ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"];

/** One page load's times (ms from navigation start). */
export interface RenderTimes {
  headline: number;
  charts: number;
  /** The slowest GraphQL request of the load (ms, request start to response end). */
  slowestQuery: number;
  queries: number;
}

/** Loads the dashboard (or reloads it) and measures it with the page's Performance API. */
async function measure(page: Page, url: string | null): Promise<RenderTimes> {
  if (url) {
    await page.goto(url);
  } else {
    await page.reload();
  }
  await page.waitForFunction(() => /\d/.test(document.querySelector('[data-testid="kpi-overdue-value"]')?.textContent ?? "") && !!document.querySelector('[data-testid="kpi-persons-value"]'), undefined, { polling: "raf", timeout: 120_000 });
  const headline = await page.evaluate(() => performance.now());
  await page.waitForFunction(() => document.querySelectorAll(".chart canvas").length >= 3 && !document.querySelector(".loading"), undefined, { polling: "raf", timeout: 120_000 });
  const charts = await page.evaluate(() => performance.now());
  const queries = await page.evaluate(() =>
    performance
      .getEntriesByType("resource")
      .filter((e) => e.name.endsWith("/graphql"))
      .map((e) => (e as PerformanceResourceTiming).responseEnd - e.startTime),
  );
  return { headline, charts, slowestQuery: Math.max(0, ...queries), queries: queries.length };
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
};

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      gateway: { type: "string", default: process.env.GATEWAY_URL ?? "http://localhost:4000" },
      unit: { type: "string", default: "37" },
      period: { type: "string", default: "2024" },
      runs: { type: "string", default: "5" },
      chromium: { type: "string", default: "/usr/bin/chromium" },
      screenshot: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (!existsSync(values.chromium)) {
    throw new Error(`${values.chromium} is missing: apt-get install -y chromium chromium-driver`);
  }
  const url = `${values.gateway.replace(/\/(graphql)?\/?$/, "")}/dashboard/?unit=${encodeURIComponent(values.unit)}&period=${encodeURIComponent(values.period)}`;
  const runs = Math.max(1, Number(values.runs) || 5);
  const cold: RenderTimes[] = [];
  const warm: RenderTimes[] = [];
  for (let i = 0; i < runs; i++) {
    const profile = mkdtempSync(join(tmpdir(), "tiepdan-render-"));
    const context = await chromium.launchPersistentContext(profile, { executablePath: values.chromium, headless: true, args: ARGS, viewport: { width: 1366, height: 900 } });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      cold.push(await measure(page, url));
      warm.push(await measure(page, null));
      if (values.screenshot && i === runs - 1) {
        // The top of the page as a laptop shows it (docs/dashboard.png), after the charts' entry animation.
        await page.setViewportSize({ width: 1366, height: 1400 });
        await page.waitForTimeout(1500);
        await page.screenshot({ path: values.screenshot });
        console.log(`wrote ${values.screenshot}`);
      }
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
    console.log(`run ${i + 1}/${runs}: cold headline ${Math.round(cold[i]!.headline)} ms, charts ${Math.round(cold[i]!.charts)} ms | warm headline ${Math.round(warm[i]!.headline)} ms, charts ${Math.round(warm[i]!.charts)} ms`);
  }
  const line = (name: string, list: RenderTimes[]): string =>
    `${name}: headline figures ${Math.round(median(list.map((r) => r.headline)))} ms (min ${Math.round(Math.min(...list.map((r) => r.headline)))}, max ${Math.round(Math.max(...list.map((r) => r.headline)))}), ` +
    `all charts ${Math.round(median(list.map((r) => r.charts)))} ms, slowest of ${list[0]!.queries} GraphQL requests ${Math.round(median(list.map((r) => r.slowestQuery)))} ms`;
  console.log(`dashboard first render, ${url}, median of ${runs}:`);
  console.log(`  ${line("cold cache", cold)}`);
  console.log(`  ${line("warm cache", warm)}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
