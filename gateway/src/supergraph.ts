import { type FSWatcher, watch } from "node:fs";
import { readFile } from "node:fs/promises";
import { basename, dirname } from "node:path";

import type { SupergraphSdlHook } from "@apollo/gateway";
import type { Logger } from "@tiepdan/kit";

/**
 * Serves the supergraph from a file composed offline (`npm run compose`): no introspection of the
 * subgraphs at run time. When the file changes the gateway switches to the new supergraph; a file
 * that does not load is logged and the running supergraph is kept.
 */
export function supergraphFromFile(path: string, log: Logger, debounceMs = 200): SupergraphSdlHook {
  return async ({ update }) => {
    const supergraphSdl = await readFile(path, "utf8");
    let current = supergraphSdl;
    let timer: NodeJS.Timeout | undefined;
    const reload = async (): Promise<void> => {
      try {
        const next = await readFile(path, "utf8");
        if (next === current || next.trim() === "") {
          return;
        }
        update(next);
        current = next;
        log.info({ path }, "supergraph reloaded");
      } catch (error) {
        log.error({ err: error, path }, "supergraph reload failed; keeping the previous one");
      }
    };
    // Watch the folder, not the file: editors and `npm run compose` replace files, which ends a file watch.
    const watcher: FSWatcher = watch(dirname(path), (_event, name) => {
      if (name === basename(path)) {
        clearTimeout(timer);
        timer = setTimeout(() => void reload(), debounceMs);
      }
    });
    watcher.unref();
    return {
      supergraphSdl,
      cleanup: async () => {
        clearTimeout(timer);
        watcher.close();
      },
    };
  };
}
