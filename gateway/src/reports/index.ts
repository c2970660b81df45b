export * from "./csv";
export * from "./forms";
export * from "./http";
export * from "./input";
export * from "./query";
export * from "./table";
export * from "./xlsx";
