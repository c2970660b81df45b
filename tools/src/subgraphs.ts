import "reflect-metadata";

import { communeSubgraph } from "@tiepdan/commune";
import { districtSubgraph } from "@tiepdan/district";
import type { Level, SubgraphDefinition } from "@tiepdan/kit";
import { provinceSubgraph } from "@tiepdan/province";

/** Every level's subgraph definition, by level. */
export const SUBGRAPHS: Readonly<Record<Level, SubgraphDefinition>> = {
  province: provinceSubgraph,
  district: districtSubgraph,
  commune: communeSubgraph,
};
