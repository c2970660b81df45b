export * from "./holidays";
export * from "./local-date";
export * from "./lunar";
export * from "./working-days";
