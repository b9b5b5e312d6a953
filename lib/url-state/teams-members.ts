import { defineTableUrl, field, type TableParams } from "./define";

export const TEAM_MEMBER_PAGE_SIZES = [10, 25, 50, 100] as const;

const fields = { q: field.text(200), pageSize: field.numberOf(TEAM_MEMBER_PAGE_SIZES, 25) };

/** URL state of a team page's members table (GET /users?team_id=…&query=…, Stack's cursor). */
export const teamMembersUrl = defineTableUrl(fields);
export type TeamMemberListParams = TableParams<typeof fields>;
