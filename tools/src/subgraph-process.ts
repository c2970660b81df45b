import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";

import type { Level } from "@tiepdan/kit";

import { ROOT } from "./start";

type Env = Record<string, string | undefined>;

/**
 * A level's subgraph as a real child process (`node services/<level>/dist/main.js`, as `npm start`
 * runs it), on a fixed port so that it can be killed and started again where its peers expect it.
 */
export class SubgraphProcess {
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  /** The last lines it printed (warnings and errors at LOG_LEVEL=warn), for a failure report. */
  readonly lines: string[] = [];
  starts = 0;
  kills = 0;

  constructor(
    readonly level: Level,
    readonly port: number,
    private readonly env: Env,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}/graphql`;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Starts the process and waits until its `/ready` answers (database migrated, server listening). */
  async start(timeoutMs = 90_000): Promise<number> {
    if (this.running) {
      throw new Error(`${this.level} is already running`);
    }
    const started = Date.now();
    // The IPC channel makes an orphaned subgraph stop itself if the test process dies.
    const child = spawn(process.execPath, [join(ROOT, "services", this.level, "dist", "main.js")], {
      cwd: ROOT,
      env: this.env,
      stdio: ["ignore", "pipe", "pipe", "ipc"],
    });
    this.child = child;
    this.starts += 1;
    this.exited = new Promise((r) => child.once("exit", () => r()));
    const keep = (chunk: Buffer): void => {
      for (const line of chunk.toString().split("\n")) {
        if (line.trim()) {
          this.lines.push(line.length > 600 ? `${line.slice(0, 600)}…` : line);
        }
      }
      this.lines.splice(0, Math.max(0, this.lines.length - 200));
    };
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    const ready = `http://127.0.0.1:${this.port}/ready`;
    while (Date.now() - started < timeoutMs) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`${this.level} exited (${child.signalCode ?? child.exitCode}) while starting:\n${this.lines.slice(-20).join("\n")}`);
      }
      try {
        const res = await fetch(ready, { signal: AbortSignal.timeout(1000) });
        // Only this level's answer counts: another process on the port must not pass for it (the
        // child then exits with EADDRINUSE, reported above).
        if (res.ok && ((await res.json()) as { service?: string }).service === this.level) {
          return Date.now() - started;
        }
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`${this.level} not ready after ${timeoutMs} ms:\n${this.lines.slice(-20).join("\n")}`);
  }

  /** SIGTERM (a clean stop), SIGKILL after 5 s. Resolves once the process is gone. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || !this.running) {
      return;
    }
    const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
    child.kill("SIGTERM");
    await this.exited;
    clearTimeout(timer);
  }

  /** SIGKILL: no graceful stop, whatever it was doing is cut off. Resolves once the process is gone. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || !this.running) {
      return;
    }
    this.kills += 1;
    child.kill("SIGKILL");
    await this.exited;
  }
}
