import { mkdir, writeFile } from "node:fs/promises";
import { relative } from "node:path";

import { SCHEMA_DIR, schemaFiles } from "./composition";

/** `npm run compose`: writes each subgraph's SDL and the composed supergraphs into `schema/`. */
async function main(): Promise<void> {
  await mkdir(SCHEMA_DIR, { recursive: true });
  for (const [file, content] of await schemaFiles()) {
    await writeFile(file, content);
    console.log(`wrote ${relative(process.cwd(), file)} (${content.length} bytes)`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
