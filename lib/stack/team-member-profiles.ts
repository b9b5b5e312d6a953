import "server-only";

import { stackPath, type StackClient } from "@/lib/stack/client";
import { teamMemberProfileSchema, type StackTeamMemberProfile } from "@/lib/stack/schemas";
import { compact } from "@/lib/stack/util";

/** `GET /team-member-profiles/{team_id}/{user_id}`: one member's team profile (with the user). */
export async function getTeamMemberProfile(client: StackClient, teamId: string, userId: string): Promise<StackTeamMemberProfile> {
  return client.request({
    path: stackPath`/team-member-profiles/${teamId}/${userId}`,
    endpoint: "GET /team-member-profiles/{team_id}/{user_id}",
    schema: teamMemberProfileSchema,
  });
}

export interface UpdateTeamMemberProfileBody {
  display_name?: string | null;
  profile_image_url?: string | null;
}

/** `PATCH /team-member-profiles/{team_id}/{user_id}` (`teamMemberProfilesCrudServerUpdateSchema`). */
export async function updateTeamMemberProfile(client: StackClient, teamId: string, userId: string, body: UpdateTeamMemberProfileBody): Promise<StackTeamMemberProfile> {
  return client.request({
    method: "PATCH",
    path: stackPath`/team-member-profiles/${teamId}/${userId}`,
    endpoint: "PATCH /team-member-profiles/{team_id}/{user_id}",
    body: compact(body),
    schema: teamMemberProfileSchema,
  });
}
