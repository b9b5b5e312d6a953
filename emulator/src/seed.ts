import type { EmulatorConfig } from "./config";
import type { DB } from "./db";
import { rebuildMetricsSummary } from "./resources/metrics";
import { createTeam } from "./resources/teams";
import { memberWriter, seedLargeTeam } from "./seed-teams";
import { computeSearchText, hashPasswordSync } from "./resources/users";

export type SeedOptions = {
  users: number;
  /** Anchor of all generated times; default: start of the current UTC day (charts stay current). */
  anchorMillis?: number;
  /**
   * Called after each phase with its wall time and the process's CPU time (user + system) in it:
   * on a shared machine the CPU time is the figure to compare (the CLI prints both).
   */
  onPhase?: (phase: SeedPhase, millis: number, cpuMillis: number) => void;
};
export type SeedPhase = "users" | "teams" | "large team" | "indexes" | "search index" | "metrics summary" | "commit";
export type SeedResult = {
  users: number;
  teams: number;
  memberships: number;
  sessions: number;
  contactChannels: number;
  oauthAccounts: number;
  teamPermissions: number;
  projectPermissions: number;
};

const DAY = 86_400_000;

const HEX = "0123456789abcdef";
const TOKEN_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_";

/**
 * mulberry32: small, fast, deterministic PRNG. The ids and tokens are written into one byte
 * buffer and read back as one flat string: the same characters as formatting `next()` with
 * `toString(16)` and slices, at a tenth of the cost (a million users take 3–4 ids each), and no
 * rope or sliced strings kept alive by the user list.
 */
function prng(seed: number) {
  let a = seed >>> 0;
  /** The next 32 random bits; `next()` is this divided by 2^32, so `floor(next() * 2^k)` is `u32() >>> (32 - k)`. */
  const u32 = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  const next = () => u32() / 4294967296;
  const buf = Buffer.alloc(64);
  /** Hex digits `from`..`to`-1 (most significant first) of the 32-bit `word`, written at `at`. */
  const hex = (word: number, at: number, from: number, to: number) => {
    for (let k = from; k < to; k++) buf[at + k - from] = HEX.charCodeAt((word >>> (28 - 4 * k)) & 15);
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T,>(arr: readonly T[]): T => arr[Math.floor(next() * arr.length)]!,
    chance: (p: number) => next() < p,
    /** A version-4 UUID from four words (32 hex digits) and a variant draw; digit 12 becomes the version, digit 16 the variant. */
    uuid: () => {
      const w0 = u32(), w1 = u32(), w2 = u32(), w3 = u32();
      hex(w0, 0, 0, 8);
      buf[8] = 0x2d; // -
      hex(w1, 9, 0, 4);
      buf[13] = 0x2d;
      buf[14] = 0x34; // 4
      hex(w1, 15, 5, 8);
      buf[18] = 0x2d;
      buf[19] = "89ab".charCodeAt(u32() >>> 30);
      hex(w2, 20, 1, 4);
      buf[23] = 0x2d;
      hex(w2, 24, 4, 8);
      hex(w3, 28, 0, 8);
      return buf.toString("latin1", 0, 36);
    },
    token: (len: number) => {
      if (len > buf.length) throw new RangeError(`token length ${len} > ${buf.length}`);
      for (let i = 0; i < len; i++) buf[i] = TOKEN_CHARS.charCodeAt(u32() >>> 26);
      return buf.toString("latin1", 0, len);
    },
  };
}

