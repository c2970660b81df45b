import "reflect-metadata";

import { runSubgraphMain } from "@tiepdan/kit";

import { communeSubgraph } from "./schema";

runSubgraphMain(communeSubgraph);
