import "server-only";

import type { SearchHit, SearchResult } from "@/lib/schemas/search";
import type { StackClient } from "@/lib/stack/client";
import { isKnownError } from "@/lib/stack/errors";
import { getTeam } from "@/lib/stack/teams";
import type { StackTeam } from "@/lib/stack/schemas";
import { listTeamPage } from "@/lib/server/teams";
import { listUserPage } from "@/lib/server/users";
import { teamLabel, userLabel } from "@/lib/labels";
import { teamsUrl } from "@/lib/url-state/teams";
import { usersUrl } from "@/lib/url-state/users";

export const SEARCH_LIMIT = 10;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const teamHit = (t: StackTeam): SearchHit => ({ kind: "team", id: t.id, label: teamLabel(t), detail: null });

/**
 * Users (and teams, when asked) matching free text. Stack's `GET /users?query=` already matches an id
 * exactly, a display-name substring and a substring of any contact channel.
 */
export async function searchDirectory(client: StackClient, q: string, opts: { teams: boolean }): Promise<SearchResult> {
  const [users, teams] = await Promise.all([
    listUserPage(client, usersUrl.params({ q, pageSize: SEARCH_LIMIT })),
    opts.teams ? searchTeams(client, q) : Promise.resolve([]),
  ]);
  return {
    users: users.items.map((u) => ({
      kind: "user",
      id: u.id,
      label: userLabel(u),
      detail: u.displayName ? u.primaryEmail : null,
    })),
    teams,
  };
}

/** Teams whose display name contains `q` (`GET /teams?query=`); an id is read directly. */
async function searchTeams(client: StackClient, q: string): Promise<SearchHit[]> {
  if (UUID.test(q)) {
    try {
      return [teamHit(await getTeam(client, q))];
    } catch (err) {
      if (isKnownError(err, "TEAM_NOT_FOUND")) return [];
      throw err;
    }
  }
  // Servers without team search (2.8.86 and older) are searched in the console (listTeamPage).
  const page = await listTeamPage(client, teamsUrl.params({ q, pageSize: SEARCH_LIMIT }));
  return page.items.map((t) => ({ kind: "team", id: t.id, label: t.displayName, detail: null }));
}
