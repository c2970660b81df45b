export { provinceLevel, provinceSubgraph } from "./schema";
