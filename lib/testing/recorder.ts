import { confirmationMatches } from "@/lib/dangerous";
import type { AuditTarget, ChangeRecorder } from "@/lib/server/action";

/**
 * A ChangeRecorder for server-function tests: keeps the audits and every value the function asked
 * to be typed (`asked`), and confirms like defineAction does (`typed` is what the operator typed).
 */
export function recorder(typed = "") {
  const audits: { target: AuditTarget; changes: unknown }[] = [];
  const asked: string[] = [];
  const rec: ChangeRecorder = {
    audit: (target, changes) => void audits.push({ target, changes }),
    confirm: (expected) => {
      asked.push(expected);
      if (!confirmationMatches(typed, expected)) throw new Error("CONFIRMATION_MISMATCH");
    },
  };
  return Object.assign(rec, { audits, asked });
}
