import type { EmulatorConfig } from "./config";
import type { DB } from "./db";

export type SeedOptions = { users: number };

// TODO(owner of users): deterministic realistic seed (issue #2 item 5).
export function seedDemoData(_db: DB, _config: EmulatorConfig, _opts: SeedOptions): { users: number; teams: number } {
  return { users: 0, teams: 0 };
}
