// Every server action's input fuzzed as the owner (who may run everything): wrong types, huge
// strings, unicode, injection strings, prototype-pollution keys, ids with path characters, React
// reply references. Each answer is a validation error, never a 5xx, and nothing reaches Stack.
import { ACTION_INPUTS, invalidValues, invalidWholeInputs } from "./action-inputs";
import { storageStatePath } from "./env";
import { batch, callAction, emulatorRequests, lastRequestSeq, serverActions, storedSessionCookie, type ServerAction } from "./entry-points";
import { test, expect } from "./fixtures";

const MIN_CASES = 50;

function fuzzCases(action: ServerAction): { what: string; input: unknown }[] {
  const spec = ACTION_INPUTS[action.exportedName];
  if (!spec) throw new Error(`no input for ${action.exportedName} in e2e/action-inputs.ts`);
  const cases = invalidWholeInputs(spec).map((input, i) => ({ what: `whole input #${i}`, input }));
  for (const [field, kind] of Object.entries(spec.fields)) {
    for (const [i, value] of invalidValues(kind, spec.max?.[field]).entries()) {
      cases.push({ what: `${field} (${kind}) #${i}: ${JSON.stringify(value)?.slice(0, 40)}`, input: { ...spec.valid, [field]: value } });
    }
  }
  return cases;
}

test.describe("fuzzed action input", () => {
  test(`each action refuses at least ${MIN_CASES} invalid inputs with a validation error, never a 5xx, never a Stack call`, async ({ emulator }) => {
    // Thousands of calls, each refusal audited: a cap for a loaded machine, not what it takes.
    test.setTimeout(420_000);
    const owner = storedSessionCookie(storageStatePath("admin"));
    const all = serverActions().flatMap((action) => {
      const cases = fuzzCases(action);
      expect(cases.length, `${action.exportedName} fuzz cases`).toBeGreaterThanOrEqual(MIN_CASES);
      return cases.map((c) => ({ action, ...c }));
    });

    const before = await emulator.settledApiRequests();
    const seq = await lastRequestSeq();
    const replies = await batch(all, 6, async (c) => ({ ...c, reply: await callAction(c.action, [c.input], owner) }));

    // The wrapper's INVALID_INPUT, or the proxy's 400 for a body React could not decode.
    const refused = (r: { status: number; code: string | null }) => r.code === "INVALID_INPUT" || (r.status === 400 && r.code === "BAD_REQUEST");
    const wrong = replies.filter(({ reply }) => reply.status >= 500 || !refused(reply));
    expect(
      wrong.map(({ action, what, reply }) => `${action.exportedName} ${what}: HTTP ${reply.status} ${reply.code ?? reply.text.slice(0, 160)}`),
      `${all.length} cases: each a validation error`,
    ).toEqual([]);
    expect((await emulatorRequests(seq)).items.map((r) => `${r.method} ${r.path}`), "nothing reached Stack").toEqual([]);
    expect(await emulator.apiRequests()).toBe(before);
  });

  test("a body that is not a React reply at all is refused without a 5xx or a Stack call", async ({ emulator }) => {
    const owner = storedSessionCookie(storageStatePath("admin"));
    const action = serverActions()[0]!;
    const before = await emulator.settledApiRequests();
    for (const body of ["", "{", "[", "null", '"x"', "[1,2,3", "\u0000", "x".repeat(100_000)]) {
      const reply = await callAction(action, body, owner);
      expect(reply.status, `${JSON.stringify(body.slice(0, 20))}: ${reply.text.slice(0, 200)}`).toBeLessThan(500);
      expect(reply.ok).not.toBe(true);
    }
    expect(await emulator.apiRequests()).toBe(before);
  });
});
