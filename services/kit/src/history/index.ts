export * from "./import";
export * from "./replay";
export * from "./reset";
export * from "./rows";
export * from "./types";
