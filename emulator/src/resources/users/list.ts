import type { AccessType } from "../../auth";
import { prep, statements, type DB } from "../../db";
import { TextError } from "../../errors";
import { readProjectConfig } from "../../project-bootstrap";
import { UUID_RE } from "../../validation";
import { usersToJson } from "./json";
import { USER_COLUMNS, type UserRow } from "./model";
import type { ListQuery } from "./schemas";

// GET /users: filters, free-text search (trigram index or scan) and keyset pagination.

/**
 * Up to this many trigram matches, the query reads every match (a lookup of its row by rowid)
 * and sorts them. Above it, walking the sort index and testing each entry's rowid against the
 * matches is cheaper: index entries carry the rowid, so only matching rows are read. At
 * 1,000,000 users the two cost the same near 1,000 matches (EXPLAIN QUERY PLAN and timers).
 */
const FTS_SORT_MAX = 1000;

const ls = statements((db: DB) => ({
  cursorRow: db.prepare("SELECT signed_up_at_millis, last_active_at_millis FROM users WHERE id = ? AND project_id = ?"),
  ftsRowids: db.prepare("SELECT rowid FROM users_search WHERE users_search MATCH ? LIMIT ?").pluck(),
}));

export function listUsers(db: DB, projectId: string, q: ListQuery, accessType: AccessType) {
  if (q.only_anonymous && !q.include_anonymous) {
    throw new TextError(400, "only_anonymous=true requires include_anonymous=true.");
  }
  const cfg = readProjectConfig(db, projectId);
  const requireVerified = !!cfg.onboarding?.requireEmailVerification;
  const col = q.order_by === "last_active_at" ? "last_active_at_millis" : "signed_up_at_millis";
  const desc = q.desc === true;
  const dir = desc ? "DESC" : "ASC";
  const filter = q.only_anonymous ? "only_anon" : q.include_anonymous ? "all" : q.include_restricted ? "restricted" : "normal";
  const params: Record<string, unknown> = { project_id: projectId };

  let cursor = false;
  if (q.cursor !== undefined) {
    const c = ls(db).cursorRow.get(q.cursor, projectId) as { signed_up_at_millis: number; last_active_at_millis: number } | undefined;
    if (!c) throw new TextError(400, "The given cursor does not refer to an existing user of this project.");
    cursor = true;
    params.c_val = c[col];
    params.c_id = q.cursor;
  }

  // Free-text search: exact id if UUID, else case-insensitive substring of search_text. The
  // trigram index finds candidates (a superset: it folds case itself); instr() decides.
  let search: "none" | "ids" | "walk" | "scan" = "none";
  let searchById = false;
  const text = q.query?.toLowerCase() ?? "";
  if (text !== "") {
    searchById = UUID_RE.test(text);
    if (searchById) params.q_id = text;
    params.q = text;
    if (text.length >= 3) {
      const fts = `"${text.replace(/"/g, '""')}"`;
      // One pass over the index tells which plan is cheaper and, for few matches, gives them.
      const rowids = ls(db).ftsRowids.all(fts, FTS_SORT_MAX + 1) as number[];
      if (rowids.length > FTS_SORT_MAX) {
        search = "walk";
        params.fts = fts;
      } else {
        search = "ids";
        params.rids = JSON.stringify(rowids);
      }
    } else {
      search = "scan";
    }
  }
  const excluded = (q.excluded_email_domains ?? "")
    .split(",")
    .map((d) => d.trim().toLowerCase())
    .filter(Boolean);
  if (excluded.length) params.excluded = JSON.stringify(excluded);
  if (q.team_id) params.team_id = q.team_id;

  const limit = q.limit ?? 1000;
  params.lim = limit + 1;
  // Few matches: drive the query from them (then sort); many: walk the sort index and test each
  // entry's rowid first (a bloom filter, then the matches): a miss reads no row.
  const byId = searchById ? " UNION SELECT rowid FROM users WHERE id = @q_id" : "";
  const matches = search === "ids" ? `SELECT value AS rid FROM json_each(@rids)${byId}` : `SELECT rowid AS rid FROM users_search WHERE users_search MATCH @fts${byId}`;
  const hit = searchById ? "(u.id = @q_id OR instr(u.search_text, @q) > 0)" : "instr(u.search_text, @q) > 0";
  const where: string[] = ["u.project_id = @project_id"];
  if (search === "walk" || (search === "ids" && q.team_id)) where.push(`u.rowid IN (${matches})`);
  if (search !== "none") where.push(hit);
  if (filter === "normal") {
    where.push("u.is_anonymous = 0", "u.restricted_by_admin = 0");
    if (requireVerified) {
      where.push("EXISTS (SELECT 1 FROM contact_channels c WHERE c.user_id = u.id AND c.type = 'email' AND c.is_primary = 1 AND c.is_verified = 1)");
    }
  } else if (filter === "restricted") where.push("u.is_anonymous = 0");
  else if (filter === "only_anon") where.push("u.is_anonymous = 1");
  if (excluded.length > 0) {
    where.push(`NOT EXISTS (SELECT 1 FROM contact_channels c WHERE c.user_id = u.id AND c.type = 'email' AND c.is_primary = 1
      AND substr(c.value_lower, instr(c.value_lower, '@') + 1) IN (SELECT value FROM json_each(@excluded)))`);
  }
  if (cursor) where.push(`(u.${col}, u.id) ${desc ? "<" : ">"} (@c_val, @c_id)`);
  const from = q.team_id
    ? "team_members tm CROSS JOIN users u ON u.id = tm.user_id"
    : search === "ids"
      ? `(${matches}) m CROSS JOIN users u ON u.rowid = m.rid`
      : "users u";
  if (q.team_id) where.unshift("tm.team_id = @team_id");
  const sql = `SELECT ${USER_COLUMNS.split(",").map((c) => "u." + c.trim()).join(", ")} FROM ${from}
    WHERE ${where.join(" AND ")} ORDER BY u.${col} ${dir}, u.id ${dir} LIMIT @lim`;
  const rows = prep(db, sql).all(params) as UserRow[];
  if (q.limit === undefined && rows.length > 1000) {
    throw new TextError(400, "This project has more than 1000 matching users. Please specify a limit (at most 1000) and paginate with the cursor.");
  }
  const hasMore = rows.length > limit;
  const page = hasMore ? rows.slice(0, limit) : rows;
  return {
    items: usersToJson(db, page, accessType),
    is_paginated: true,
    pagination: { next_cursor: hasMore ? page[page.length - 1]!.id : null },
  };
}