const FIRST = [
  "Ada", "Alan", "Grace", "Linus", "Margaret", "Dennis", "Barbara", "Ken", "Radia", "Tim", "Hedy", "Donald", "Frances", "John",
  "Katherine", "Edsger", "Sophie", "Niklaus", "Anita", "Guido", "Yukihiro", "Mary", "James", "Bjarne", "Lucía", "Mateo", "Amara",
  "Chen", "Wei", "Priya", "Arjun", "Fatima", "Omar", "Olga", "Ivan", "Noah", "Emma", "Liam", "Olivia", "Mia", "Lukas", "Léa",
  "Hugo", "Sofia", "Kenji", "Yuki", "Aisha", "Kwame", "Zanele", "Diego", "Valentina", "Elif", "Mehmet", "Ingrid", "Sven", "Anna",
  "Jonas", "Marta", "Pablo", "Chloé", "Tomás", "Nadia", "Raj", "Meera", "Hiro", "Sara", "David", "Leila", "Felix", "Clara",
] as const;
const LAST = [
  "Lovelace", "Turing", "Hopper", "Torvalds", "Hamilton", "Ritchie", "Liskov", "Thompson", "Perlman", "Berners-Lee", "Lamarr",
  "Knuth", "Allen", "McCarthy", "Johnson", "Dijkstra", "Wilson", "Wirth", "Borg", "van Rossum", "Matsumoto", "Shaw", "Gosling",
  "Stroustrup", "García", "Rodríguez", "Okafor", "Wang", "Zhang", "Sharma", "Patel", "Haddad", "Nasser", "Petrova", "Ivanov",
  "Smith", "Müller", "Schmidt", "Dubois", "Martin", "Rossi", "Tanaka", "Sato", "Mensah", "Dlamini", "Silva", "Costa", "Yılmaz",
  "Larsen", "Nilsson", "Kowalski", "Novak", "Fernández", "Moreau", "Kim", "Park", "Nguyen", "Cohen", "Weber", "Becker",
] as const;
const DOMAINS = [
  "gmail.com", "gmail.com", "gmail.com", "outlook.com", "yahoo.com", "proton.me", "icloud.com", "fastmail.com",
  "acme.io", "example.com", "globex.com", "initech.com", "umbrella.dev", "hooli.xyz", "piedpiper.net", "stark.industries",
] as const;
const COUNTRIES = ["US", "US", "US", "GB", "DE", "FR", "IN", "BR", "CA", "JP", "NL", "ES", "IT", "SE", "PL", "NG", "KE", "AU", "MX", "KR"] as const;
const TEAM_WORDS = ["Analytics", "Platform", "Growth", "Payments", "Design", "Research", "Infra", "Mobile", "Support", "Data", "Labs", "Ops"] as const;
const TEAM_PREFIX = ["Acme", "Globex", "Initech", "Umbrella", "Hooli", "Pied Piper", "Stark", "Wayne", "Wonka", "Tyrell", "Cyberdyne", "Soylent"] as const;
const PLANS = ["free", "free", "free", "pro", "pro", "team", "enterprise"] as const;

const toAscii = (s: string) =>
  s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/ı/g, "i")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "");
/** The e-mail spelling of each first and last name, computed once (not up to four times per user). */
const ASCII = new Map<string, string>([...FIRST, ...LAST].map((name) => [name, toAscii(name)]));
const ascii = (name: string) => ASCII.get(name)!;

/**
 * The tables the seed fills: only inserts and the selected team's update by primary key, no
 * reads that need their secondary indexes.
 */
const BULK_TABLES = ["users", "contact_channels", "oauth_accounts", "sessions", "project_permissions", "teams", "team_members", "team_permissions"];

/**
 * Runs `load` with the secondary indexes of BULK_TABLES and the triggers that keep the users'
 * trigram search index (users/model.ts) dropped, then creates them again from their stored SQL
 * and rebuilds the search index once: one sort per index instead of a B-tree insert per row, and
 * one trigram pass instead of an FTS insert per user (about twice as fast at 1,000,000 users).
 * Inside the caller's transaction, so a failure (a unique index that no longer holds) rolls back
 * the drops too. Primary keys and UNIQUE columns are table constraints and stay in force.
 */
function bulkLoad(db: DB, load: () => void, lap: (phase: SeedPhase) => void) {
  const marks = BULK_TABLES.map(() => "?").join(", ");
  const objects = db
    .prepare(`SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND sql IS NOT NULL AND tbl_name IN (${marks})`)
    .all(...BULK_TABLES) as { type: "index" | "trigger"; name: string; sql: string }[];
  // Triggers that keep derived state (the search index, the metrics summaries) are rebuilt after.
  const dropped = objects.filter((o) => o.type === "index" || /\b(users_search|metrics_\w+)\b/.test(o.sql));
  for (const o of dropped) db.exec(`DROP ${o.type === "index" ? "INDEX" : "TRIGGER"} "${o.name.replace(/"/g, '""')}"`);
  load();
  for (const o of dropped) db.exec(o.sql);
  lap("indexes");
  if (dropped.some((o) => o.type === "trigger")) {
    db.exec("INSERT INTO users_search(users_search) VALUES ('rebuild')");
    lap("search index");
    rebuildMetricsSummary(db);
    lap("metrics summary");
  }
}

