import "server-only";

import { stackPath, type StackClient } from "@/lib/stack/client";
import {
  listEnvelopeSchema,
  successSchema,
  teamMemberProfileSchema,
  teamMembershipSchema,
  teamSchema,
  type StackTeam,
  type StackTeamMemberProfile,
} from "@/lib/stack/schemas";
import { compact, toPage, type StackPage } from "@/lib/stack/util";

const teamListSchema = listEnvelopeSchema(teamSchema);
const profileListSchema = listEnvelopeSchema(teamMemberProfileSchema);

/**
 * `GET /teams`. Paging/search params are [NEW]: old servers reject them (SCHEMA_ERROR) and return the
 * full list, so they are only sent when given.
 */
export interface ListTeamsOptions {
  userId?: string;
  limit?: number;
  cursor?: string;
  orderBy?: "created_at";
  desc?: boolean;
  query?: string;
}

export async function listTeams(client: StackClient, opts: ListTeamsOptions = {}): Promise<StackPage<StackTeam>> {
  const env = await client.request({
    path: "/teams",
    query: {
      user_id: opts.userId,
      limit: opts.limit,
      cursor: opts.cursor || undefined,
      order_by: opts.orderBy,
      desc: opts.desc ? true : undefined,
      query: opts.query?.trim() || undefined,
    },
    schema: teamListSchema,
  });
  return toPage(env);
}

export async function getTeam(client: StackClient, teamId: string): Promise<StackTeam> {
  return client.request({ path: stackPath`/teams/${teamId}`, endpoint: "GET /teams/{team_id}", schema: teamSchema });
}

export interface CreateTeamBody {
  display_name: string;
  profile_image_url?: string | null;
  client_metadata?: unknown;
  client_read_only_metadata?: unknown;
  server_metadata?: unknown;
  /** Without it the team has no members. */
  creator_user_id?: string;
}

export async function createTeam(client: StackClient, body: CreateTeamBody): Promise<StackTeam> {
  return client.request({ method: "POST", path: "/teams", body: compact(body), schema: teamSchema });
}

export interface UpdateTeamBody {
  display_name?: string;
  profile_image_url?: string | null;
  client_metadata?: unknown;
  client_read_only_metadata?: unknown;
  server_metadata?: unknown;
}

export async function updateTeam(client: StackClient, teamId: string, body: UpdateTeamBody): Promise<StackTeam> {
  return client.request({
    method: "PATCH",
    path: stackPath`/teams/${teamId}`,
    endpoint: "PATCH /teams/{team_id}",
    body: compact(body),
    schema: teamSchema,
  });
}

export async function deleteTeam(client: StackClient, teamId: string): Promise<void> {
  await client.request({
    method: "DELETE",
    path: stackPath`/teams/${teamId}`,
    endpoint: "DELETE /teams/{team_id}",
    schema: successSchema,
  });
}

/** `GET /team-member-profiles` — profile plus full user, not paginated. */
export async function listTeamMemberProfiles(
  client: StackClient,
  opts: { teamId?: string; userId?: string },
): Promise<StackTeamMemberProfile[]> {
  const env = await client.request({
    path: "/team-member-profiles",
    query: { team_id: opts.teamId, user_id: opts.userId },
    schema: profileListSchema,
  });
  return env.items;
}

/** Adds a member with the project's "team member" default permissions. 409 TEAM_MEMBERSHIP_ALREADY_EXISTS. */
export async function addTeamMember(client: StackClient, teamId: string, userId: string): Promise<void> {
  await client.request({
    method: "POST",
    path: stackPath`/team-memberships/${teamId}/${userId}`,
    endpoint: "POST /team-memberships/{team_id}/{user_id}",
    body: {},
    schema: teamMembershipSchema,
  });
}

/** Also removes the member's team permissions. 404 TEAM_MEMBERSHIP_NOT_FOUND. */
export async function removeTeamMember(client: StackClient, teamId: string, userId: string): Promise<void> {
  await client.request({
    method: "DELETE",
    path: stackPath`/team-memberships/${teamId}/${userId}`,
    endpoint: "DELETE /team-memberships/{team_id}/{user_id}",
    body: {},
    schema: successSchema,
  });
}
