import "server-only";

/** Public API of the Stack layer. Server-only; `@/lib/stack/schemas` may also be imported directly anywhere. */

export * from "@/lib/stack/client";
export * from "@/lib/stack/errors";
export * from "@/lib/stack/schemas";
export * from "@/lib/stack/util";
export * from "@/lib/stack/get-client";
export * from "@/lib/stack/capabilities";
export * from "@/lib/stack/users";
export * from "@/lib/stack/sessions";
export * from "@/lib/stack/contact-channels";
export * from "@/lib/stack/oauth-providers";
export * from "@/lib/stack/teams";
export * from "@/lib/stack/team-invitations";
export * from "@/lib/stack/permissions";
export * from "@/lib/stack/api-keys";
export * from "@/lib/stack/user-api-keys";
export * from "@/lib/stack/team-api-keys";
export * from "@/lib/stack/project";
export * from "@/lib/stack/emails";
export * from "@/lib/stack/metrics";
