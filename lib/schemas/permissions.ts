import { z } from "zod";

// Isomorphic: the same schemas drive the permission forms (zodResolver) and the server actions.

/** `teamSystemPermissions` of @stackframe/stack-shared: listed with the team definitions, never editable. */
export const TEAM_SYSTEM_PERMISSIONS = ["$update_team", "$delete_team", "$read_members", "$remove_members", "$invite_members", "$manage_api_keys"] as const;
export const isSystemPermission = (id: string) => (TEAM_SYSTEM_PERMISSIONS as readonly string[]).includes(id);

// Stack sets no length limit; the console does, so an id stays readable in paths, tables and audits.
const MAX_ID = 200;
// Valid by Stack's pattern, but they name JavaScript object internals: Stack keeps definitions as
// keys of its config object (`rbac.permissions.<id>`), so the console never creates or sends them.
const RESERVED = new Set(["__proto__", "constructor", "prototype"]);
const notReserved = (v: string) => !RESERVED.has(v);

/** `customPermissionDefinitionIdSchema` of @stackframe/stack-shared: what a new or renamed definition may be called. */
export const customPermissionIdSchema = z
  .string()
  .trim()
  .min(1, "Enter an id.")
  .max(MAX_ID, `At most ${MAX_ID} characters.`)
  .regex(/^[a-z0-9_:]+$/, 'Only lowercase letters, numbers, ":" and "_" are allowed.')
  .refine(notReserved, "This name is reserved.");

/** `permissionDefinitionIdSchema`: a custom id, or one of the team system permissions (`$…`). */
export const permissionIdSchema = z
  .string()
  .max(MAX_ID, `At most ${MAX_ID} characters.`)
  .regex(/^\$?[a-z0-9_:]+$/, 'Only lowercase letters, numbers, ":", "_" and an optional "$" at the beginning are allowed.')
  .refine((v) => !v.startsWith("$") || isSystemPermission(v), "Invalid system permission.")
  .refine(notReserved, "This name is reserved.");

export const permissionScopeSchema = z.enum(["team", "project"]);

const containedIds = z
  .array(permissionIdSchema)
  .max(MAX_ID, `At most ${MAX_ID} contained permissions.`)
  .transform((ids) => [...new Set(ids)]);
const description = z.string().trim().max(1000, "At most 1,000 characters.");
// Ids in Stack paths: Stack's routes take user and team ids as UUIDs (`userIdOrMeSchema`, `teamIdSchema`).
const userId = z.uuid("Not a valid user id.");
const teamId = z.uuid("Not a valid team id.");

export const createPermissionDefinitionSchema = z.object({
  scope: permissionScopeSchema,
  id: customPermissionIdSchema,
  description,
  containedPermissionIds: containedIds,
});
export type CreatePermissionDefinitionInput = z.input<typeof createPermissionDefinitionSchema>;

/** The full definition again (Stack replaces what is omitted), under its current id. */
export const updatePermissionDefinitionSchema = createPermissionDefinitionSchema.extend({
  /** The definition as it is called now (`id` is its new id, the same to keep it); system permissions are refused by the server function. */
  permissionId: customPermissionIdSchema,
});
export type UpdatePermissionDefinitionInput = z.input<typeof updatePermissionDefinitionSchema>;

export const deletePermissionDefinitionSchema = z.object({
  scope: permissionScopeSchema,
  permissionId: customPermissionIdSchema,
  confirmation: z.string().max(512),
});
export type DeletePermissionDefinitionInput = z.input<typeof deletePermissionDefinitionSchema>;

export const teamPermissionGrantSchema = z.object({ teamId, userId, permissionId: permissionIdSchema });
export type TeamPermissionGrantInput = z.input<typeof teamPermissionGrantSchema>;

export const projectPermissionGrantSchema = z.object({ userId, permissionId: customPermissionIdSchema });
export type ProjectPermissionGrantInput = z.input<typeof projectPermissionGrantSchema>;
