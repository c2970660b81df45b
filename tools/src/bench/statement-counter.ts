// A TCP proxy in front of PostgreSQL that counts the statements each database receives. The
// subgraphs count their own statements (the kit's QueryCounter) but expose the count to nobody
// outside their process, and the machine's server does not preload pg_stat_statements; counting
// on the wire needs neither, and sees exactly what the server is asked to run.
import { type AddressInfo, type Server, type Socket, connect, createServer } from "node:net";

// Startup-phase request codes (PostgreSQL protocol, "Message Formats").
const PROTOCOL_3 = 196608;
const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;

/**
 * Counts, per database, the statements clients send through it: one per simple-protocol `Query`
 * ('Q') and one per extended-protocol `Execute` ('E'), which is what node-postgres sends for a
 * statement without and with parameters. Only the client → server direction is parsed; replies are
 * piped through untouched.
 */
export class StatementCounter {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private readonly counts = new Map<string, number>();

  constructor(
    private readonly upstreamHost: string,
    private readonly upstreamPort: number,
  ) {}

  /** Listens on `port` of 127.0.0.1 (0: any free one) and returns it. */
  async start(port = 0): Promise<number> {
    const server = createServer((client) => this.accept(client));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", resolve);
    });
    return (server.address() as AddressInfo).port;
  }

  /** Statements per database since the last reset. */
  snapshot(): Map<string, number> {
    return new Map(this.counts);
  }

  reset(): void {
    this.counts.clear();
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) {
      socket.destroy();
    }
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private accept(client: Socket): void {
    const upstream = connect(this.upstreamPort, this.upstreamHost);
    for (const socket of [client, upstream]) {
      // Without it Nagle's algorithm would delay small protocol messages by up to 40 ms.
      socket.setNoDelay(true);
      this.sockets.add(socket);
      socket.once("close", () => this.sockets.delete(socket));
    }
    client.once("close", () => upstream.destroy());
    upstream.once("close", () => client.destroy());
    client.on("error", () => upstream.destroy());
    upstream.on("error", () => client.destroy());
    upstream.pipe(client);

    let pending: Buffer = Buffer.alloc(0);
    let startup = true;
    let database = "?";
    client.on("data", (chunk: Buffer) => {
      upstream.write(chunk);
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      for (;;) {
        if (startup) {
          // Startup messages have no type byte: length, code, then (for 3.0) name/value pairs.
          if (pending.length < 8 || pending.length < pending.readInt32BE(0)) {
            return;
          }
          const length = pending.readInt32BE(0);
          const code = pending.readInt32BE(4);
          if (code === PROTOCOL_3) {
            const pairs = pending.subarray(8, length - 1).toString("utf8").split("\0");
            const at = pairs.indexOf("database");
            database = at >= 0 ? pairs[at + 1]! : (pairs[pairs.indexOf("user") + 1] ?? "?");
            startup = false;
          } else if (code !== SSL_REQUEST && code !== GSSENC_REQUEST) {
            // A cancel request: the connection carries nothing else.
            startup = false;
          }
          pending = pending.subarray(length);
          continue;
        }
        if (pending.length < 5 || pending.length < 1 + pending.readInt32BE(1)) {
          return;
        }
        const type = pending[0];
        if (type === 0x51 /* Q */ || type === 0x45 /* E */) {
          this.counts.set(database, (this.counts.get(database) ?? 0) + 1);
        }
        pending = pending.subarray(1 + pending.readInt32BE(1));
      }
    });
  }
}
