import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

import { ApolloGateway, type GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from "@apollo/gateway";
import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { expressMiddleware } from "@as-integrations/express5";
import { HEADER, type Level, type Logger, createLogger, formatClientError, jsonErrorHandler, requestIdFromHeaders } from "@tiepdan/kit";
import express from "express";
import { GraphQLError } from "graphql";

import type { GatewayConfig } from "./config";
import { dashboardRouter } from "./dashboard";
import { explorerRouter } from "./explorer";
import { reportsRouter } from "./reports";
import { subgraphFetcher } from "./subgraph-fetcher";
import { supergraphFromFile } from "./supergraph";

/** What the gateway keeps per request and forwards to the subgraphs. */
export interface GatewayContext {
  requestId: string;
  /** Caller headers as received (authentication happens in front of the gateway). */
  callerHeaders: Record<string, string>;
  log: Logger;
}

/** A running gateway. */
export interface RunningGateway {
  url: string;
  port: number;
  gateway: ApolloGateway;
  stop(): Promise<void>;
}

const CALLER_HEADERS = [HEADER.userId, HEADER.userUnit, HEADER.userRoles];

/** Sends operations to one subgraph, forwarding the request id and the caller. */
class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    private readonly subgraph: string,
    url: string,
  ) {
    // node:http with keep-alive instead of the default make-fetch-happen: less work per subgraph call.
    super({ url, fetcher: subgraphFetcher });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const headers = request.http?.headers;
    // Gateway-internal requests (health checks) carry no request context.
    const { requestId, callerHeaders } = context as Partial<GatewayContext>;
    if (!headers || !requestId) {
      return;
    }
    headers.set(HEADER.requestId, requestId);
    for (const [name, value] of Object.entries(callerHeaders ?? {})) {
      headers.set(name, value);
    }
  }

  /**
   * A subgraph answers HTTP 400 when a variable fails its own coercion: pass its first GraphQL
   * error on (code and message) instead of a bare "400: Bad Request".
   */
  override async errorFromResponse(response: Parameters<RemoteGraphQLDataSource["errorFromResponse"]>[0]): Promise<GraphQLError> {
    const fallback = await super.errorFromResponse(response);
    const body = (fallback.extensions.response as { body?: unknown } | undefined)?.body;
    const first = (body as { errors?: { message?: string; extensions?: Record<string, unknown> }[] } | undefined)?.errors?.[0];
    if (response.status === 400 && first?.message) {
      return new GraphQLError(first.message, { extensions: { code: first.extensions?.code ?? "BAD_USER_INPUT", serviceName: this.subgraph } });
    }
    return fallback;
  }

  override didEncounterError(error: Error): void {
    if (error instanceof GraphQLError) {
      throw error;
    }
    // The subgraph could not be reached or answered garbage: say which one, without internals.
    throw new GraphQLError(`The ${this.subgraph} subgraph is unavailable`, {
      extensions: { code: "SUBGRAPH_UNAVAILABLE", serviceName: this.subgraph },
    });
  }
}

/** Logs each operation with its request id, duration and error codes. */
function requestLogPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ contextValue }) {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ request, errors }) {
          const ms = Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10;
          const codes = (errors ?? []).map((e) => String(e.extensions?.code ?? "INTERNAL_SERVER_ERROR"));
          contextValue.log.info({ operation: request.operationName, ms, errors: codes.length ? codes : undefined }, "operation");
        },
      };
    },
  };
}

/** Error codes the gateway passes to clients besides the subgraphs' own client errors. */
const GATEWAY_CODES = new Set(["SUBGRAPH_UNAVAILABLE", "DOWNSTREAM_SERVICE_ERROR"]);

/**
 * Starts the gateway: the supergraph from a file (reloaded on change), `/graphql`, the offline
 * explorer at `/explorer`, the dashboard at `/dashboard`, the report exports at `/reports`, and
 * `/health` / `/ready`.
 */
