// "Direct" access for the gateway-overhead ratio: the requests the gateway itself sends to the
// subgraphs, replayed against the subgraphs with the query plan's structure (a Parallel node's
// fetches at once, a Sequence's one after the other). The requests are recorded by an HTTP proxy
// placed between the gateway and the subgraphs; the structure comes from the same query planner
// the gateway runs, over the same supergraph file.
import { readFileSync } from "node:fs";
import { type IncomingMessage, type Server, type ServerResponse, createServer, request } from "node:http";
import type { AddressInfo } from "node:net";

import { Supergraph, operationFromDocument } from "@apollo/federation-internals";
import { type PlanNode, QueryPlanner, prettyFormatQueryPlan } from "@apollo/query-planner";
import { parse } from "graphql";

/** One request the gateway sent to a subgraph, as it was sent. */
export interface RecordedFetch {
  service: string;
  /** The JSON body (query, variables with the representations, operationName). */
  body: string;
}

/**
 * An HTTP proxy for one subgraph that forwards every request and keeps the GraphQL bodies
 * (one proxy per subgraph, so the service is known from the port).
 */
export class RecordingProxy {
  private server: Server | undefined;
  recorded: RecordedFetch[] = [];

  constructor(
    readonly service: string,
    private readonly target: URL,
  ) {}

  /** Listens on `port` (0: any free one) and returns its /graphql URL, to give the gateway as the subgraph's URL. */
  async start(port = 0): Promise<string> {
    const server = createServer((req, res) => void this.forward(req, res));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", resolve);
    });
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async forward(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) {
      chunks.push(chunk as Buffer);
    }
    const body = Buffer.concat(chunks);
    if (req.method === "POST") {
      this.recorded.push({ service: this.service, body: body.toString("utf8") });
    }
    const headers = { ...req.headers, host: this.target.host };
    const upstream = request(this.target, { method: req.method, headers, path: req.url }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on("error", (error) => res.destroy(error));
    upstream.end(body);
  }
}

/** A query plan reduced to what a replay needs: fetches, in sequence or in parallel. */
export type ReplayNode = { kind: "fetch"; service: string; body: string } | { kind: "sequence" | "parallel"; nodes: ReplayNode[] };

/** The gateway's query plan for `query`, planned from the supergraph SDL file as the gateway does. */
export function queryPlan(supergraphPath: string, query: string): { plan: PlanNode; text: string } {
  const supergraph = Supergraph.build(readFileSync(supergraphPath, "utf8"));
  const planner = new QueryPlanner(supergraph);
  const operation = operationFromDocument(supergraph.schema, parse(query), { validate: true });
  const built = planner.buildQueryPlan(operation);
  if (!built.node || built.node.kind === "Subscription") {
    throw new Error("the query plan has no fetch, or is a subscription's");
  }
  return { plan: built.node, text: prettyFormatQueryPlan(built) };
}

/**
 * Puts the recorded bodies into the plan: each Fetch node takes the next recorded request with its
 * service and operation text (the gateway sends a fetch node's operation text as it is).
 */
export function bindRecording(plan: PlanNode, recorded: readonly RecordedFetch[]): ReplayNode {
  const left = recorded.map((r) => ({ ...r, query: (JSON.parse(r.body) as { query: string }).query }));
  const bind = (node: PlanNode): ReplayNode => {
    switch (node.kind) {
      case "Sequence":
      case "Parallel":
        return { kind: node.kind === "Sequence" ? "sequence" : "parallel", nodes: node.nodes.map(bind) };
      case "Flatten":
        return bind(node.node);
      case "Fetch": {
        const at = left.findIndex((r) => r.service === node.serviceName && r.query === node.operation);
        if (at < 0) {
          throw new Error(`no recorded request for the ${node.serviceName} fetch ${node.operation.slice(0, 120)}`);
        }
        const [found] = left.splice(at, 1);
        return { kind: "fetch", service: found!.service, body: found!.body };
      }
      default:
        // Dashboards use neither @defer nor @include/@skip conditions.
        throw new Error(`plan node ${node.kind} is not replayed`);
    }
  };
  const bound = bind(plan);
  if (left.length > 0) {
    throw new Error(`${left.length} recorded request(s) match no fetch of the plan (${left.map((r) => r.service).join(", ")})`);
  }
  return bound;
}

/** Counts the fetches of a replay plan. */
export function fetchCount(node: ReplayNode): number {
  return node.kind === "fetch" ? 1 : node.nodes.reduce((n, child) => n + fetchCount(child), 0);
}

/** Runs a replay plan with `send(service, body)`: parallel nodes at once, sequences in order. */
export async function replay(node: ReplayNode, send: (service: string, body: string) => Promise<void>): Promise<void> {
  if (node.kind === "fetch") {
    return send(node.service, node.body);
  }
  if (node.kind === "parallel") {
    await Promise.all(node.nodes.map((child) => replay(child, send)));
    return;
  }
  for (const child of node.nodes) {
    await replay(child, send);
  }
}
