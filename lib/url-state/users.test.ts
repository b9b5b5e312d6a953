import { describe, expect, it } from "vitest";
import { filterSearch, matchesConsoleFilter, parseDomains, planUserFilter, usersUrl, type UserListSupport } from "./users";

const NEWEST: UserListSupport = { anonymousFilter: true, restrictedFilter: true, excludedDomains: true };
const R2886: UserListSupport = { anonymousFilter: true, restrictedFilter: true, excludedDomains: false };
const FEB_2025: UserListSupport = { anonymousFilter: false, restrictedFilter: false, excludedDomains: false };
const TEAM = "3c2b1a09-8f7e-4d6c-9b5a-4f3e2d1c0b9a";

const row = (over: Partial<Parameters<typeof matchesConsoleFilter>[0]> = {}) => ({ primaryEmail: "ada@acme.io", primaryEmailVerified: true, isAnonymous: false, isRestricted: false, ...over });

describe("users filter URL state", () => {
  it("round-trips every filter, and the view marker", () => {
    const params = usersUrl.params({ q: "ada", filter: "everyone", restricted: "only", verified: "no", domain: ["acme.io", "b.org"], xdomain: ["spam.test"], team: TEAM, view: TEAM });
    const s = usersUrl.search({ params, trail: [] });
    expect(s).toBe(`?q=ada&filter=everyone&restricted=only&verified=no&domain=acme.io%2Cb.org&xdomain=spam.test&team=${TEAM}&view=${TEAM}`);
    expect(usersUrl.parse(new URLSearchParams(s)).params).toEqual(params);
  });

  it("reads domains leniently: case, a leading @, spaces and repeats; drops what is not a host name", () => {
    expect(parseDomains(" @Acme.IO, b.org  acme.io,,")).toEqual(["acme.io", "b.org"]);
    expect(parseDomains("a..b,-x.io,x_y.io,ex ample.com,localhost")).toEqual(["ex", "ample.com", "localhost"]);
    expect(parseDomains(Array.from({ length: 30 }, (_, i) => `d${i}.io`).join(","))).toHaveLength(20);
    expect(usersUrl.parse({ domain: "x".repeat(2001) }).params.domain).toEqual([]);
  });

  it("bad values fall back to the defaults", () => {
    const { params } = usersUrl.parse({ filter: "robots", restricted: "yes", verified: "maybe", team: "../teams", view: "1 OR 1=1" });
    expect(params).toMatchObject({ filter: "all", restricted: "include", verified: "any", team: undefined, view: undefined });
    expect(usersUrl.parse({ team: TEAM.toUpperCase() }).params.team).toBe(TEAM);
  });

  it("a view keeps the filter and sort, not the page, its size or the view marker", () => {
    const params = { ...usersUrl.params({ q: "ada", verified: "yes", sort: "last_active_at", asc: true, pageSize: 100, view: TEAM }), cursor: "c1" };
    expect(filterSearch(params)).toBe("?q=ada&verified=yes&sort=last_active_at&asc=1");
  });
});

describe("planUserFilter: Stack first, the console for the rest", () => {
  it("the default list: restricted users in, anonymous out, nothing for the console", () => {
    expect(planUserFilter(usersUrl.params(), NEWEST)).toEqual({
      server: { includeAnonymous: false, onlyAnonymous: false, includeRestricted: true, excludedDomains: [], teamId: undefined },
      console: null,
      byConsole: [],
    });
  });

  it("sends what the server knows: anonymous only, excluded domains, the team", () => {
    const plan = planUserFilter(usersUrl.params({ filter: "anonymous", xdomain: ["spam.test"], team: TEAM }), NEWEST);
    expect(plan.server).toEqual({ includeAnonymous: true, onlyAnonymous: true, includeRestricted: true, excludedDomains: ["spam.test"], teamId: TEAM });
    expect(plan.console).toBeNull();
  });

  it("leaving restricted users out is Stack's default list; with anonymous users in, the console does it", () => {
    const plain = planUserFilter(usersUrl.params({ restricted: "exclude" }), NEWEST);
    expect(plain.server.includeRestricted).toBe(false);
    expect(plain.console).toBeNull();
    const everyone = planUserFilter(usersUrl.params({ restricted: "exclude", filter: "everyone" }), NEWEST);
    expect(everyone.server).toMatchObject({ includeAnonymous: true, onlyAnonymous: false });
    expect(everyone.console).toEqual({ restricted: "exclude" });
  });

  it("restricted only, verified and included domains are the console's; excluded domains too where the release lacks them", () => {
    const params = usersUrl.params({ restricted: "only", verified: "yes", domain: ["acme.io"], xdomain: ["spam.test"] });
    expect(planUserFilter(params, NEWEST).console).toEqual({ restricted: "only", verified: "yes", domains: ["acme.io"] });
    const older = planUserFilter(params, R2886);
    expect(older.server.excludedDomains).toEqual([]);
    expect(older.console).toEqual({ restricted: "only", verified: "yes", domains: ["acme.io"], excludedDomains: ["spam.test"] });
    expect(older.byConsole).toEqual(["restricted only", "verified e-mail", "e-mail domain", "excluded domains"]);
  });

  it("a release without anonymous users or restrictions: those filters are dropped, not sent", () => {
    const plan = planUserFilter(usersUrl.params({ filter: "anonymous", restricted: "only" }), FEB_2025);
    expect(plan.server).toMatchObject({ includeAnonymous: false, onlyAnonymous: false, includeRestricted: false });
    expect(plan.console).toBeNull();
  });
});

describe("matchesConsoleFilter", () => {
  it("restricted means a restriction other than being anonymous", () => {
    expect(matchesConsoleFilter(row({ isRestricted: true }), { restricted: "only" })).toBe(true);
    expect(matchesConsoleFilter(row({ isRestricted: true, isAnonymous: true }), { restricted: "only" })).toBe(false);
    expect(matchesConsoleFilter(row(), { restricted: "only" })).toBe(false);
    expect(matchesConsoleFilter(row({ isRestricted: true }), { restricted: "exclude" })).toBe(false);
    expect(matchesConsoleFilter(row({ isRestricted: true, isAnonymous: true }), { restricted: "exclude" })).toBe(true);
  });

  it("verified is the primary e-mail's flag; no e-mail is unverified", () => {
    expect(matchesConsoleFilter(row(), { verified: "yes" })).toBe(true);
    expect(matchesConsoleFilter(row({ primaryEmailVerified: false }), { verified: "yes" })).toBe(false);
    expect(matchesConsoleFilter(row({ primaryEmail: null, primaryEmailVerified: true }), { verified: "yes" })).toBe(false);
    expect(matchesConsoleFilter(row({ primaryEmail: null }), { verified: "no" })).toBe(true);
  });

  it("domains compare the primary e-mail's exact domain, case-insensitively", () => {
    expect(matchesConsoleFilter(row({ primaryEmail: "Ada@ACME.io" }), { domains: ["acme.io"] })).toBe(true);
    expect(matchesConsoleFilter(row({ primaryEmail: "ada@mail.acme.io" }), { domains: ["acme.io"] })).toBe(false);
    expect(matchesConsoleFilter(row({ primaryEmail: null }), { domains: ["acme.io"] })).toBe(false);
    expect(matchesConsoleFilter(row({ primaryEmail: "a@spam.test" }), { excludedDomains: ["spam.test"] })).toBe(false);
    expect(matchesConsoleFilter(row({ primaryEmail: null }), { excludedDomains: ["spam.test"] })).toBe(true);
  });
});
