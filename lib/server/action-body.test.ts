import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { refuseUndecodableActionBody } from "@/lib/server/action-body";

const post = (body: string, headers: Record<string, string> = { "next-action": "7f00", "content-type": "text/plain;charset=UTF-8" }) =>
  new NextRequest("http://localhost/users", { method: "POST", headers, body });

describe("refuseUndecodableActionBody", () => {
  it("lets through what React's encodeReply produces: escaped $ strings and inline values", async () => {
    for (const body of ['[{"a":"$$5 off","b":"$undefined","c":"$D2026-01-01T00:00:00.000Z","d":"$n12","e":"$-0"}]', "[]", '["plain", 1, null, true]']) {
      expect(await refuseUndecodableActionBody(post(body)), body).toBeNull();
    }
  });

  it("refuses bodies Next would fail to decode with a 500, with the wrapper's INVALID_INPUT shape", async () => {
    for (const body of ["", "{", "null", '{"a":1}', '["$1"]', '[{"userId":"$@1"}]', '[["$Q1"]]', '["${7*7}"]', '["$K1"]']) {
      const res = await refuseUndecodableActionBody(post(body));
      expect(res?.status, body).toBe(400);
      expect(await res!.json()).toMatchObject({ ok: false, code: "INVALID_INPUT" });
    }
  });

  it("ignores requests that are not plain-text server-action POSTs", async () => {
    expect(await refuseUndecodableActionBody(post("{", { "content-type": "text/plain" }))).toBeNull();
    expect(await refuseUndecodableActionBody(post("{", { "next-action": "7f00", "content-type": "multipart/form-data; boundary=x" }))).toBeNull();
    expect(await refuseUndecodableActionBody(new NextRequest("http://localhost/users", { headers: { "next-action": "7f00" } }))).toBeNull();
  });
});
