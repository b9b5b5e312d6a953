import "server-only";

import type { z } from "zod";
import { teamLabel, userLabel } from "@/lib/labels";
import type * as schemas from "@/lib/schemas/teams";
import type { ChangeRecorder } from "@/lib/server/action";
import type { TeamDetail, TeamMemberPage, TeamPage, TeamRow } from "@/lib/teams-dto";
import type { TeamListParams } from "@/lib/url-state/teams";
import type { TeamMemberListParams } from "@/lib/url-state/teams-members";
import { forgetCapabilities, getCapabilities, refusedQueryParams } from "@/lib/stack/capabilities";
import type { StackClient } from "@/lib/stack/client";
import { isKnownError } from "@/lib/stack/errors";
import type { StackTeam } from "@/lib/stack/schemas";
import * as stackPermissions from "@/lib/stack/permissions";
import * as stackTeamProfiles from "@/lib/stack/team-member-profiles";
import * as stackTeams from "@/lib/stack/teams";
import * as stackUsers from "@/lib/stack/users";

type In<S extends z.ZodType> = z.output<S>;

/** How many teams the console pages and searches itself when the server lists them all at once. */
export const CONSOLE_TEAMS_BOUND = 10_000;

const pretty = (v: unknown) => (v === null || v === undefined ? "" : JSON.stringify(v, null, 2));

export function toTeamRow(t: StackTeam): TeamRow {
  return { id: t.id, displayName: t.display_name, profileImageUrl: t.profile_image_url ?? null, createdAt: t.created_at_millis };
}

/**
 * One page of teams, newest first. Servers with team paging (`teamsPaginated`) page and search;
 * older ones (2.8.86 and before answer `is_paginated: false` and refuse limit/cursor/query) send
 * every team, which the console pages and searches over (`pageTeamsInConsole`).
 */
export async function listTeamPage(client: StackClient, params: TeamListParams): Promise<TeamPage> {
  const slug = client.projectSlug;
  if ((await getCapabilities(client, slug)).teamsPaginated) {
    try {
      const page = await stackTeams.listTeams(client, { limit: params.pageSize, cursor: params.cursor, query: params.q, orderBy: "created_at", desc: true });
      return { items: page.items.map(toTeamRow), nextCursor: page.nextCursor, consolePaged: null };
    } catch (err) {
      // The cached capabilities were wrong (a downgraded server): learn again, page in the console.
      if (refusedQueryParams(err).size === 0) throw err;
      forgetCapabilities(client, slug);
    }
  }
  const all = await stackTeams.listTeams(client);
  return pageTeamsInConsole(all.items, params);
}

/**
 * Console paging over the full list: newest first, the first CONSOLE_TEAMS_BOUND teams, searched by
 * display name (case-insensitive substring) or exact id. The cursor is the id of the previous page's
 * last team; one that is gone (deleted meanwhile) starts again from the top.
 */
