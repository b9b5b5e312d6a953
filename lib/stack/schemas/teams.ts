// Teams, memberships, member profiles, invitations and permissions.
import { z } from "zod";
import { jsonValueSchema, millis } from "./common";

// ── Team (`teamsCrudServerReadSchema`) ───────────────────────────────────────────────────────

export const teamSchema = z.looseObject({
  id: z.string(),
  display_name: z.string(),
  profile_image_url: z.string().nullable().optional(),
  created_at_millis: millis,
  client_metadata: jsonValueSchema.optional(),
  client_read_only_metadata: jsonValueSchema.optional(),
  server_metadata: jsonValueSchema.optional(),
});
export type StackTeam = z.infer<typeof teamSchema>;

// ── Team invitations (`teamInvitationDetailsClientReadSchema`) ───────────────────────────────

export const teamInvitationSchema = z.looseObject({
  id: z.string(),
  team_id: z.string(),
  team_display_name: z.string().optional(), // [NEW]
  expires_at_millis: millis,
  recipient_email: z.string(),
});
export type StackTeamInvitation = z.infer<typeof teamInvitationSchema>;

export const sendTeamInvitationResultSchema = z.looseObject({
  success: z.literal(true),
  id: z.string().optional(),
});

// ── Permissions (`teamPermissionDefinitionsCrudAdminReadSchema`, `teamPermissionsCrudClientReadSchema`, `projectPermissionsCrudClientReadSchema`) ───

export const permissionDefinitionSchema = z.looseObject({
  id: z.string(),
  description: z.string().nullable().optional(),
  contained_permission_ids: z.array(z.string()),
});
export type StackPermissionDefinition = z.infer<typeof permissionDefinitionSchema>;

export const teamPermissionGrantSchema = z.looseObject({
  id: z.string(),
  user_id: z.string(),
  team_id: z.string(),
});
export type StackTeamPermissionGrant = z.infer<typeof teamPermissionGrantSchema>;

export const projectPermissionGrantSchema = z.looseObject({
  id: z.string(),
  user_id: z.string(),
});
export type StackProjectPermissionGrant = z.infer<typeof projectPermissionGrantSchema>;
