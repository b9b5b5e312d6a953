import { describe, expect, it } from "vitest";
import { maskEmail, maskLabel, maskName, maskPerson, maskSearchResult, masksPersonalData, maskUserDetailData } from "@/lib/server/mask";
import type { UserDetailData } from "@/lib/users-dto";

describe("masking personal data", () => {
  it("keeps an e-mail's first character and domain", () => {
    expect(maskEmail("jane.doe@acme.io")).toBe("j•••@acme.io");
    expect(maskEmail("Élodie@exemple.fr")).toBe("É•••@exemple.fr");
    expect(maskEmail("a@b@c.io")).toBe("a•••@c.io");
    expect(maskEmail(null)).toBeNull();
    // Not an e-mail: masked as a name, nothing of it kept beyond an initial.
    expect(maskEmail("@nohost")).toBe("@•••");
  });

  it("keeps one initial per word of a name", () => {
    expect(maskName("Jane Doe")).toBe("J••• D•••");
    expect(maskName("  ada   lovelace king ")).toBe("A••• L••• K•••");
    expect(maskName("😀 Smile")).toBe("😀••• S•••");
    expect(maskName("   ")).toBe("•••");
    expect(maskName(null)).toBeNull();
  });

  it("masks a label that is a name or an e-mail, never an id", () => {
    const id = "0b8f1a0e-5c1d-4c7e-9a54-1f6b3c9d2e70";
    expect(maskLabel(id, id)).toBe(id);
    expect(maskLabel("jo@acme.io", id)).toBe("j•••@acme.io");
    expect(maskLabel("Jo Smith", id)).toBe("J••• S•••");
  });

  it("drops the profile image (avatars show initials) and keeps the rest of a row", () => {
    const row = { id: "u1", displayName: "Jane Doe", primaryEmail: "jane@acme.io", profileImageUrl: "https://img.example/jane.png", isAnonymous: false };
    expect(maskPerson(row)).toEqual({ id: "u1", displayName: "J••• D•••", primaryEmail: "j•••@acme.io", profileImageUrl: null, isAnonymous: false });
  });

  it("leaves nothing of the e-mails or names in a masked user page", () => {
    const data = {
      user: { id: "u1", displayName: "Jane Doe", primaryEmail: "jane@acme.io", profileImageUrl: "https://img.example/jane.png" },
      contactChannels: [{ id: "c1", value: "jane.second@acme.io", isPrimary: false, isVerified: true, usedForAuth: false }],
      linkedAccounts: [{ id: "l1", provider: "github", accountId: "42", email: "jane@github.example", allowSignIn: true, allowConnectedAccounts: true }],
      sessions: null,
      teams: [],
      features: { sessions: true, linkedAccounts: true, restriction: true },
    } as unknown as UserDetailData;
    const text = JSON.stringify(maskUserDetailData(data));
    for (const secret of ["jane@acme.io", "jane.second", "jane@github", "Jane", "Doe", "img.example"]) expect(text).not.toContain(secret);
    expect(text).toContain("j•••@github.example");
  });

  it("masks palette hits", () => {
    const r = maskSearchResult({ users: [{ kind: "user", id: "u1", label: "Jane Doe", detail: "jane@acme.io" }], teams: [{ kind: "team", id: "t1", label: "Acme", detail: null }] });
    expect(r).toEqual({ users: [{ kind: "user", id: "u1", label: "J••• D•••", detail: "j•••@acme.io" }], teams: [{ kind: "team", id: "t1", label: "Acme", detail: null }] });
  });

  it("applies to the configured roles only", () => {
    expect(masksPersonalData("viewer", ["viewer", "support"])).toBe(true);
    expect(masksPersonalData("support", ["viewer", "support"])).toBe(true);
    expect(masksPersonalData("operator", ["viewer", "support"])).toBe(false);
    expect(masksPersonalData("viewer", [])).toBe(false);
  });
});

describe("maskAuditEntry", () => {
  it("masks a user target's label and the values it changed, and leaves other targets alone", async () => {
    const { maskAuditEntry } = await import("@/lib/server/mask");
    const entry = {
      targetType: "user",
      targetId: "u1",
      targetLabel: "jane.doe@acme.io",
      changes: { display_name: { from: "Jane Doe", to: "Jane Smith" }, primary_email_verified: { from: false, to: true } },
    };
    const masked = maskAuditEntry(entry);
    expect(JSON.stringify(masked)).not.toMatch(/jane|Doe|Smith|acme\.io@|doe@/i);
    expect(masked.targetLabel).toMatch(/^j•+@acme\.io$/);
    expect(masked.changes).toMatchObject({ primary_email_verified: { from: false, to: true } });
    const team = { targetType: "team", targetId: "t1", targetLabel: "Acme", changes: { display_name: { from: "A", to: "B" } } };
    expect(maskAuditEntry(team)).toBe(team);
  });
});
