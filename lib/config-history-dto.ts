// What the config history page renders (lib/server/config-history.ts stores it).
import type { ConfigChange } from "@/lib/config/diff";
import type { DangerousChange } from "@/lib/config/danger";
import type { SignInImpact } from "@/lib/config/impact";
import type { SettingsDTO } from "@/lib/settings-dto";

export type ConfigVersionSummary = {
  id: string;
  at: number;
  /** console: made here; elsewhere: seen on a read, made outside the console; baseline: the first read. */
  kind: "console" | "elsewhere" | "baseline";
  actor: string | null;
  source: string | null;
  fields: string[];
};

export type ConfigVersionDTO = ConfigVersionSummary & { before: SettingsDTO | null; after: SettingsDTO };

/** A previewed change: the diff the operator confirms, and the hash the apply must match. */
export type ConfigPreview = {
  sourceLabel: string;
  changes: ConfigChange[];
  dangerous: DangerousChange[];
  /** How many users the dangerous sign-in parts affect, counted over a bounded read; null: nothing to count, or not known. */
  impact: SignInImpact | null;
  hash: string;
  /** What the operator types: the project's display name, or the no-sign-in phrase. */
  confirmValue: string;
  target: { label: string; id: string };
};
