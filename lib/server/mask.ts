import "server-only";

import { getServerEnv } from "@/lib/env";
import type { SearchResult } from "@/lib/schemas/search";
import type { Role } from "@/lib/roles";
import type { TeamMemberPage } from "@/lib/teams-dto";
import type { UserDetailData, UserPage } from "@/lib/users-dto";

// Personal data (e-mails, names, profile images) masked for the roles in MASK_PERSONAL_DATA_FOR.
// Applied to the DTOs on the server, so the masked value is all the browser ever receives; an
// operator who needs the real values reveals one user with a reason (revealUserData, audited).

const DOT = "•••";

/** Whether `role` sees personal data masked. */
export function masksPersonalData(role: Role, maskedRoles: readonly Role[] = getServerEnv().maskPersonalDataFor): boolean {
  return maskedRoles.includes(role);
}

/** `jane.doe@acme.io` → `j•••@acme.io`: the first character and the domain. */
export function maskEmail(email: string): string;
export function maskEmail(email: string | null): string | null;
export function maskEmail(email: string | null): string | null {
  if (email === null) return null;
  const at = email.lastIndexOf("@");
  if (at <= 0) return maskName(email);
  return `${Array.from(email)[0]}${DOT}${email.slice(at)}`;
}

/** `Jane Doe` → `J••• D•••`: an initial per word, enough to tell rows apart, not to name anyone. */
export function maskName(name: string): string;
export function maskName(name: string | null): string | null;
export function maskName(name: string | null): string | null {
  if (name === null) return null;
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return DOT;
  return words.map((w) => `${Array.from(w)[0]!.toUpperCase()}${DOT}`).join(" ");
}

/** A label that is a user's name or e-mail (never their id, which is not personal data). */
export function maskLabel(label: string, id: string): string {
  if (label === id) return label;
  return label.includes("@") ? maskEmail(label) : maskName(label);
}

type PersonLike = { displayName: string | null; primaryEmail: string | null; profileImageUrl: string | null };

/** The row with its name, e-mail and image masked (the image dropped: avatars show initials). */
export function maskPerson<T extends PersonLike>(row: T): T {
  return { ...row, displayName: maskName(row.displayName), primaryEmail: maskEmail(row.primaryEmail), profileImageUrl: null };
}

export const maskUserPage = (page: UserPage): UserPage => ({ ...page, items: page.items.map(maskPerson) });

/** Members with their user fields and their team profile (a name and image of their own) masked. */
export const maskTeamMemberPage = (page: TeamMemberPage): TeamMemberPage => ({
  ...page,
  items: page.items.map((m) => ({ ...maskPerson(m), profile: m.profile ? { displayName: maskName(m.profile.displayName), profileImageUrl: null } : null })),
});

/** The user page's data: the user, every contact channel's address and linked accounts' e-mails. */
export function maskUserDetailData(data: UserDetailData): UserDetailData {
  return {
    ...data,
    user: maskPerson(data.user),
    contactChannels: data.contactChannels.map((c) => ({ ...c, value: maskEmail(c.value) })),
    linkedAccounts: data.linkedAccounts?.map((a) => ({ ...a, email: maskEmail(a.email) })) ?? null,
  };
}

/** Palette hits: a user's label is their name or e-mail, the detail their e-mail. */
export function maskSearchResult(result: SearchResult): SearchResult {
  return {
    ...result,
    users: result.users.map((h) => ({ ...h, label: maskLabel(h.label, h.id), detail: h.detail === null ? null : maskEmail(h.detail) })),
  };
}

/** Masks `value` with `mask` when `role` sees masked data; otherwise returns it unchanged. */
export function maskedFor<T>(role: Role, value: T, mask: (v: T) => T): T {
  return masksPersonalData(role) ? mask(value) : value;
}

/** The overview's recent sign-ups, labelled by name or e-mail. */
export const maskRecentSignUps = <T extends { id: string; label: string }>(rows: T[]): T[] => rows.map((r) => ({ ...r, label: maskLabel(r.label, r.id) }));

const EMAIL_SHAPED = /^[^@\s]+@[^@\s]+$/;

/** Every string in a change record masked (e-mails as e-mails), numbers and flags kept: what changed, not to what. */
function maskChanges(value: unknown): unknown {
  if (typeof value === "string") return EMAIL_SHAPED.test(value) ? maskEmail(value) : maskName(value);
  if (Array.isArray(value)) return value.map(maskChanges);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskChanges(v)]));
  return value;
}

/** An audit entry about a user (or a team member): its label and the values it changed are masked. */
export function maskAuditEntry<T extends { targetType: string | null; targetId: string | null; targetLabel: string | null; changes: unknown }>(entry: T): T {
  if (entry.targetType !== "user" && entry.targetType !== "team_member") return entry;
  return {
    ...entry,
    targetLabel: entry.targetLabel === null ? null : maskLabel(entry.targetLabel, entry.targetId ?? ""),
    changes: entry.changes === null ? null : maskChanges(entry.changes),
  };
}
