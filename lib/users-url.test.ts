import { describe, expect, it } from "vitest";
import { DEFAULT_PAGE_SIZE as SERVER_DEFAULT_PAGE_SIZE } from "@/lib/server/users";
import { USER_PAGE_SIZES, USER_SORTS, userListParamsSchema } from "@/lib/schemas/users";
import { DEFAULT_PAGE_SIZE, PAGE_SIZES, SORT_FIELDS, normalizeParams, pageNumber, parseUsersUrl, usersUrlSearch } from "./users-url";

const cases: Record<string, string>[] = [
  {},
  { q: " ada ", pageSize: "50", sort: "last_active_at", asc: "1", filter: "anonymous", cursor: "c3" },
  { pageSize: "7", sort: "email", asc: "true", filter: "bogus" },
  { pageSize: "abc", q: "   " },
  { q: "x".repeat(201), cursor: "y".repeat(201) },
];

describe("users URL state", () => {
  it("uses the server schema's constants", () => {
    expect(PAGE_SIZES).toEqual(USER_PAGE_SIZES);
    expect(SORT_FIELDS).toEqual(USER_SORTS);
    expect(DEFAULT_PAGE_SIZE).toBe(SERVER_DEFAULT_PAGE_SIZE);
  });

  it.each(cases)("parses like userListParamsSchema: %o", (raw) => {
    const server = userListParamsSchema.parse(raw);
    const strip = (o: object) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== ""));
    expect(strip(parseUsersUrl(raw).params)).toEqual(strip(server));
  });

  it("keeps defaults out of the URL and round-trips the trail", () => {
    expect(usersUrlSearch({ params: { pageSize: 25, sort: "signed_up_at", filter: "all" }, trail: [] })).toBe("");
    const s = usersUrlSearch({ params: { q: "ada", cursor: "c3", pageSize: 50 }, trail: ["c1", "c2"] });
    const back = parseUsersUrl(new URLSearchParams(s));
    expect(back).toEqual({ params: { q: "ada", cursor: "c3", pageSize: 50 }, trail: ["c1", "c2"] });
    expect(pageNumber(back)).toBe(4);
    expect(pageNumber(parseUsersUrl({ trail: "c1" }))).toBe(1);
    expect(normalizeParams({ pageSize: 25, filter: "all", sort: "signed_up_at" })).toEqual({});
  });
});
