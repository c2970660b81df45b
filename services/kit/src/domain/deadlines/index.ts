export * from "./due";
export * from "./rules";
