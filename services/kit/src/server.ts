import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { expressMiddleware } from "@as-integrations/express5";
import express from "express";
import type { GraphQLSchema } from "graphql";
import type { DataSource } from "typeorm";

import type { Level } from "./config";
import { type RequestContext, createRequestContext } from "./context";
import { formatClientError } from "./errors";
import type { TransferSettings } from "./cases/service";
import { RejectedMessage, receiveMessage } from "./transfers/receiver";
import { peerToken } from "./transfers/sealed";
import type { Logger } from "./logger";

/** A running subgraph HTTP server. */
export interface RunningServer {
  url: string;
  port: number;
  /** Stops accepting requests and waits for the ones in flight. */
  close(): Promise<void>;
}

/**
 * Express's own error page (HTML, with a stack trace outside production) never reaches a client:
 * a body that is not JSON, or too large, gets a GraphQL-shaped error with a stable code.
 */
export function jsonErrorHandler(error: unknown, _req: express.Request, res: express.Response, next: express.NextFunction): void {
  if (res.headersSent) {
    next(error);
    return;
  }
  const status = (error as { status?: number }).status ?? 500;
  const code = status === 413 ? "PAYLOAD_TOO_LARGE" : status < 500 ? "BAD_REQUEST" : "INTERNAL_SERVER_ERROR";
  const message = status === 413 ? "Request body too large" : status < 500 ? "Malformed request body: expected JSON" : "Internal server error";
  res.status(status).json({ errors: [{ message, extensions: { code } }] });
}

/** Logs every operation with its request id and duration, and every error with its code. */
function requestLogPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart({ contextValue }) {
      const started = process.hrtime.bigint();
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            const code = String(error.extensions?.code ?? "INTERNAL_SERVER_ERROR");
            if (code === "INTERNAL_SERVER_ERROR") {
              contextValue.log.error({ err: error.originalError ?? error, path: error.path }, "resolver failed");
            } else {
              contextValue.log.info({ code, path: error.path, message: error.message }, "client error");
            }
          }
        },
        async willSendResponse({ request }) {
          const ms = Number(process.hrtime.bigint() - started) / 1e6;
          contextValue.log.debug({ operation: request.operationName, ms: Math.round(ms * 10) / 10 }, "operation");
        },
      };
    },
  };
}

/**
 * Serves a subgraph over HTTP: `POST /graphql`, `GET /health` (the process is up) and `GET /ready`
 * (its database answers: the gateway and orchestrators route traffic only then).
 */
export async function startSubgraphServer(options: {
  level: Level;
  schema: GraphQLSchema;
  dataSource: DataSource;
  log: Logger;
  transfers: TransferSettings;
  port: number;
  host?: string;
}): Promise<RunningServer> {
  const { level, schema, dataSource, log, transfers } = options;
  const app = express();
  // Express hashes every answer for an ETag; GraphQL POST answers are never revalidated by one.
  app.set("etag", false);
  const httpServer: Server = createServer(app);
  // Idle keep-alive connections are closed by the gateway's client first (after 30 s, see the
  // gateway's subgraph-fetcher). Were the server to close them first (Node's default: 5 s), a
  // request sent on a connection at the moment it closes would fail as "subgraph unavailable".
  httpServer.keepAliveTimeout = 65_000;
  httpServer.headersTimeout = 66_000;
  const apollo = new ApolloServer<RequestContext>({
    schema,
    includeStacktraceInErrorResponses: false,
    // Explicit, so that NODE_ENV=production does not change what the graph answers.
    introspection: true,
    formatError: (formatted) => formatClientError(formatted),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // No Apollo Studio here: federated tracing would only cost time on every request.
      ApolloServerPluginInlineTraceDisabled(),
      // No cache hints are used; the default plugin would wrap every field resolver of the schema.
      ApolloServerPluginCacheControlDisabled(),
      // Apollo's landing page loads from a CDN; subgraphs are explored through the gateway.
      ApolloServerPluginLandingPageDisabled(),
      requestLogPlugin(),
    ],
  });
  await apollo.start();

  app.disable("x-powered-by");
  app.get("/health", (_req, res) => {
    res.json({ status: "ok", service: level });
  });
  app.get("/ready", async (_req, res) => {
    try {
      await dataSource.query("SELECT 1");
      res.json({ status: "ready", service: level });
    } catch (error) {
      log.warn({ err: error }, "database not reachable");
      res.status(503).json({ status: "unavailable", service: level, reason: "database not reachable" });
    }
  });
  // Messages from the other subgraphs (transfers and their reports): not part of the public graph.
  const token = peerToken(transfers.secret);
  app.post("/internal/messages", express.json({ limit: "10mb" }), async (req, res) => {
    if (req.headers["x-tiepdan-peer"] !== token) {
      res.status(401).json({ error: "not a TiepDan subgraph" });
      return;
    }
    try {
      res.json(await receiveMessage(dataSource, level, req.body, transfers.secret));
    } catch (error) {
      if (error instanceof RejectedMessage) {
        res.status(422).json({ error: error.message });
        return;
      }
      log.error({ err: error, message: (req.body as { id?: string })?.id }, "message not processed");
      res.status(500).json({ error: "not processed; retry" });
    }
  });
  app.use(
    "/graphql",
    express.json({ limit: "2mb" }),
    expressMiddleware(apollo, {
      context: async ({ req }) => createRequestContext({ headers: req.headers, level, dataSource, log, transfers }),
    }),
  );

  app.use(jsonErrorHandler);

  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(options.port, options.host ?? "0.0.0.0", () => resolve());
  });
  const port = (httpServer.address() as AddressInfo).port;
  return {
    url: `http://localhost:${port}/graphql`,
    port,
    close: async () => {
      await apollo.stop();
    },
  };
}
