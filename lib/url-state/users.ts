import { defineTableUrl, field, type TableParams, type TableUrlState } from "./define";

export const USER_PAGE_SIZES = [10, 25, 50, 100] as const;
/** Stack's `order_by` values for GET /users (the columns that may sort map onto these). */
export const USER_SORTS = ["signed_up_at", "last_active_at"] as const;
export type UserSort = (typeof USER_SORTS)[number];

const fields = {
  q: field.text(200),
  filter: field.oneOf(["all", "anonymous"], "all"),
  sort: field.oneOf(USER_SORTS, "signed_up_at"),
  asc: field.flag(),
  pageSize: field.numberOf(USER_PAGE_SIZES, 25),
};

/** URL state of the users table: read by the page, GET /api/users and the client table alike. */
export const usersUrl = defineTableUrl(fields);
export type UserListParams = TableParams<typeof fields>;
export type UsersUrlState = TableUrlState<typeof fields>;
