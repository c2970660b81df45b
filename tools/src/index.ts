export * from "./composition";
export * from "./subgraphs";
