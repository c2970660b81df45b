import "reflect-metadata";

import { runSubgraphMain } from "@tiepdan/kit";

import { districtSubgraph } from "./schema";

runSubgraphMain(districtSubgraph);