/** Start of the current UTC day. */
export function seedAnchor(now = Date.now()) {
  return Math.floor(now / DAY) * DAY;
}

/**
 * Seeds the demo project with realistic, deterministic data (same ids, e-mails and relations on
 * every run; times relative to the anchor day). One transaction, prepared statements, one
 * precomputed password hash: 100k users take a few seconds.
 */
export function seedDemoData(db: DB, config: Pick<EmulatorConfig, "projectId">, opts: SeedOptions): SeedResult {
  const projectId = config.projectId;
  const n = Math.max(0, Math.floor(opts.users));
  const anchor = opts.anchorMillis ?? seedAnchor();
  const rnd = prng(0x5eed ^ n);
  // One precomputed hash for every seeded password ("password123"), with a fixed salt.
  const passwordHash = hashPasswordSync("password123", Buffer.from("stack-emulator-seed-salt"));
  let mark = { wall: performance.now(), cpu: process.cpuUsage() };
  const lap = (phase: SeedPhase) => {
    const now = { wall: performance.now(), cpu: process.cpuUsage() };
    const cpu = process.cpuUsage(mark.cpu);
    opts.onPhase?.(phase, now.wall - mark.wall, (cpu.user + cpu.system) / 1000);
    mark = now;
  };
  const result: SeedResult = { users: 0, teams: 0, memberships: 0, sessions: 0, contactChannels: 0, oauthAccounts: 0, teamPermissions: 0, projectPermissions: 0 };

  const st = {
    user: db.prepare(`INSERT INTO users (id, project_id, display_name, profile_image_url, signed_up_at_millis, last_active_at_millis,
      client_metadata, client_read_only_metadata, server_metadata, password_hash, otp_auth_enabled, passkey_auth_enabled, totp_secret_base64,
      selected_team_id, is_anonymous, restricted_by_admin, restricted_by_admin_reason, restricted_by_admin_private_details, country_code,
      risk_bot, risk_free_trial_abuse, search_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?)`),
    channel: db.prepare(`INSERT INTO contact_channels (id, project_id, user_id, type, value, value_lower, is_primary, is_verified, used_for_auth, created_at_millis)
      VALUES (?, ?, ?, 'email', ?, ?, ?, ?, ?, ?)`),
    oauth: db.prepare(`INSERT INTO oauth_accounts (id, project_id, user_id, provider_config_id, type, account_id, email, allow_sign_in, allow_connected_accounts, created_at_millis)
      VALUES (?, ?, ?, ?, ?, ?, ?, 1, 1, ?)`),
    session: db.prepare(`INSERT INTO sessions (id, project_id, user_id, refresh_token, created_at, last_used_at, expires_at, is_impersonation, ip_info_json)
      VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?)`),
    teamPerm: db.prepare("INSERT OR IGNORE INTO team_permissions (project_id, team_id, user_id, permission_id) VALUES (?, ?, ?, ?)"),
    projectPerm: db.prepare("INSERT OR IGNORE INTO project_permissions (project_id, user_id, permission_id) VALUES (?, ?, ?)"),
    selectTeam: db.prepare("UPDATE users SET selected_team_id = ? WHERE id = ?"),
    def: db.prepare(`INSERT OR IGNORE INTO permission_definitions (project_id, scope, id, description, contained_json, created_at_millis) VALUES (?, ?, ?, ?, ?, ?)`),
    config: db.prepare("SELECT config_json FROM projects WHERE id = ?").pluck(),
    setConfig: db.prepare("UPDATE projects SET config_json = ? WHERE id = ?"),
  };

  // A write-ahead log would hold every new page of the one big transaction (about 2 GB at
  // 1,000,000 users) and copy it into the database again at the checkpoint. A rollback journal
  // keeps only the pages the seed changes, which are few in a new database; WAL is back after.
  // Only when nothing else holds the file: SQLite keeps WAL otherwise (https://www.sqlite.org/wal.html).
  const wal = !db.inTransaction && db.pragma("journal_mode", { simple: true }) === "wal";
  if (wal) db.pragma("journal_mode = DELETE");
  // While seeding: the rows reference each other by construction, so the per-row foreign key
  // lookups (a B-tree search of users by a random UUID for every channel, session and account)
  // prove nothing; a crash mid-seed leaves a database to seed again, so no fsync either; a page
  // cache of 1 KB per user keeps the random-UUID key indexes (about an eighth of the file) in memory
  // while the tables grow at their ends; and the sorter of CREATE INDEX gets its temporary
  // storage from "file" mode: it then sorts each index in one block of memory (as large as the
  // page cache, at most half a GB, before it writes a temporary file) instead of one allocation
  // per entry as in "memory" mode,
  // a quarter less CPU for the 23 indexes at 1,000,000 users. Changing temp_store drops temporary
  // tables, and the seed has none. The pragmas apply to this connection only and are put back
  // after (https://www.sqlite.org/pragma.html#pragma_foreign_keys: a no-op inside a transaction;
  // https://www.sqlite.org/pragma.html#pragma_temp_store).
  const saved = db.inTransaction
    ? null
    : {
        fk: db.pragma("foreign_keys", { simple: true }),
        sync: db.pragma("synchronous", { simple: true }),
        cache: db.pragma("cache_size", { simple: true }),
        temp: db.pragma("temp_store", { simple: true }),
      };
  if (saved) {
    db.pragma("foreign_keys = OFF");
    db.pragma("synchronous = OFF");
    db.pragma(`cache_size = ${-Math.min(1_048_576, Math.max(65_536, n))}`);
    db.pragma("temp_store = FILE");
  }
  try {
    db.transaction(() => {
      // Project setup: shared google/github providers and a few custom permissions.
      const raw = st.config.get(projectId) as string | undefined;
      if (raw === undefined) throw new Error(`Project ${projectId} does not exist; start the emulator once or create it first.`);
      const cfg = JSON.parse(raw);
      cfg.auth ??= {};
      cfg.auth.oauth ??= {};
      cfg.auth.oauth.providers ??= {};
      for (const p of ["google", "github"]) {
        cfg.auth.oauth.providers[p] ??= { type: p, isShared: true, allowSignIn: true, allowConnectedAccounts: true };
      }
      st.setConfig.run(JSON.stringify(cfg), projectId);
      // The project-config module renders config_json from layers (base ← overrides) once it has
      // created them; put the providers into the base layer too so a re-render keeps them.
      const hasLayers = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'project_config_layers'").get();
      const baseRaw = hasLayers ? (db.prepare("SELECT base_json FROM project_config_layers WHERE project_id = ?").pluck().get(projectId) as string | undefined) : undefined;
      if (baseRaw !== undefined) {
        const base = JSON.parse(baseRaw);
        base.auth ??= {};
        base.auth.oauth ??= {};
        base.auth.oauth.providers ??= {};
        for (const p of ["google", "github"]) base.auth.oauth.providers[p] ??= cfg.auth.oauth.providers[p];
        db.prepare("UPDATE project_config_layers SET base_json = ? WHERE project_id = ?").run(JSON.stringify(base), projectId);
      }
      const defTime = anchor - 280 * DAY;
      st.def.run(projectId, "team", "billing:read", "Read invoices and the billing plan", "[]", defTime);
      st.def.run(projectId, "team", "billing:write", "Change the billing plan (includes billing:read)", JSON.stringify(["billing:read"]), defTime);
      st.def.run(projectId, "project", "admin:support", "Support staff: may view any customer's account", "[]", defTime);
      st.def.run(projectId, "project", "beta:features", "Access to beta features", "[]", defTime);

      // How many users have each `base@domain` so far: the k-th (k ≥ 2) gets `base{k}@domain`,
      // the first free one. A base holds no digits and does not end in one, so `base{k}` is
      // never another user's base, and counting finds what probing a set of used addresses did.
      const emailCount = new Map<string, number>();
      type Seeded = { id: string; signedUp: number; anonymous: boolean; email: string | null };
      const users: Seeded[] = [];
      const span = 270 * DAY;

      bulkLoad(db, () => {
        for (let i = 0; i < n; i++) {
          const id = rnd.uuid();
          // Growth curve: more sign-ups recently (≈ 20% within the last 30 days).
          const age = Math.floor(span * Math.pow(rnd.next(), 1.4));
          const signedUp = anchor - age - rnd.int(1, DAY - 1); // always before the anchor (never in the future)
          const anonymous = rnd.chance(0.03);
          const restricted = !anonymous && rnd.chance(0.02);
          const first = rnd.pick(FIRST);
          const last = rnd.pick(LAST);
          let displayName: string | null = anonymous ? null : rnd.chance(0.9) ? `${first} ${last}` : rnd.chance(0.5) ? first : null;
          let email: string | null = null;
          if (!anonymous) {
            const domain = rnd.pick(DOMAINS);
            const style = rnd.int(0, 3);
            const base = style === 0 ? `${ascii(first)}.${ascii(last)}` : style === 1 ? `${ascii(first)}${ascii(last)}` : style === 2 ? `${ascii(first)[0]}${ascii(last)}` : `${ascii(first)}_${ascii(last)}`;
            const plain = `${base}@${domain}`;
            const k = (emailCount.get(plain) ?? 0) + 1;
            emailCount.set(plain, k);
            email = k === 1 ? plain : `${base}${k}@${domain}`;
          }
          const verified = email !== null && !rnd.chance(0.08);
          const hasPassword = email !== null && rnd.chance(0.6);
          const oauthProvider = !anonymous && rnd.chance(0.25) ? (rnd.chance(0.6) ? "google" : "github") : null;
          const lastActive = Math.min(anchor - 1, signedUp + Math.floor(rnd.next() * rnd.next() * (anchor - signedUp)));
          const plan = rnd.pick(PLANS);
          const clientMeta = rnd.chance(0.4) ? JSON.stringify({ theme: rnd.pick(["light", "dark", "system"]), locale: rnd.pick(["en-US", "en-GB", "de-DE", "fr-FR", "ja-JP"]) }) : null;
          const readOnlyMeta = rnd.chance(0.5) ? JSON.stringify({ plan, seats: plan === "free" ? 1 : rnd.int(2, 50) }) : null;
          const serverMeta = rnd.chance(0.3) ? JSON.stringify({ crm_id: `C-${100000 + i}`, source: rnd.pick(["organic", "ads", "referral", "import"]) }) : null;
          const country = rnd.chance(0.85) ? rnd.pick(COUNTRIES) : null;
          const bot = rnd.chance(0.05) ? rnd.int(40, 100) : rnd.int(0, 10);
          const abuse = rnd.chance(0.03) ? rnd.int(50, 100) : rnd.int(0, 5);
          const avatar = !anonymous && rnd.chance(0.3) ? `https://avatars.example.com/${id.slice(0, 8)}.png` : null;
          const totp = !anonymous && rnd.chance(0.04) ? "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP" : null;
          if (displayName === "") displayName = null;

          st.user.run(
            id, projectId, displayName, avatar, signedUp, Math.max(signedUp, lastActive), clientMeta, readOnlyMeta, serverMeta,
            hasPassword ? passwordHash : null, totp, anonymous ? 1 : 0, restricted ? 1 : 0,
            restricted ? rnd.pick(["Payment overdue", "Suspicious activity", "Terms of service violation"]) : null,
            restricted ? `Flagged by ${rnd.pick(["support", "fraud-bot", "billing"])} on day ${Math.floor(signedUp / DAY)}` : null,
            country, bot, abuse, computeSearchText(displayName, email ? [email] : []),
          );
          result.users++;
          if (email) {
            st.channel.run(rnd.uuid(), projectId, id, email, email, 1, verified ? 1 : 0, 1, signedUp);
            result.contactChannels++;
          }
          if (oauthProvider) {
            const accountId = oauthProvider === "github" ? String(rnd.int(10_000, 99_999_999)) : String(rnd.int(1e11, 9.99e11)) + String(rnd.int(1e8, 9.99e8));
            st.oauth.run(rnd.uuid(), projectId, id, oauthProvider, oauthProvider, accountId, email, signedUp);
            result.oauthAccounts++;
          }
          if (!anonymous && rnd.chance(0.3)) {
            const sessions = rnd.int(1, 3);
            for (let k = 0; k < sessions; k++) {
              const created = signedUp + Math.floor(rnd.next() * (Math.max(signedUp, lastActive) - signedUp));
              const ip = `${rnd.int(1, 223)}.${rnd.int(0, 255)}.${rnd.int(0, 255)}.${rnd.int(1, 254)}`;
              st.session.run(
                rnd.uuid(), projectId, id, rnd.token(45), created, Math.max(created, lastActive), created + 365 * DAY,
                JSON.stringify({ ip, countryCode: country, regionCode: null, cityName: null, latitude: null, longitude: null, tzIdentifier: null }),
              );
              result.sessions++;
            }
          }
          if (!anonymous && rnd.chance(0.01)) {
            st.projectPerm.run(projectId, id, "admin:support");
            result.projectPermissions++;
          }
          if (!anonymous && rnd.chance(0.1)) {
            st.projectPerm.run(projectId, id, "beta:features");
            result.projectPermissions++;
          }
          users.push({ id, signedUp, anonymous, email });
        }
        lap("users");

        // Teams: about one per 15 users, 2–8 members each; the creator gets the creator defaults.
        const candidates = users.filter((u) => !u.anonymous);
        const teamCount = candidates.length >= 2 ? Math.max(1, Math.round(n / 15)) : 0;
        const selected = new Set<string>();
        const addMember = memberWriter(db, projectId);
        for (let t = 0; t < teamCount; t++) {
          const teamId = rnd.uuid();
          const creator = rnd.pick(candidates);
          const created = Math.min(anchor - 1, creator.signedUp + rnd.int(0, 3 * DAY));
          const name = `${rnd.pick(TEAM_PREFIX)} ${rnd.pick(TEAM_WORDS)}${rnd.chance(0.3) ? ` ${rnd.int(2, 99)}` : ""}`;
          createTeam(db, {
            projectId,
            id: teamId,
            displayName: name,
            clientMetadata: rnd.chance(0.3) ? { color: rnd.pick(["#e11d48", "#2563eb", "#16a34a", "#9333ea"]) } : null,
            clientReadOnlyMetadata: rnd.chance(0.4) ? { plan: rnd.pick(PLANS) } : null,
            serverMetadata: rnd.chance(0.3) ? { billing_account: `BA-${10000 + t}` } : null,
            now: created,
          });
          result.teams++;
          const members = new Set<string>([creator.id]);
          const size = rnd.int(2, 8);
          for (let k = 0; k < size * 2 && members.size < size; k++) members.add(rnd.pick(candidates).id);
          let first = true;
          for (const userId of members) {
            // The API's membership rows (memberWriter): the creator gets the team-creator defaults, the others the member defaults.
            const joined = Math.min(anchor - 1, created + (first ? 0 : rnd.int(1, 20 * DAY)));
            result.teamPermissions += addMember(teamId, userId, first ? "creator" : "member", joined);
            result.memberships++;
            if (first || rnd.chance(0.15)) {
              st.teamPerm.run(projectId, teamId, userId, first && rnd.chance(0.5) ? "billing:write" : "billing:read");
              result.teamPermissions++;
            }
            if (!selected.has(userId) && rnd.chance(0.7)) {
              st.selectTeam.run(teamId, userId);
              selected.add(userId);
            }
            first = false;
          }
        }
        lap("teams");
        for (const [k, v] of Object.entries(seedLargeTeam(db, { projectId, users: candidates, anchor, addMember }))) result[k as "teams" | "memberships" | "teamPermissions"] += v;
        lap("large team");
      }, lap);
    })();
    lap("commit");
  } finally {
    if (wal) db.pragma("journal_mode = WAL");
    if (saved) {
      db.pragma(`foreign_keys = ${Number(saved.fk)}`);
      db.pragma(`synchronous = ${Number(saved.sync)}`);
      db.pragma(`cache_size = ${Number(saved.cache)}`);
      db.pragma(`temp_store = ${Number(saved.temp)}`);
    }
  }
  return result;
}

/** Removes every user, team and custom permission definition of the project (for `--reset`). */
export function resetDemoData(db: DB, projectId: string) {
  db.transaction(() => {
    db.prepare("DELETE FROM team_permissions WHERE project_id = ?").run(projectId);
    db.prepare("DELETE FROM project_permissions WHERE project_id = ?").run(projectId);
    db.prepare("DELETE FROM team_members WHERE project_id = ?").run(projectId);
    db.prepare("DELETE FROM teams WHERE project_id = ?").run(projectId);
    db.prepare("DELETE FROM users WHERE project_id = ?").run(projectId);
    db.prepare("DELETE FROM permission_definitions WHERE project_id = ? AND id IN ('billing:read', 'billing:write', 'admin:support', 'beta:features')").run(projectId);
  })();
}
