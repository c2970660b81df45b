#!/usr/bin/env node
// Writes .gz and .br next to each script and stylesheet of dist/assets: the gateway sends them as
// they are to browsers that accept them (no compression work per request).
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const assets = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "dist", "assets");
let count = 0;
for (const name of readdirSync(assets).filter((n) => /\.(js|css)$/.test(n))) {
  const file = path.join(assets, name);
  const data = readFileSync(file);
  writeFileSync(`${file}.gz`, gzipSync(data, { level: 9 }));
  writeFileSync(`${file}.br`, brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length } }));
  count += 1;
}
console.log(`precompress: ${count} assets (.gz, .br)`);
