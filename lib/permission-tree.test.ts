import { describe, expect, it } from "vitest";
import { cycleThrough, cyclesIn, expandContained, formatCycle, holdings, permissionGraph, withDefinition } from "@/lib/permission-tree";

// The defaults of a new Stack project plus a small custom chain.
const graph = permissionGraph([
  { id: "$delete_team", containedPermissionIds: [] },
  { id: "$invite_members", containedPermissionIds: [] },
  { id: "$read_members", containedPermissionIds: [] },
  { id: "$update_team", containedPermissionIds: [] },
  { id: "team_member", containedPermissionIds: ["$invite_members", "$read_members"] },
  { id: "team_admin", containedPermissionIds: ["$delete_team", "$update_team", "team_member"] },
  { id: "edit_reports", containedPermissionIds: ["read_reports"] },
  { id: "read_reports", containedPermissionIds: [] },
]);

describe("expandContained", () => {
  it("follows containment recursively, nearest first", () => {
    expect(expandContained(graph, "team_admin")).toEqual(["$delete_team", "$update_team", "team_member", "$invite_members", "$read_members"]);
    expect(expandContained(graph, "read_reports")).toEqual([]);
    expect(expandContained(graph, "unknown")).toEqual([]);
  });

  it("stops on cycles, and includes the id itself when a cycle leads back to it", () => {
    const g = permissionGraph([
      { id: "a", containedPermissionIds: ["b"] },
      { id: "b", containedPermissionIds: ["a", "c"] },
      { id: "c", containedPermissionIds: [] },
    ]);
    expect(expandContained(g, "a")).toEqual(["b", "a", "c"]);
  });
});

describe("holdings", () => {
  it("tells direct grants from inherited ones, with the path they come through", () => {
    expect(holdings(graph, ["team_admin", "edit_reports"])).toEqual([
      { id: "edit_reports", direct: true, via: null },
      { id: "team_admin", direct: true, via: null },
      { id: "read_reports", direct: false, via: ["edit_reports", "read_reports"] },
      { id: "$delete_team", direct: false, via: ["team_admin", "$delete_team"] },
      { id: "$update_team", direct: false, via: ["team_admin", "$update_team"] },
      { id: "team_member", direct: false, via: ["team_admin", "team_member"] },
      { id: "$invite_members", direct: false, via: ["team_admin", "team_member", "$invite_members"] },
      { id: "$read_members", direct: false, via: ["team_admin", "team_member", "$read_members"] },
    ]);
  });

  it("takes the shortest path, and marks a direct grant that another one also implies", () => {
    const held = holdings(graph, ["team_admin", "team_member"]);
    expect(held.find((h) => h.id === "team_member")).toEqual({ id: "team_member", direct: true, via: ["team_admin", "team_member"] });
    // Through team_member directly (length 2), not team_admin → team_member (length 3).
    expect(held.find((h) => h.id === "$read_members")).toEqual({ id: "$read_members", direct: false, via: ["team_member", "$read_members"] });
  });

  it("nothing granted holds nothing; duplicates count once", () => {
    expect(holdings(graph, [])).toEqual([]);
    expect(holdings(graph, ["read_reports", "read_reports"])).toEqual([{ id: "read_reports", direct: true, via: null }]);
  });

  it("terminates on cycles", () => {
    const g = permissionGraph([
      { id: "a", containedPermissionIds: ["b"] },
      { id: "b", containedPermissionIds: ["a"] },
    ]);
    expect(holdings(g, ["a"])).toEqual([
      { id: "a", direct: true, via: null },
      { id: "b", direct: false, via: ["a", "b"] },
    ]);
  });
});

describe("cycle detection", () => {
  it("finds no cycle in a tree or a diamond", () => {
    expect(cycleThrough(graph, "team_admin")).toBeNull();
    const diamond = permissionGraph([
      { id: "top", containedPermissionIds: ["left", "right"] },
      { id: "left", containedPermissionIds: ["bottom"] },
      { id: "right", containedPermissionIds: ["bottom"] },
      { id: "bottom", containedPermissionIds: [] },
    ]);
    expect(cyclesIn(diamond)).toEqual([]);
  });

  it("names the cycle a change would create, shortest first", () => {
    const changed = withDefinition(graph, { id: "read_reports", containedPermissionIds: ["edit_reports"] });
    const cycle = cycleThrough(changed, "read_reports");
    expect(cycle).toEqual(["read_reports", "edit_reports", "read_reports"]);
    expect(formatCycle(cycle!)).toBe("read_reports → edit_reports → read_reports");
  });

  it("finds self-containment and long cycles", () => {
    expect(cycleThrough(withDefinition(graph, { id: "read_reports", containedPermissionIds: ["read_reports"] }), "read_reports")).toEqual([
      "read_reports",
      "read_reports",
    ]);
    const g = withDefinition(graph, { id: "$invite_members", containedPermissionIds: ["team_admin"] });
    expect(cycleThrough(g, "$invite_members")).toEqual(["$invite_members", "team_admin", "team_member", "$invite_members"]);
  });

  it("follows a rename through every reference", () => {
    // edit_reports → reports_editor; making read_reports contain the old name is the same cycle.
    const renamed = withDefinition(graph, { oldId: "edit_reports", id: "reports_editor", containedPermissionIds: ["read_reports"] });
    expect(renamed.has("edit_reports")).toBe(false);
    expect(cycleThrough(renamed, "reports_editor")).toBeNull();
    const g = withDefinition(permissionGraph([
      { id: "a", containedPermissionIds: ["b"] },
      { id: "b", containedPermissionIds: [] },
    ]), { oldId: "b", id: "c", containedPermissionIds: ["a"] });
    expect(g.get("a")).toEqual(["c"]);
    expect(cycleThrough(g, "c")).toEqual(["c", "a", "c"]);
  });

  it("lists existing cycles once each", () => {
    const g = permissionGraph([
      { id: "a", containedPermissionIds: ["b"] },
      { id: "b", containedPermissionIds: ["a"] },
      { id: "c", containedPermissionIds: ["c"] },
      { id: "d", containedPermissionIds: ["a"] },
    ]);
    expect(cyclesIn(g)).toEqual([
      ["a", "b", "a"],
      ["c", "c"],
    ]);
  });
});
