import { describe, expect, it } from "vitest";
import { hasDanglingReference } from "@/lib/server/action-body";

describe("hasDanglingReference", () => {
  it("accepts what React's encodeReply produces: escaped $ strings and inline values", () => {
    for (const body of ['[{"a":"$$5 off","b":"$undefined","c":"$D2026-01-01T00:00:00.000Z","d":"$n12","e":"$-0"}]', "[]", '["plain", 1, null, true]']) {
      expect(hasDanglingReference(JSON.parse(body)), body).toBe(false);
    }
  });

  it("refuses bodies Next would fail to decode with a 500: references to parts a text body lacks, or no argument array", () => {
    for (const body of ["null", '{"a":1}', '"x"', '["$1"]', '[{"userId":"$@1"}]', '[["$Q1"]]', '["${7*7}"]', '["$K1"]']) {
      expect(hasDanglingReference(JSON.parse(body)), body).toBe(true);
    }
  });
});
