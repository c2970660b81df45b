import { promises as fs } from "node:fs";
import path from "node:path";
import express, { type Response, type Router } from "express";

import { sendBuiltAsset } from "./built-assets";

/** Options of {@link dashboardRouter}. */
export interface DashboardOptions {
  /** Folder written by the dashboard's build (`npm run build`); default: <repository>/dashboard/dist. */
  distDir?: string;
}

/** The path the dashboard is built for (its Vite `base`) and served at. */
export const DASHBOARD_PATH = "/dashboard";

const NOT_BUILT = `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>TiepDan · Bảng điều khiển chưa được build</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#1e293b}code{background:#eef2f7;padding:0.1rem 0.3rem;border-radius:4px}</style></head>
<body><h1>Bảng điều khiển chưa được build</h1>
<p>The dashboard is not built. Run <code>npm run build</code> (or <code>npm run build -w dashboard</code>) and reload this page.</p>
<p>The GraphQL API is at <a href="/graphql">/graphql</a>, the explorer at <a href="/explorer">/explorer</a>.</p></body></html>
`;

// Like the explorer: the page talks only to its own origin, nothing can be loaded from elsewhere.
// Styles need 'unsafe-inline': React and ECharts set style attributes.
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join("; ");

/**
 * Serves the built dashboard at /dashboard: hashed assets cached for good, index.html (revalidated)
 * for every client route, and a clear 503 page while it is not built.
 */
export function dashboardRouter(options: DashboardOptions = {}): Router {
  const distDir = path.resolve(options.distDir ?? path.resolve(__dirname, "..", "..", "dashboard", "dist"));
  const indexFile = path.join(distDir, "index.html");
  const router = express.Router();

  // The app's URLs all live under /dashboard/: keep the query when adding the slash.
  router.get(DASHBOARD_PATH, (req, res, next) => {
    // Routing is not strict: "/dashboard/" matches here too, and is the page itself.
    if (req.originalUrl.split("?")[0]!.endsWith("/")) {
      next();
      return;
    }
    const query = req.originalUrl.slice(req.originalUrl.indexOf(DASHBOARD_PATH) + DASHBOARD_PATH.length);
    res.redirect(308, `${req.baseUrl}${DASHBOARD_PATH}/${query}`);
  });

  router.get(`${DASHBOARD_PATH}/assets/:file`, (req, res, next) => {
    sendBuiltAsset(distDir, indexFile, "The dashboard is not built: run npm run build\n", req, res).catch(next);
  });

  // Client routes (/dashboard/, /dashboard/cases, /dashboard/case/commune/<id>…) get the page;
  // a missing file with an extension is a 404, not the page.
  router.get(/^\/dashboard\/(.*)$/, (req, res, next) => {
    if (/\.[a-z0-9]+$/i.test(req.path) && !req.path.startsWith(`${DASHBOARD_PATH}/case/`)) {
      res.status(404).type("text/plain").send("Not found\n");
      return;
    }
    sendPage(indexFile, res).catch(next);
  });

  return router;
}

async function sendPage(indexFile: string, res: Response): Promise<void> {
  let html: string;
  try {
    // Read on each request (a small file): a rebuild while the gateway runs is picked up.
    html = await fs.readFile(indexFile, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") {
      throw error;
    }
    res.status(503).type("html").set({ "Cache-Control": "no-store", "Retry-After": "60" }).send(NOT_BUILT);
    return;
  }
  res
    .status(200)
    .type("html")
    .set({
      // The page names hashed assets: revalidate it, cache them forever.
      "Cache-Control": "no-cache",
      "Content-Security-Policy": CONTENT_SECURITY_POLICY,
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "no-referrer",
    })
    .send(html);
}


