import { FileJson, FileUp, Fingerprint, GitCompareArrows, Globe, History, KeyRound, LayoutDashboard, Link2, Mail, ScrollText, Settings, ShieldCheck, UserCog, Users, UsersRound, type LucideIcon } from "lucide-react";

/** Sidebar and palette icon per nav registry id (lib/nav.ts). */
export const NAV_ICONS: Record<string, LucideIcon> = {
  overview: LayoutDashboard,
  users: Users,
  "users-import": FileUp,
  teams: UsersRound,
  permissions: ShieldCheck,
  "sign-in-methods": Fingerprint,
  "oauth-providers": Link2,
  domains: Globe,
  emails: Mail,
  "api-keys": KeyRound,
  settings: Settings,
  config: FileJson,
  "config-compare": GitCompareArrows,
  "config-history": History,
  audit: ScrollText,
  operators: UserCog,
};
