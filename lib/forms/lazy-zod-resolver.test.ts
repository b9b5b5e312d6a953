import { describe, expect, it } from "vitest";
import { lazyZodResolver } from "./lazy-zod-resolver";
import type { SetUserPasswordInput } from "@/lib/schemas/users";

const opts = { fields: {}, shouldUseNativeValidation: false } as never;

describe("lazyZodResolver", () => {
  it("validates with the shared schema, loaded once on first use", async () => {
    let loads = 0;
    const resolver = lazyZodResolver<SetUserPasswordInput>(() => {
      loads++;
      return import("@/lib/schemas/users").then((m) => m.setUserPasswordSchema);
    });
    const bad = await resolver({ userId: "0b8f1a0e-5c1d-4c7e-9a54-1f6b3c9d2e70", password: "short" }, undefined, opts);
    expect(bad.errors.password?.message).toBe("At least 8 characters.");
    const good = await resolver({ userId: "0b8f1a0e-5c1d-4c7e-9a54-1f6b3c9d2e70", password: "long enough" }, undefined, opts);
    expect(good.errors).toEqual({});
    expect(good.values).toEqual({ userId: "0b8f1a0e-5c1d-4c7e-9a54-1f6b3c9d2e70", password: "long enough" });
    expect(loads).toBe(1);
  });
});
