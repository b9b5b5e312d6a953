import { describe, expect, it } from "vitest";
import { auditFilterOf, auditUrl } from "./audit";
import { usersUrl, type UsersUrlState } from "./users";

const DEFAULTS = { q: undefined, filter: "all", restricted: "include", verified: "any", domain: [], xdomain: [], team: undefined, sort: "signed_up_at", asc: false, pageSize: 25, view: undefined, cursor: undefined };

describe("users URL state", () => {
  it("round-trips every non-default value, trail included", () => {
    const state: UsersUrlState = {
      params: { ...usersUrl.defaults, q: "ada lovelace", filter: "anonymous", sort: "last_active_at", asc: true, pageSize: 50, cursor: "c3" },
      trail: ["c1", "c2"],
    };
    const s = usersUrl.search(state);
    expect(s).toBe("?q=ada+lovelace&filter=anonymous&sort=last_active_at&asc=1&pageSize=50&cursor=c3&trail=c1%2Cc2");
    expect(usersUrl.parse(new URLSearchParams(s))).toEqual(state);
    expect(usersUrl.pageNumber(state)).toBe(4);
  });

  it("keeps defaults out of the URL", () => {
    expect(usersUrl.search({ params: { ...usersUrl.defaults, cursor: undefined }, trail: [] })).toBe("");
    expect(usersUrl.parse({})).toEqual({ params: DEFAULTS, trail: [] });
    expect(usersUrl.changed({ ...usersUrl.defaults, cursor: undefined })).toEqual({});
  });

  it.each([
    ["unknown values", { pageSize: "7", sort: "email", asc: "true", filter: "bogus" }],
    ["non-numbers and blank text", { pageSize: "abc", q: "   " }],
    ["over-long text and cursor", { q: "x".repeat(201), cursor: "y".repeat(201) }],
    ["an empty page size", { pageSize: "" }],
    ["a trail without a cursor", { trail: "c1,c2" }],
  ])("bad values fall back to the defaults: %s", (_, raw) => {
    expect(usersUrl.parse(raw)).toEqual({ params: DEFAULTS, trail: [] });
  });

  it("reads the first of repeated parameters, as a page's searchParams gives them", () => {
    expect(usersUrl.parse({ q: [" ada ", "bob"], pageSize: ["100", "10"] }).params).toMatchObject({ q: "ada", pageSize: 100 });
  });

  it("drops bad trail entries and starts again at page 1 on a change", () => {
    const state = usersUrl.parse(new URLSearchParams(`cursor=c3&trail=c1,,${"z".repeat(201)},c2&pageSize=10`));
    expect(state.trail).toEqual(["c1", "c2"]);
    const reset = usersUrl.reset(state, { q: "ada" });
    expect(reset).toEqual({ params: { ...DEFAULTS, pageSize: 10, q: "ada" }, trail: [] });
    expect(usersUrl.pageNumber(reset)).toBe(1);
  });

  it("next pushes the current cursor on the trail; previous pops it", () => {
    const p1 = usersUrl.parse({});
    const p2 = usersUrl.next(p1, "a");
    const p3 = usersUrl.next(p2, "b");
    expect(p3).toMatchObject({ params: { cursor: "b" }, trail: ["a"] });
    expect(usersUrl.pageNumber(p3)).toBe(3);
    expect(usersUrl.previous(p3)).toEqual(p2);
    expect(usersUrl.previous(p2)).toEqual(p1);
  });
});

describe("audit URL state", () => {
  it("accepts only entry ids as cursors and its own page sizes", () => {
    const none = { actor: undefined, action: undefined, target: undefined, result: "all", from: undefined, to: undefined };
    expect(auditUrl.parse({ cursor: "120", trail: "400,abc,300", pageSize: "100" })).toEqual({ params: { ...none, pageSize: 100, cursor: "120" }, trail: ["400", "300"] });
    expect(auditUrl.parse({ cursor: "-1", pageSize: "10" })).toEqual({ params: { ...none, pageSize: 50, cursor: undefined }, trail: [] });
    expect(auditUrl.parse({ cursor: "0" }).params.cursor).toBeUndefined();
    expect(auditUrl.search(auditUrl.parse({ cursor: "120", pageSize: "50" }))).toBe("?cursor=120");
  });

  it("keeps valid filters and drops days that do not exist and unknown results", () => {
    const { params } = auditUrl.parse({ result: "refused", from: "2026-11-01", to: "2026-02-30", actor: "a@example.com", action: "deleteUser" });
    expect(params).toMatchObject({ result: "refused", from: "2026-11-01", to: undefined, actor: "a@example.com", action: "deleteUser" });
    expect(auditUrl.parse({ result: "maybe" }).params.result).toBe("all");
    const filter = auditFilterOf(params);
    expect(filter).toMatchObject({ status: "refused", actorEmail: "a@example.com", fromMillis: Date.UTC(2026, 10, 1) });
    // `to` is inclusive: the whole day.
    expect(auditFilterOf({ ...params, to: "2026-11-02" }).toMillis).toBe(Date.UTC(2026, 10, 3));
  });
});
