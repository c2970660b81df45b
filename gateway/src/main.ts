import { createLogger, runUntilStopped } from "@tiepdan/kit";

import { gatewayConfig } from "./config";
import { startGateway } from "./server";

process.env.APOLLO_TELEMETRY_DISABLED ??= "1";

const log = createLogger("tiepdan-gateway");

startGateway(gatewayConfig(), log)
  .then((running) => runUntilStopped(log, () => running.stop()))
  .catch((error: unknown) => {
    log.fatal({ err: error }, "gateway failed to start");
    process.exit(1);
  });
