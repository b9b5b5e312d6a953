// Containment of permission definitions (a permission implies the ids in its
// `contained_permission_ids`, recursively): expansion, direct vs inherited holdings with the path
// they come through, and cycle detection. Isomorphic and pure: the server checks a change with it
// before any write, and the pages render what it computes.

/** Each definition id → the ids it contains directly. */
export type PermissionGraph = ReadonlyMap<string, readonly string[]>;

export function permissionGraph(defs: readonly { id: string; containedPermissionIds: readonly string[] }[]): PermissionGraph {
  return new Map(defs.map((d) => [d.id, d.containedPermissionIds]));
}

/**
 * Every id `id` implies, nearest first (breadth-first), without `id` itself unless a cycle leads
 * back to it. Ids the graph does not define are kept (they are still implied) but not followed.
 */
export function expandContained(graph: PermissionGraph, id: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  const queue = [...(graph.get(id) ?? [])];
  while (queue.length > 0) {
    const next = queue.shift()!;
    if (seen.has(next)) continue;
    seen.add(next);
    out.push(next);
    queue.push(...(graph.get(next) ?? []));
  }
  return out;
}

/** What a member holds: granted directly, and/or through the shortest path from a direct grant. */
export type Holding = {
  id: string;
  direct: boolean;
  /**
   * For a permission held through another one: the path from the direct grant to it, both ends
   * included (["team_admin", "$update_team"]); the shortest one, ties broken by the order of the
   * direct grants. Null when it comes through no other grant.
   */
  via: string[] | null;
};

/**
 * Direct grants → everything held, in order: the direct grants (sorted), then the inherited ones
 * nearest first. A directly granted id that another grant also implies carries both.
 */
export function holdings(graph: PermissionGraph, directIds: readonly string[]): Holding[] {
  const direct = [...new Set(directIds)].sort(compareIds);
  const paths = new Map<string, string[]>();
  // One breadth-first search from all direct grants at once gives each id its shortest path.
  const queue: string[][] = direct.map((id) => [id]);
  while (queue.length > 0) {
    const path = queue.shift()!;
    for (const next of graph.get(path.at(-1)!) ?? []) {
      if (paths.has(next) || path.includes(next)) continue;
      const longer = [...path, next];
      paths.set(next, longer);
      queue.push(longer);
    }
  }
  const out: Holding[] = direct.map((id) => ({ id, direct: true, via: paths.get(id) ?? null }));
  for (const [id, path] of paths) if (!direct.includes(id)) out.push({ id, direct: false, via: path });
  return out;
}

/**
 * A cycle through `id` (["a", "b", "a"]), or null: the shortest one, found breadth-first. Any
 * cycle a change creates passes through the definition it changes, so checking that one suffices.
 */
export function cycleThrough(graph: PermissionGraph, id: string): string[] | null {
  const queue: string[][] = [[id]];
  const seen = new Set<string>();
  while (queue.length > 0) {
    const path = queue.shift()!;
    for (const next of graph.get(path.at(-1)!) ?? []) {
      if (next === id) return [...path, id];
      if (seen.has(next)) continue;
      seen.add(next);
      queue.push([...path, next]);
    }
  }
  return null;
}

/**
 * The graph as it would be after creating or updating one definition. A rename (`oldId` ≠ `id`)
 * renames every reference too, as Stack does (`updatePermissionDefinition` in the backend's
 * lib/permissions.tsx).
 */
export function withDefinition(graph: PermissionGraph, change: { oldId?: string; id: string; containedPermissionIds: readonly string[] }): PermissionGraph {
  const rename = (x: string) => (change.oldId !== undefined && x === change.oldId ? change.id : x);
  const next = new Map<string, readonly string[]>();
  for (const [id, contained] of graph) if (id !== change.oldId && id !== change.id) next.set(id, contained.map(rename));
  next.set(change.id, change.containedPermissionIds.map(rename));
  return next;
}

/** "a → b → a" */
export function formatCycle(cycle: readonly string[]): string {
  return cycle.join(" → ");
}

/** Every definition that lies on a cycle, one cycle each (servers accept cycles: a page can warn). */
export function cyclesIn(graph: PermissionGraph): string[][] {
  const covered = new Set<string>();
  const out: string[][] = [];
  for (const id of [...graph.keys()].sort(compareIds)) {
    if (covered.has(id)) continue;
    const cycle = cycleThrough(graph, id);
    if (!cycle) continue;
    for (const x of cycle) covered.add(x);
    out.push(cycle);
  }
  return out;
}

/** Stack sorts ids by code unit (`stringCompare` in stack-shared), not by locale. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
