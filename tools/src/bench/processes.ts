import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";

import type { Level } from "@tiepdan/kit";

type Env = Record<string, string | undefined>;

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolvePort(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** A level's subgraph as its own process (`node services/<level>/dist/main.js`), as `npm start` runs it. */
export class ServiceProcess {
  private child: ChildProcess | undefined;
  readonly lines: string[] = [];

  constructor(
    readonly root: string,
    readonly level: Level,
    readonly port: number,
    private readonly env: Env,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}/graphql`;
  }

  async start(timeoutMs = 120_000): Promise<void> {
    const child = spawn(process.execPath, [join(this.root, "services", this.level, "dist", "main.js")], {
      cwd: this.root,
      env: this.env,
      // IPC: the subgraph stops itself if this process dies.
      stdio: ["ignore", "pipe", "pipe", "ipc"],
    });
    this.child = child;
    const keep = (chunk: Buffer): void => {
      this.lines.push(...chunk.toString().split("\n").filter(Boolean));
      this.lines.splice(0, Math.max(0, this.lines.length - 50));
    };
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) {
        throw new Error(`${this.level} exited with ${child.exitCode}:\n${this.lines.slice(-10).join("\n")}`);
      }
      try {
        if ((await fetch(`http://127.0.0.1:${this.port}/ready`, { signal: AbortSignal.timeout(1000) })).ok) {
          return;
        }
      } catch {
        // not yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`${this.level} not ready after ${timeoutMs / 1000} s`);
  }

  /** SIGTERM (a clean stop), SIGKILL after 5 s. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) {
      return;
    }
    await new Promise<void>((resolveStop) => {
      const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
      child.once("exit", () => {
        clearTimeout(timer);
        resolveStop();
      });
      child.kill("SIGTERM");
    });
  }
}
