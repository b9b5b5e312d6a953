import type { AccessType } from "../../auth";
import { prep, statements, type DB } from "../../db";
import { TextError } from "../../errors";
import { readProjectConfig } from "../../project-bootstrap";
import { UUID_RE } from "../../validation";
import { usersToJson } from "./json";
import { USER_COLUMNS, type UserRow } from "./model";
import type { ListQuery } from "./schemas";

// GET /users: filters, free-text search (trigram index or scan) and keyset pagination.

const ls = statements((db: DB) => ({
  cursorRow: db.prepare("SELECT signed_up_at_millis, last_active_at_millis FROM users WHERE id = ? AND project_id = ?"),
  ftsCount: db.prepare("SELECT count(*) FROM (SELECT rowid FROM users_search WHERE users_search MATCH ? LIMIT 2000)").pluck(),
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

  // Free-text search: exact id if UUID, else case-insensitive substring of search_text.
  let search: "none" | "fts" | "scan" = "none";
  let searchById = false;
  const text = q.query?.toLowerCase() ?? "";
  if (text !== "") {
    searchById = UUID_RE.test(text);
    if (searchById) params.q_id = text;
    if (text.length >= 3) {
      const fts = `"${text.replace(/"/g, '""')}"`;
      // Dense matches: walking the sort index and testing each row finds a page fastest.
      const n = ls(db).ftsCount.get(fts) as number;
      if (n >= 2000) {
        search = "scan";
        params.q = text;
      } else {
        search = "fts";
        params.fts = fts;
      }
    } else {
      search = "scan";
      params.q = text;
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
  const where: string[] = ["u.project_id = @project_id"];
  if (filter === "normal") {
    where.push("u.is_anonymous = 0", "u.restricted_by_admin = 0");
    if (requireVerified) {
      where.push("EXISTS (SELECT 1 FROM contact_channels c WHERE c.user_id = u.id AND c.type = 'email' AND c.is_primary = 1 AND c.is_verified = 1)");
    }
  } else if (filter === "restricted") where.push("u.is_anonymous = 0");
  else if (filter === "only_anon") where.push("u.is_anonymous = 1");
  // Few matches: drive the query from the trigram index (then sort the matches); many
  // matches: walk the sort index and test each row (a page fills up quickly).
  const ftsMatches = `SELECT rowid AS rid FROM users_search WHERE users_search MATCH @fts${searchById ? " UNION SELECT rowid FROM users WHERE id = @q_id" : ""}`;
  if (search === "scan") where.push(searchById ? "(u.id = @q_id OR instr(u.search_text, @q) > 0)" : "instr(u.search_text, @q) > 0");
  else if (search === "fts" && q.team_id) where.push(`u.rowid IN (${ftsMatches})`);
  if (excluded.length > 0) {
    where.push(`NOT EXISTS (SELECT 1 FROM contact_channels c WHERE c.user_id = u.id AND c.type = 'email' AND c.is_primary = 1
      AND substr(c.value_lower, instr(c.value_lower, '@') + 1) IN (SELECT value FROM json_each(@excluded)))`);
  }
  if (cursor) where.push(`(u.${col}, u.id) ${desc ? "<" : ">"} (@c_val, @c_id)`);
  const from = q.team_id
    ? "team_members tm CROSS JOIN users u ON u.id = tm.user_id"
    : search === "fts"
      ? `(${ftsMatches}) m CROSS JOIN users u ON u.rowid = m.rid`
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
