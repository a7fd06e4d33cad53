export * from "./users";
export * from "./catalog";
export * from "./credentials";
export * from "./machines";
export * from "./agent";
export * from "./spending";
export * from "./live-prices";
export * from "./hibernations";