export async function startGateway(config: GatewayConfig, log: Logger = createLogger("tiepdan-gateway")): Promise<RunningGateway> {
  // @apollo/gateway reports usage to Apollo unless this is set in the process: never from here.
  process.env.APOLLO_TELEMETRY_DISABLED = "1";
  const gateway = new ApolloGateway({
    supergraphSdl: supergraphFromFile(config.supergraphPath, log),
    buildService: ({ name, url }) => {
      const override = config.subgraphUrls[name as Level];
      return new SubgraphDataSource(name, override ?? url ?? "");
    },
    logger: log,
  });
  const app = express();
  // Express hashes every answer for an ETag; GraphQL POST answers are never revalidated by one.
  app.set("etag", false);
  const httpServer = createServer(app);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    includeStacktraceInErrorResponses: false,
    // The offline explorer needs it; explicit so that NODE_ENV=production does not turn it off.
    introspection: true,
    formatError: (formatted) => {
      const code = String(formatted.extensions?.code ?? "");
      if (GATEWAY_CODES.has(code)) {
        return { message: formatted.message, path: formatted.path, extensions: { code, serviceName: formatted.extensions?.serviceName } };
      }
      return formatClientError(formatted);
    },
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // Apollo's landing page loads from a CDN: the offline explorer replaces it.
      ApolloServerPluginLandingPageDisabled(),
      // No cache hints are used: computing a response's cache policy is work for nothing.
      ApolloServerPluginCacheControlDisabled(),
      requestLogPlugin(),
    ],
  });
  await apollo.start();

  app.disable("x-powered-by");
  app.get("/health", (_req, res) => {
    res.json({ status: "ok", service: "gateway" });
  });
  app.get("/ready", async (_req, res) => {
    const subgraphs = await subgraphReadiness(config);
    const ready = Object.values(subgraphs).every((s) => s === "ready");
    res.status(ready ? 200 : 503).json({ status: ready ? "ready" : "degraded", subgraphs });
  });
  app.use(explorerRouter({ endpoint: "/graphql" }));
  app.use(dashboardRouter());
  const withRequestId: express.RequestHandler = (req, res, next) => {
    res.setHeader(HEADER.requestId, requestIdFromHeaders(req.headers));
    next();
  };
  const contextOf = (req: express.Request, res: express.Response): GatewayContext => {
    const requestId = String(res.getHeader(HEADER.requestId) ?? randomUUID());
    const callerHeaders: Record<string, string> = {};
    for (const name of CALLER_HEADERS) {
      const value = req.headers[name];
      if (typeof value === "string") {
        callerHeaders[name] = value;
      }
    }
    return { requestId, callerHeaders, log: log.child({ requestId }) };
  };
  app.use(
    "/graphql",
    withRequestId,
    express.json({ limit: "2mb" }),
    expressMiddleware(apollo, { context: async ({ req, res }) => contextOf(req, res) }),
  );
  // The report exports run their operations through this same server, as their caller.
  app.use(
    "/reports",
    withRequestId,
    reportsRouter({
      log,
      executorFor: (req, res) => async (operation) => {
        const { body } = await apollo.executeOperation(operation, { contextValue: contextOf(req, res) });
        if (body.kind !== "single") {
          throw new Error("report operations never defer: an incremental response is unexpected");
        }
        return body.singleResult;
      },
    }),
  );

  app.use(jsonErrorHandler);

  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(config.port, () => resolve());
  });
  const port = (httpServer.address() as AddressInfo).port;
  log.info({ port, supergraph: config.supergraphPath }, "gateway ready");
  return {
    url: `http://localhost:${port}/graphql`,
    port,
    gateway,
    stop: () => apollo.stop(),
  };
}

/** Asks each subgraph of the served supergraph whether it is ready. */
async function subgraphReadiness(config: GatewayConfig): Promise<Record<string, string>> {
  const entries = await Promise.all(
    Object.entries(config.subgraphUrls).map(async ([level, url]) => {
      const readyUrl = (url ?? "").replace(/\/graphql\/?$/, "/ready");
      try {
        const res = await fetch(readyUrl, { signal: AbortSignal.timeout(1000) });
        return [level, res.ok ? "ready" : `not ready (${res.status})`] as const;
      } catch {
        return [level, "unreachable"] as const;
      }
    }),
  );
  return Object.fromEntries(entries);
}
