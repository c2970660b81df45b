export * from "./config";
export * from "./server";
export * from "./supergraph";
export * from "./reports";
