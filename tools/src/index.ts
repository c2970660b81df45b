export * from "./composition";
export * from "./subgraphs";
export * from "./domain-docs";
export * from "./subgraph-process";
export { ROOT } from "./start";
export * from "./generate/args";
export * from "./generate/plan";
export * from "./generate/random";
export * from "./generate/run";
