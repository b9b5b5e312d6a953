import { describe, expect, it } from "vitest";
import { apiKeyState, CONSOLE_KEY_CONFIRMATION, expiresAtFor, EXPIRY_PRESETS, maskedSecret, NEVER_EXPIRES_AT, neverExpires } from "@/lib/api-keys-dto";
import { DANGEROUS } from "@/lib/dangerous";

const NOW = Date.UTC(2026, 11, 1, 12);

describe("apiKeyState", () => {
  it("is active until the expiry, expired from it on, revoked whatever the expiry", () => {
    expect(apiKeyState({ expiresAt: null, revokedAt: null }, NOW)).toBe("active");
    expect(apiKeyState({ expiresAt: NOW + 1, revokedAt: null }, NOW)).toBe("active");
    // Stack authenticates a key only while its expiry is in the future.
    expect(apiKeyState({ expiresAt: NOW, revokedAt: null }, NOW)).toBe("expired");
    expect(apiKeyState({ expiresAt: NOW - 1, revokedAt: null }, NOW)).toBe("expired");
    expect(apiKeyState({ expiresAt: NOW - 1, revokedAt: NOW - 5 }, NOW)).toBe("revoked");
    expect(apiKeyState({ expiresAt: null, revokedAt: 0 }, NOW)).toBe("revoked");
  });
});

describe("maskedSecret", () => {
  it("shows the kind's prefix and the last four characters only", () => {
    expect(maskedSecret("secret", "fbf5")).toBe("sk_••••fbf5");
    expect(maskedSecret("public", "ab12")).toBe("pk_••••ab12");
    expect(maskedSecret("publishable_client_key", "pqw8")).toBe("pck_••••pqw8");
    expect(maskedSecret("secret_server_key", "0fgr")).toBe("ssk_••••0fgr");
    expect(maskedSecret("super_secret_admin_key", "y638")).toBe("sak_••••y638");
  });

  it("never shows more than four characters, even when handed more", () => {
    expect(maskedSecret("secret_server_key", "ssk_emulatordemosecretserverkeyabcdefghijklmnopqr")).toBe("ssk_••••opqr");
    expect(maskedSecret("secret", "😀😀😀😀😀")).toBe("sk_••••😀😀😀😀");
    expect(maskedSecret("secret", "ab")).toBe("sk_••••ab");
  });
});

describe("expiry presets", () => {
  it("turn into a time from now; never is null for user and team keys and 2100 for key sets", () => {
    expect(expiresAtFor("1d", NOW, null)).toBe(NOW + 86_400_000);
    expect(expiresAtFor("30d", NOW, null)).toBe(NOW + 30 * 86_400_000);
    expect(expiresAtFor("1y", NOW, NEVER_EXPIRES_AT)).toBe(NOW + 365 * 86_400_000);
    expect(expiresAtFor("never", NOW, null)).toBeNull();
    expect(expiresAtFor("never", NOW, NEVER_EXPIRES_AT)).toBe(Date.UTC(2100, 0, 1));
    expect(new Set(EXPIRY_PRESETS.map((p) => p.value)).size).toBe(EXPIRY_PRESETS.length);
  });

  it("reads no expiry and the far-future stand-in as never", () => {
    expect(neverExpires(null)).toBe(true);
    expect(neverExpires(NEVER_EXPIRES_AT)).toBe(true);
    expect(neverExpires(NEVER_EXPIRES_AT + 1)).toBe(true);
    expect(neverExpires(NOW)).toBe(false);
  });
});

it("the console-key confirmation is the phrase the dangerous registry asks for", () => {
  expect(DANGEROUS.revokeConsoleKey.confirmHint).toBe(`the words: ${CONSOLE_KEY_CONFIRMATION}`);
});
