import "reflect-metadata";

import { runSubgraphMain } from "@tiepdan/kit";

import { provinceSubgraph } from "./schema";

runSubgraphMain(provinceSubgraph);
