export * from "./composition";
export * from "./subgraphs";
export * from "./domain-docs";
export * from "./subgraph-process";
export { ROOT } from "./start";
