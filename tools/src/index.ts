export * from "./composition";
export * from "./subgraphs";
export * from "./domain-docs";
