// The schema object drizzle needs for relational queries; not a barrel for app code.
export * from "./agent";
export * from "./audit";
export * from "./config";
export * from "./extensions";
export * from "./inbound";
export * from "./ivr";
export * from "./live";
export * from "./panel";
export * from "./queues";
export * from "./recordings";
export * from "./settings";
export * from "./trunks";
export * from "./users";
