export { districtLevel, districtSubgraph } from "./schema";
