import { defineTableUrl, field, type TableParams, type TableUrlState } from "./define";

export const TEAM_PAGE_SIZES = [10, 25, 50, 100] as const;

const fields = {
  q: field.text(200),
  pageSize: field.numberOf(TEAM_PAGE_SIZES, 25),
};

/**
 * URL state of the teams table. The cursor is Stack's on servers that page teams, else the id of
 * the last team of the previous page (the console pages the full list): the same URL either way.
 */
export const teamsUrl = defineTableUrl(fields);
export type TeamListParams = TableParams<typeof fields>;
export type TeamsUrlState = TableUrlState<typeof fields>;
