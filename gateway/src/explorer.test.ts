import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import http, { type Server } from "node:http";
import express from "express";
import { buildSchema, parse, validate } from "graphql";
import { explorerRouter } from "./explorer";

const gatewayRoot = path.resolve(__dirname, "..");
const distDir = path.join(gatewayRoot, "dist", "explorer");
const examplesDir = path.join(gatewayRoot, "explorer", "examples");

// A browser's Accept header when it navigates to a page.
const BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";

let server: Server;
let origin: string;

/** Starts an app with the router (optionally under a prefix) and a stand-in GraphQL handler. */
async function start(mount: string, assetsDir?: string): Promise<{ server: Server; origin: string }> {
  const app = express();
  const graphql = express.Router();
  graphql.use(explorerRouter({ endpoint: "/graphql", assetsDir }));
  // Whatever the explorer lets through reaches the GraphQL server.
  graphql.all("/graphql", (req, res) => {
    res.json({ handledBy: "graphql", method: req.method });
  });
  app.use(mount, graphql);
  const s = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, "127.0.0.1", () => resolve(listening));
  });
  return { server: s, origin: `http://127.0.0.1:${(s.address() as AddressInfo).port}` };
}

function stop(s: Server): Promise<void> {
  return new Promise((resolve) => {
    s.close(() => resolve());
    // fetch keeps connections alive (and open while a body is unread): don't wait for them.
    s.closeAllConnections();
  });
}

/** The src/href values of <script>/<link> tags and the page's <base href>. */
function references(html: string): { base: string; refs: string[] } {
  const base = /<base href="([^"]*)"/.exec(html)?.[1] ?? "";
  const refs = [...html.matchAll(/<(?:script|link)\b[^>]*?\s(?:src|href)="([^"]*)"/g)].map((m) => m[1]);
  return { base, refs };
}

beforeAll(() => {
  // The bundle is a build product: build it once if this checkout has not yet.
  if (!existsSync(path.join(distDir, "index.html"))) {
    execFileSync(process.execPath, [path.join(gatewayRoot, "scripts", "build-explorer.mjs")], {
      cwd: gatewayRoot,
      stdio: "inherit",
      timeout: 120_000,
    });
  }
}, 130_000);

beforeAll(async () => {
  ({ server, origin } = await start("/"));
});

afterAll(async () => {
  await stop(server);
});