export function pageTeamsInConsole(teams: readonly StackTeam[], params: TeamListParams): TeamPage {
  const sorted = [...teams].sort((a, b) => b.created_at_millis - a.created_at_millis || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  const bounded = sorted.slice(0, CONSOLE_TEAMS_BOUND);
  const q = params.q?.toLowerCase();
  const matches = q ? bounded.filter((t) => t.display_name.toLowerCase().includes(q) || t.id === params.q) : bounded;
  const at = params.cursor ? matches.findIndex((t) => t.id === params.cursor) : -1;
  const start = at + 1;
  const items = matches.slice(start, start + params.pageSize);
  const hasMore = start + params.pageSize < matches.length;
  return {
    items: items.map(toTeamRow),
    nextCursor: hasMore && items.length > 0 ? items.at(-1)!.id : null,
    consolePaged: { bound: CONSOLE_TEAMS_BOUND, truncated: sorted.length > CONSOLE_TEAMS_BOUND },
  };
}

/** The team page's team; null when Stack has no such team. */
export async function getTeamDetail(client: StackClient, teamId: string): Promise<TeamDetail | null> {
  try {
    return toTeamDetail(await stackTeams.getTeam(client, teamId));
  } catch (err) {
    if (isKnownError(err, "TEAM_NOT_FOUND")) return null;
    throw err;
  }
}

function toTeamDetail(team: StackTeam): TeamDetail {
  return {
    ...toTeamRow(team),
    clientMetadata: pretty(team.client_metadata),
    clientReadOnlyMetadata: pretty(team.client_read_only_metadata),
    serverMetadata: pretty(team.server_metadata),
  };
}

/** Stack's largest page of users (`limit` is capped at 1000). */
const COUNT_PAGE = 1000;

/**
 * How many members the team has (everyone who loses access when it is deleted). Stack has no
 * count. Members are users (`GET /users?team_id=…`, the same list as the members table), paged
 * by 1000 and read as ids only: the member profiles, the other membership read, are unpaged and
 * carry every member's whole user (5 MB for 5,000 members). An unsearched first page the caller
 * already holds that has no next page is the whole team: no request at all.
 */
export async function countTeamMembers(client: StackClient, teamId: string, firstPage?: { rows: number; nextCursor: string | null }): Promise<number> {
  if (firstPage && firstPage.nextCursor === null) return firstPage.rows;
  const includeRestricted = (await getCapabilities(client, client.projectSlug)).adminRestriction || undefined;
  let count = 0;
  for (let cursor: string | undefined; ; ) {
    const page = await stackUsers.listUserIds(client, { teamId, limit: COUNT_PAGE, cursor, includeRestricted });
    count += page.items.length;
    if (!page.nextCursor) return count;
    cursor = page.nextCursor;
  }
}

/**
 * One page of a team's members: members are users, listed (and searched) with
 * `GET /users?team_id=…&query=…`; then, for this page's members only, their team profile and the
 * team permissions they hold directly (one read each, in parallel: never the whole team at once).
 */
export async function listTeamMemberPage(client: StackClient, teamId: string, params: TeamMemberListParams): Promise<TeamMemberPage> {
  const caps = await getCapabilities(client, client.projectSlug);
  const page = await stackUsers.listUsers(client, {
    teamId,
    limit: params.pageSize,
    cursor: params.cursor,
    query: params.q,
    includeRestricted: caps.adminRestriction || undefined,
  });
  const extras = await Promise.all(
    page.items.map((u) =>
      Promise.allSettled([
        stackTeamProfiles.getTeamMemberProfile(client, teamId, u.id),
        stackPermissions.listTeamPermissions(client, { teamId, userId: u.id }),
      ]),
    ),
  );
  return {
    items: page.items.map((u, i) => {
      const [profile, grants] = extras[i]!;
      return {
        id: u.id,
        displayName: u.display_name,
        primaryEmail: u.primary_email,
        profileImageUrl: u.profile_image_url ?? null,
        isAnonymous: u.is_anonymous ?? false,
        profile: profile.status === "fulfilled" ? { displayName: profile.value.display_name, profileImageUrl: profile.value.profile_image_url } : null,
        permissionIds: grants.status === "fulfilled" ? [...new Set(grants.value.map((g) => g.id))].sort() : null,
      };
    }),
    nextCursor: page.nextCursor,
  };
}

/** The teams a user is a member of (`GET /teams?user_id=…`, which every release takes). */
export async function listUserTeams(client: StackClient, userId: string): Promise<TeamRow[]> {
  const page = await stackTeams.listTeams(client, { userId });
  return page.items.map(toTeamRow).sort((a, b) => a.displayName.localeCompare(b.displayName));
}

/** Creates a team; the optional creator becomes its first member (with the team-creator defaults). */
export async function createTeam(client: StackClient, input: In<typeof schemas.createTeamSchema>, rec: ChangeRecorder): Promise<{ id: string }> {
  const team = await stackTeams.createTeam(client, {
    display_name: input.displayName,
    profile_image_url: input.profileImageUrl ?? undefined,
    creator_user_id: input.creatorUserId ?? undefined,
    client_metadata: input.clientMetadata ?? undefined,
    client_read_only_metadata: input.clientReadOnlyMetadata ?? undefined,
    server_metadata: input.serverMetadata ?? undefined,
  });
  rec.audit(
    { type: "team", id: team.id, label: teamLabel(team) },
    { after: { display_name: team.display_name, profile_image_url: team.profile_image_url ?? null, creator_user_id: input.creatorUserId } },
  );
  return { id: team.id };
}

/** Replaces one of the team's three metadata fields with validated JSON (null clears it). */
export async function updateTeamMetadata(client: StackClient, input: In<typeof schemas.updateTeamMetadataSchema>, rec: ChangeRecorder): Promise<{ field: string }> {
  const before = await stackTeams.getTeam(client, input.teamId);
  const after = await stackTeams.updateTeam(client, before.id, { [input.field]: input.json });
  rec.audit({ type: "team", id: after.id, label: teamLabel(after) }, { [input.field]: { before: before[input.field] ?? null, after: after[input.field] ?? null } });
  return { field: input.field };
}

/** Adds an existing user to a team (the member defaults apply); `TEAM_MEMBERSHIP_ALREADY_EXISTS` when already in it. */
export async function addTeamMember(client: StackClient, input: In<typeof schemas.teamMembershipSchema>, rec: ChangeRecorder): Promise<{ teamId: string; userId: string }> {
  const [team, user] = await Promise.all([stackTeams.getTeam(client, input.teamId), stackUsers.getUser(client, input.userId)]);
  rec.audit({ type: "team", id: team.id, label: teamLabel(team) }, { member: { added: { id: user.id, label: userLabel(user) } } });
  await stackTeams.addTeamMember(client, team.id, user.id);
  return { teamId: team.id, userId: user.id };
}

/** Removes a member (with their team permissions); `TEAM_MEMBERSHIP_NOT_FOUND` when not in the team. */
export async function removeTeamMember(client: StackClient, input: In<typeof schemas.teamMembershipSchema>, rec: ChangeRecorder): Promise<{ teamId: string; userId: string }> {
  const [team, user] = await Promise.all([stackTeams.getTeam(client, input.teamId), stackUsers.getUser(client, input.userId)]);
  rec.audit({ type: "team", id: team.id, label: teamLabel(team) }, { member: { removed: { id: user.id, label: userLabel(user) } } });
  await stackTeams.removeTeamMember(client, team.id, user.id);
  return { teamId: team.id, userId: user.id };
}

/** Sets a member's team profile (display name, image); only changed fields are sent. */
export async function updateTeamMemberProfile(client: StackClient, input: In<typeof schemas.updateTeamMemberProfileSchema>, rec: ChangeRecorder): Promise<{ changed: boolean }> {
  const before = await stackTeamProfiles.getTeamMemberProfile(client, input.teamId, input.userId);
  const body: stackTeamProfiles.UpdateTeamMemberProfileBody = {};
  if (input.displayName !== before.display_name) body.display_name = input.displayName;
  if (input.profileImageUrl !== before.profile_image_url) body.profile_image_url = input.profileImageUrl;
  if (Object.keys(body).length === 0) return { changed: false };
  const after = await stackTeamProfiles.updateTeamMemberProfile(client, input.teamId, input.userId, body);
  rec.audit(
    { type: "user", id: after.user_id, label: userLabel(after.user) },
    Object.fromEntries(Object.keys(body).map((k) => [`team_profile.${k}`, { before: before[k as keyof typeof body] ?? null, after: after[k as keyof typeof body] ?? null }])),
  );
  return { changed: true };
}

/** Renames a team and sets its profile image; only changed fields are sent and audited. */
export async function updateTeamProfile(client: StackClient, input: In<typeof schemas.updateTeamProfileSchema>, rec: ChangeRecorder): Promise<{ changed: boolean }> {
  const before = await stackTeams.getTeam(client, input.teamId);
  const body: stackTeams.UpdateTeamBody = {};
  if (input.displayName !== before.display_name) body.display_name = input.displayName;
  if (input.profileImageUrl !== (before.profile_image_url ?? null)) body.profile_image_url = input.profileImageUrl;
  if (Object.keys(body).length === 0) return { changed: false };
  const after = await stackTeams.updateTeam(client, before.id, body);
  rec.audit(
    { type: "team", id: after.id, label: teamLabel(after) },
    Object.fromEntries(Object.keys(body).map((k) => [k, { before: before[k as keyof StackTeam] ?? null, after: after[k as keyof StackTeam] ?? null }])),
  );
  return { changed: true };
}

/** Deletes a team (dangerous): the typed name is checked against the team as Stack has it now. */
export async function deleteTeam(client: StackClient, input: In<typeof schemas.teamConfirmationSchema>, rec: ChangeRecorder): Promise<{ deleted: string }> {
  const team = await stackTeams.getTeam(client, input.teamId);
  rec.audit({ type: "team", id: team.id, label: teamLabel(team) }, { before: { display_name: team.display_name } });
  rec.confirm(team.display_name);
  await stackTeams.deleteTeam(client, team.id);
  return { deleted: team.id };
}
