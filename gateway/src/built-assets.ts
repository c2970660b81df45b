import { promises as fs } from "node:fs";
import path from "node:path";

import type { Request, Response } from "express";

const ENCODINGS = [
  { name: "br", suffix: ".br" },
  { name: "gzip", suffix: ".gz" },
] as const;

/**
 * Sends one asset of a front-end build (`<dir>/assets/<name>`, the explorer's or the dashboard's),
 * precompressed when the browser accepts it and cached for good (names carry a content hash); 404
 * for anything else, 503 with `notBuilt` while the build's `indexFile` is missing.
 */
export async function sendBuiltAsset(dir: string, indexFile: string, notBuilt: string, req: Request, res: Response): Promise<void> {
  const name = String(req.params.file);
  // Only plain file names written by the build: no dot files, no path tricks, no .gz/.br directly.
  if (!/^[\w.-]+$/.test(name) || name.startsWith(".") || /\.(gz|br)$/.test(name)) {
    res.status(404).type("text/plain").send("Not found\n");
    return;
  }
  const file = path.join(dir, "assets", name);
  if (!(await isFile(file))) {
    const built = await isFile(indexFile);
    res
      .status(built ? 404 : 503)
      .type("text/plain")
      .set("Cache-Control", "no-store")
      .send(built ? "Not found\n" : notBuilt);
    return;
  }
  let sent = file;
  if (/\.(js|css)$/.test(name)) {
    res.vary("Accept-Encoding");
    for (const encoding of ENCODINGS) {
      if (req.acceptsEncodings(encoding.name) === encoding.name && (await isFile(file + encoding.suffix))) {
        sent = file + encoding.suffix;
        res.set("Content-Encoding", encoding.name);
        break;
      }
    }
  }
  // Set before sendFile, which only guesses a type when none is set (it would say .br/.gz).
  res.type(path.extname(name));
  res.set("X-Content-Type-Options", "nosniff");
  await new Promise<void>((resolve, reject) => {
    // Names carry a content hash, so a cached copy can never be stale.
    res.sendFile(sent, { maxAge: "365d", immutable: true, dotfiles: "deny" }, (error) =>
      // Once the headers are out (e.g. the browser went away mid-file) there is nothing left to report.
      error && !res.headersSent ? reject(error) : resolve(),
    );
  });
}

/** True when the path is a readable regular file. */
export async function isFile(file: string): Promise<boolean> {
  try {
    return (await fs.stat(file)).isFile();
  } catch {
    return false;
  }
}
