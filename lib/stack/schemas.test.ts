import { describe, expect, it } from "vitest";

import { realSamples } from "@/lib/stack/fixtures/real-samples";
import {
  adminProjectSchema,
  knownErrorBodySchema,
  listEnvelopeSchema,
  metricsSchema,
  projectApiKeySchema,
  userListSchema,
  userRowListSchema,
  userRowSchema,
  userSchema,
} from "@/lib/stack/schemas";

const body = (s: { body: string }) => JSON.parse(s.body) as unknown;

describe("schemas accept the real server's bodies (captures of Stack 2.8.86)", () => {
  it("GET /users list", () => {
    const parsed = userListSchema.parse(body(realSamples.usersList));
    expect(parsed.items).toHaveLength(2);
    expect(parsed.is_paginated).toBe(true);
    expect(parsed.pagination?.next_cursor).toBeNull();
    expect(parsed.items[0].risk_scores?.sign_up?.bot).toBe(0);
  });

  it("GET /users list, a row's fields only (the export's check): the same users, as parsed", () => {
    const raw = body(realSamples.usersList) as { items: Record<string, unknown>[] };
    const rows = userRowListSchema.parse(raw);
    expect(rows.items.map((u) => u.id)).toEqual(userListSchema.parse(raw).items.map((u) => u.id));
    expect(rows.items[0]).toBe(raw.items[0]); // checked, not copied
    // Each field of a row is checked as userSchema checks it; the others are not.
    const user = raw.items[0]!;
    const broken: (Record<string, unknown> | null)[] = [
      { ...user, id: 7 },
      { ...user, primary_email: undefined },
      { ...user, primary_email_verified: "yes" },
      { ...user, display_name: 1 },
      { ...user, profile_image_url: undefined },
      { ...user, signed_up_at_millis: "1" },
      { ...user, last_active_at_millis: null },
      { ...user, has_password: null },
      { ...user, otp_auth_enabled: 0 },
      { ...user, passkey_auth_enabled: undefined },
      { ...user, oauth_providers: [{ account_id: "x" }] },
      { ...user, oauth_providers: null },
      { ...user, is_anonymous: "false" },
      { ...user, is_restricted: null },
      null,
    ];
    for (const u of broken) {
      expect(userRowSchema.safeParse(u).success, JSON.stringify(u)).toBe(false);
      expect(userSchema.safeParse(u).success).toBe(false);
    }
    expect(userRowSchema.safeParse({ ...user, selected_team: 5, client_metadata: undefined, is_anonymous: undefined }).success).toBe(true);
  });

  it("POST /users created user", () => {
    const user = userSchema.parse(body(realSamples.userCreate));
    expect(user.id).toBe("50289d88-a281-4015-89a1-6761a4952034");
    expect(user.restricted_by_admin).toBe(false);
  });

  it("GET /internal/projects/current (no is_development_environment on 2.8.86)", () => {
    const project = adminProjectSchema.parse(body(realSamples.adminProject));
    expect(project.config.email_config.type).toBe("shared");
    expect(project.config.team_creator_default_permissions).toEqual([{ id: "team_admin" }]);
    expect(project.is_development_environment).toBeUndefined();
  });

  it("GET /internal/api-keys", () => {
    const list = listEnvelopeSchema(projectApiKeySchema).parse(body(realSamples.projectApiKeys));
    expect(list.is_paginated).toBe(false);
    expect(list.items[0].manually_revoked_at_millis).toBe(1795916435156);
    expect(list.items[1].super_secret_admin_key?.last_four).toBe("pz08");
    expect(list.items[0].super_secret_admin_key).toBeUndefined();
  });

  it("GET /internal/metrics (no live_users / active_users_by_country)", () => {
    const m = metricsSchema.parse(body(realSamples.metrics));
    expect(m.total_users).toBe(2);
    expect(m.daily_users).toHaveLength(31);
    expect(m.login_methods).toEqual([{ method: "password", count: 2 }]);
    expect(m.live_users).toBeUndefined();
  });

  it("every known-error sample has a body matching its header", () => {
    const samples = Object.values(realSamples).filter((s) => s.knownError);
    expect(samples.length).toBeGreaterThan(5);
    for (const s of samples) {
      const parsed = knownErrorBodySchema.parse(body(s));
      expect(parsed.code).toBe(s.knownError);
    }
  });
});

describe("old and future servers", () => {
  const base = JSON.parse(realSamples.userCreate.body) as Record<string, unknown>;

  it("accepts a Feb-2025 user (no [NEW] fields)", () => {
    const old = { ...base };
    for (const k of [
      "is_anonymous",
      "is_restricted",
      "restricted_reason",
      "restricted_by_admin",
      "restricted_by_admin_reason",
      "restricted_by_admin_private_details",
      "country_code",
      "risk_scores",
    ]) {
      delete old[k];
    }
    expect(userSchema.safeParse(old).success).toBe(true);
  });

  it("keeps unknown extra fields (loose objects)", () => {
    const parsed = userSchema.parse({ ...base, some_future_field: 42 });
    expect((parsed as Record<string, unknown>).some_future_field).toBe(42);
  });

  it("rejects a user without an id", () => {
    const noId = { ...base };
    delete noId.id;
    expect(userSchema.safeParse(noId).success).toBe(false);
  });
});