describe("GET /explorer", () => {
  it("serves the page with same-origin assets only", async () => {
    const res = await fetch(`${origin}/explorer`, { headers: { accept: BROWSER_ACCEPT } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(res.headers.get("cache-control")).toBe("no-cache");
    expect(res.headers.get("content-security-policy")).toContain("default-src 'self'");
    const html = await res.text();
    expect(html).toContain("<title>TiepDan — GraphQL Explorer</title>");
    expect(html).toContain('data-endpoint="/graphql"');

    const { base, refs } = references(html);
    expect(base).toBe("/explorer/");
    expect(refs.length).toBeGreaterThanOrEqual(2);
    for (const ref of refs) {
      // Relative or data: only; never another host ("//host" or "http(s)://host").
      expect(ref).not.toMatch(/^([a-z][a-z0-9+.-]*:)?\/\//i);
      if (ref.startsWith("data:")) continue;
      expect(new URL(ref, new URL(base, origin)).origin).toBe(origin);
    }
  });

  it("serves every asset the page and its stylesheet name, with types and long caching", async () => {
    const html = await (await fetch(`${origin}/explorer`)).text();
    const { base, refs } = references(html);
    const assets = refs.filter((r) => !r.startsWith("data:")).map((r) => new URL(r, new URL(base, origin)));
    expect(assets.map((u) => path.extname(u.pathname)).sort()).toEqual([".css", ".js"]);

    for (const url of assets) {
      const res = await fetch(url);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toMatch(url.pathname.endsWith(".js") ? /^text\/javascript/ : /^text\/css/);
      expect(res.headers.get("cache-control")).toMatch(/max-age=31536000.*immutable/);
      const body = await res.text(); // fetch undoes Content-Encoding
      expect(body.length).toBeGreaterThan(url.pathname.endsWith(".js") ? 100_000 : 10_000);

      if (url.pathname.endsWith(".css")) {
        // Fonts referred to by the stylesheet resolve next to it and are served too.
        const fonts = [...body.matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)/g)].map((m) => m[1]).filter((u) => !u.startsWith("data:"));
        expect(fonts.length).toBeGreaterThan(0);
        for (const font of fonts) {
          const fontUrl = new URL(font, url);
          expect(fontUrl.origin).toBe(origin);
          const fontRes = await fetch(fontUrl);
          expect(fontRes.status).toBe(200);
          expect(fontRes.headers.get("content-type")).toMatch(/^font\/woff2?$/);
          await fontRes.arrayBuffer();
        }
      }
    }
  });

  it("sends precompressed assets to browsers that accept them", async () => {
    const html = await (await fetch(`${origin}/explorer`)).text();
    const js = references(html).refs.find((r) => r.endsWith(".js"))!;
    const url = new URL(js, new URL("/explorer/", origin));
    const { headers, body } = await new Promise<{ headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
      http
        .get(url, { headers: { "accept-encoding": "gzip" } }, (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
        })
        .on("error", reject);
    });
    expect(headers["content-encoding"]).toBe("gzip");
    expect(headers["vary"]).toMatch(/Accept-Encoding/i);
    expect(headers["content-type"]).toMatch(/^text\/javascript/);
    expect(gunzipSync(body).toString("utf8")).toBe(readFileSync(path.join(distDir, url.pathname.replace(/^\/explorer\//, "")), "utf8"));
  });

  it("answers 404 for unknown or odd asset names", async () => {
    // Precompressed files are only sent in place of their original, with Content-Encoding.
    const gz = readdirSync(path.join(distDir, "assets")).find((n) => n.endsWith(".js.gz"))!;
    for (const name of ["nope.js", "..%2Findex.html", "%2E%2E%2Findex.html", ".hidden", gz]) {
      const res = await fetch(`${origin}/explorer/assets/${name}`);
      expect(res.status).toBe(404);
    }
  });
});

describe("GET <endpoint>", () => {
  it("returns the page to a browser", async () => {
    const res = await fetch(`${origin}/graphql`, { headers: { accept: BROWSER_ACCEPT } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(res.headers.get("vary")).toMatch(/Accept/);
    const html = await res.text();
    expect(html).toContain('<div id="graphiql" data-endpoint="/graphql"');
    expect(references(html).base).toBe("/explorer/");
  });

  it.each([["application/json"], ["application/graphql-response+json, application/json;q=0.9"], ["*/*"], [undefined]])(
    "lets a GraphQL client through (Accept: %s)",
    async (accept) => {
      const res = await fetch(`${origin}/graphql?query=%7B__typename%7D`, { headers: accept ? { accept } : {} });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ handledBy: "graphql", method: "GET" });
      expect(res.headers.get("vary")).toMatch(/Accept/);
    },
  );

  it("lets POST through even from a browser", async () => {
    const res = await fetch(`${origin}/graphql`, {
      method: "POST",
      headers: { accept: BROWSER_ACCEPT, "content-type": "application/json" },
      body: JSON.stringify({ query: "{ __typename }" }),
    });
    expect(await res.json()).toEqual({ handledBy: "graphql", method: "POST" });
  });
});

describe("mounted under a path prefix", () => {
  it("points the page at the prefixed assets and endpoint", async () => {
    const prefixed = await start("/api");
    try {
      const html = await (await fetch(`${prefixed.origin}/api/graphql`, { headers: { accept: BROWSER_ACCEPT } })).text();
      const { base, refs } = references(html);
      expect(base).toBe("/api/explorer/");
      expect(html).toContain('data-endpoint="/api/graphql"');
      for (const ref of refs.filter((r) => !r.startsWith("data:"))) {
        const res = await fetch(new URL(ref, new URL(base, prefixed.origin)));
        expect(res.status).toBe(200);
        await res.arrayBuffer();
      }
    } finally {
      await stop(prefixed.server);
    }
  });
});

describe("without a bundle", () => {
  it("says how to build it (503)", async () => {
    const empty = mkdtempSync(path.join(os.tmpdir(), "explorer-missing-"));
    const bare = await start("/", empty);
    try {
      for (const url of ["/explorer", "/explorer/assets/app.js"]) {
        const res = await fetch(`${bare.origin}${url}`, { headers: { accept: BROWSER_ACCEPT } });
        expect(res.status).toBe(503);
        expect(await res.text()).toMatch(/the explorer is not built: run npm run build/i);
      }
      const api = await fetch(`${bare.origin}/graphql`, { headers: { accept: "application/json" } });
      expect(await api.json()).toEqual({ handledBy: "graphql", method: "GET" });
    } finally {
      await stop(bare.server);
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe("the bundle works offline", () => {
  const assets = () => readdirSync(path.join(distDir, "assets"));
  const read = (name: string) => readFileSync(path.join(distDir, "assets", name), "utf8");
  const remote = /^\s*["']?\s*(?:https?:)?\/\//i;

  it("has no remote script, stylesheet, font or import in the page or the CSS", () => {
    const html = readFileSync(path.join(distDir, "index.html"), "utf8");
    expect(html).not.toMatch(/<(?:script|link|img|iframe)\b[^>]*\s(?:src|href)="(?:https?:)?\/\//i);
    for (const css of assets().filter((n) => n.endsWith(".css"))) {
      const text = read(css);
      expect(text).not.toMatch(/@import/);
      for (const [, target] of text.matchAll(/url\(([^)]*)\)/g)) expect(target).not.toMatch(remote);
    }
  });

  it("has no code that loads scripts, workers, styles or fonts from another host", () => {
    for (const js of assets().filter((n) => n.endsWith(".js"))) {
      const text = read(js);
      expect(text).not.toMatch(/importScripts\(\s*["'`]https?:/);
      expect(text).not.toMatch(/new\s+(?:Shared)?Worker\(\s*["'`]https?:/);
      expect(text).not.toMatch(/import\(\s*["'`]https?:/);
      expect(text).not.toMatch(/(?:src|href)\s*=\s*["'`]https?:\/\/(?!www\.w3\.org)/);
      expect(text).not.toMatch(/fonts\.(?:googleapis|gstatic)\.com|unpkg\.com|cdn\.jsdelivr\.net|cdnjs\.cloudflare\.com/);
    }
  });

  it("embeds every example operation as a tab", () => {
    const js = assets().filter((n) => n.endsWith(".js")).map(read).join("\n");
    const files = readdirSync(examplesDir).filter((f) => f.endsWith(".graphql"));
    expect(files.length).toBeGreaterThanOrEqual(4);
    for (const file of files) {
      const name = /\b(?:query|mutation)\s+(\w+)/.exec(readFileSync(path.join(examplesDir, file), "utf8"))?.[1];
      expect(name).toBeDefined();
      expect(js).toContain(`query ${name}`);
    }
  });
});

describe("example operations", () => {
  // The build checks this too; here a schema change shows up in the gateway's tests.
  it("are valid against schema/supergraph.graphql", () => {
    const schema = buildSchema(readFileSync(path.resolve(gatewayRoot, "..", "schema", "supergraph.graphql"), "utf8"));
    for (const file of readdirSync(examplesDir).filter((f) => f.endsWith(".graphql"))) {
      const errors = validate(schema, parse(readFileSync(path.join(examplesDir, file), "utf8")));
      expect({ file, errors: errors.map((e) => e.message) }).toEqual({ file, errors: [] });
      const variables = path.join(examplesDir, file.replace(/\.graphql$/, ".json"));
      if (existsSync(variables)) expect(() => JSON.parse(readFileSync(variables, "utf8"))).not.toThrow();
    }
  });
});
