/**
 * Response schemas for the Stack REST API (https://docs.stack-auth.com/docs/rest-api/overview),
 * named after the `@stackframe/stack-shared` schemas they mirror. Pure zod, no server imports.
 * Rules: objects are loose (newer servers add fields); fields marked [NEW] (newer than Stack 2.8)
 * are optional so that Feb-2025-era servers pass; ids are plain strings (project ids may be
 * `internal`, emulators may use other formats) and e-mails are not format-checked on the way in.
 */
export * from "./api-keys";
export * from "./common";
export * from "./emails-metrics";
export * from "./project";
export * from "./teams";
export * from "./users";
