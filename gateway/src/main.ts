import { createLogger } from "@tiepdan/kit";

import { gatewayConfig } from "./config";
import { startGateway } from "./server";

process.env.APOLLO_TELEMETRY_DISABLED ??= "1";

const log = createLogger("tiepdan-gateway");

startGateway(gatewayConfig(), log)
  .then((running) => {
    let stopping = false;
    const stop = (signal: string): void => {
      if (stopping) {
        return;
      }
      stopping = true;
      log.info({ signal }, "stopping");
      running.stop().then(
        () => process.exit(0),
        (error: unknown) => {
          log.error({ err: error }, "stop failed");
          process.exit(1);
        },
      );
    };
    process.once("SIGINT", () => stop("SIGINT"));
    process.once("SIGTERM", () => stop("SIGTERM"));
  })
  .catch((error: unknown) => {
    log.fatal({ err: error }, "gateway failed to start");
    process.exit(1);
  });
