import { promises as fs } from "node:fs";
import path from "node:path";
import express, { type Request, type Response, type Router } from "express";

import { sendBuiltAsset } from "./built-assets";

/** Options of {@link explorerRouter}. */
export interface ExplorerOptions {
  /** Path of the GraphQL endpoint, relative to where the router is mounted (e.g. "/graphql"). */
  endpoint: string;
  /** Folder written by scripts/build-explorer.mjs; default: <gateway package>/dist/explorer. */
  assetsDir?: string;
}

const NOT_BUILT = "The explorer is not built: run npm run build (or node gateway/scripts/build-explorer.mjs).\n";

// The page only ever talks to its own origin: a browser enforcing this cannot be made to load
// anything from outside (offline networks), nor send queries elsewhere. Styles need
// 'unsafe-inline' because GraphiQL and CodeMirror set style attributes.
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join("; ");

// What a GraphQL client may ask for; a browser navigating to the endpoint prefers text/html.
const GRAPHQL_MEDIA_TYPES = ["application/json", "application/graphql-response+json", "multipart/mixed"];

/** Precompressed variants written by the build, best first. */
/** Serves the offline GraphiQL explorer: GET /explorer (and GET <endpoint> for browsers asking for HTML). */
export function explorerRouter(options: ExplorerOptions): Router {
  const endpoint = normalisePath(options.endpoint);
  if (!endpoint.startsWith("/")) throw new Error(`explorerRouter: endpoint must be a path such as "/graphql", got "${options.endpoint}"`);
  const assetsDir = path.resolve(options.assetsDir ?? defaultAssetsDir());
  const indexFile = path.join(assetsDir, "index.html");
  const router = express.Router();

  const sendPage = async (req: Request, res: Response): Promise<void> => {
    let html: string;
    try {
      // Read on each request (a small file): a rebuild while the gateway runs is picked up.
      html = await fs.readFile(indexFile, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      res.status(503).type("text/plain").set("Cache-Control", "no-store").send(NOT_BUILT);
      return;
    }
    // req.baseUrl is where the router is mounted, so the page works under a path prefix too.
    const page = html
      .replace(/<base href="[^"]*"/, `<base href="${escapeAttribute(`${req.baseUrl}/explorer/`)}"`)
      .replace(/data-endpoint="[^"]*"/, `data-endpoint="${escapeAttribute(req.baseUrl + endpoint)}"`);
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
      .send(page);
  };

  router.get(["/explorer", "/explorer/"], (req, res, next) => {
    sendPage(req, res).catch(next);
  });

  router.get("/explorer/assets/:file", (req, res, next) => {
    sendBuiltAsset(assetsDir, indexFile, NOT_BUILT, req, res).catch(next);
  });

  // Matched by hand rather than with a route pattern: an endpoint is a literal path, and
  // Express 5 patterns give meaning to characters such as ":" and "*".
  router.use((req, res, next) => {
    if ((req.method !== "GET" && req.method !== "HEAD") || normalisePath(req.path) !== endpoint) return next();
    // The same URL answers JSON or HTML depending on Accept: shared caches must keep both.
    res.vary("Accept");
    if (!prefersHtml(req)) return next();
    sendPage(req, res).catch(next);
  });

  return router;
}

/** <gateway package>/dist/explorer, whether this file runs from dist/ (compiled) or src/ (jest). */
function defaultAssetsDir(): string {
  return path.resolve(__dirname, "..", "dist", "explorer");
}


function prefersHtml(req: Request): boolean {
  return !!req.headers.accept && req.accepts([...GRAPHQL_MEDIA_TYPES, "text/html"]) === "text/html";
}


function normalisePath(p: string): string {
  return p.length > 1 && p.endsWith("/") ? p.slice(0, -1) : p;
}

function escapeAttribute(value: string): string {
  return value.replace(/[&"<>']/g, (c) => `&#${c.charCodeAt(0)};`);
}
