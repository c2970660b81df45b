export { communeLevel, communeSubgraph } from "./schema";
