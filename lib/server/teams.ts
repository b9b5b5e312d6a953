import "server-only";

import type { z } from "zod";
import { teamLabel } from "@/lib/labels";
import type * as schemas from "@/lib/schemas/teams";
import type { ChangeRecorder } from "@/lib/server/action";
import type { TeamDetail, TeamMemberPage, TeamPage, TeamRow } from "@/lib/teams-dto";
import type { TeamListParams } from "@/lib/url-state/teams";
import type { TeamMemberListParams } from "@/lib/url-state/teams-members";
import { forgetCapabilities, getCapabilities, refusedQueryParams } from "@/lib/stack/capabilities";
import type { StackClient } from "@/lib/stack/client";
import { isKnownError } from "@/lib/stack/errors";
import type { StackTeam } from "@/lib/stack/schemas";
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

/** The team page's team with its member count; null when Stack has no such team. */
export async function getTeamDetail(client: StackClient, teamId: string): Promise<TeamDetail | null> {
  try {
    // Profiles are the one unpaged membership read: one request for the count.
    const [team, profiles] = await Promise.all([stackTeams.getTeam(client, teamId), stackTeams.listTeamMemberProfiles(client, { teamId })]);
    return {
      ...toTeamRow(team),
      clientMetadata: pretty(team.client_metadata),
      clientReadOnlyMetadata: pretty(team.client_read_only_metadata),
      serverMetadata: pretty(team.server_metadata),
      memberCount: profiles.length,
    };
  } catch (err) {
    if (isKnownError(err, "TEAM_NOT_FOUND")) return null;
    throw err;
  }
}

/** One page of a team's members: members are users, listed with `GET /users?team_id=…`. */
export async function listTeamMemberPage(client: StackClient, teamId: string, params: TeamMemberListParams): Promise<TeamMemberPage> {
  const caps = await getCapabilities(client, client.projectSlug);
  const page = await stackUsers.listUsers(client, { teamId, limit: params.pageSize, cursor: params.cursor, includeRestricted: caps.adminRestriction || undefined });
  return {
    items: page.items.map((u) => ({ id: u.id, displayName: u.display_name, primaryEmail: u.primary_email, profileImageUrl: u.profile_image_url ?? null, isAnonymous: u.is_anonymous ?? false })),
    nextCursor: page.nextCursor,
  };
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
