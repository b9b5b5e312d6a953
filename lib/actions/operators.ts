"use server";

import { revalidatePath } from "next/cache";
import { ActionRefusal, defineAction } from "@/lib/server/action";
import { endOperatorSessions } from "@/lib/server/operator-sessions";
import { findOperator } from "@/lib/server/operators";
import { endOperatorSessionsSchema } from "@/lib/schemas/operators";

/** Ends every session of an operator, on every device; they must sign in again. */
export const endOperatorSessionsAction = defineAction({
  name: "endOperatorSessions",
  dangerous: "endOperatorSessions",
  input: endOperatorSessionsSchema,
  target: (input) => ({ type: "operator", id: input.email }),
  handler: async ({ input, audit, confirm }) => {
    // The target as it is now in the operators file, not as the page showed it.
    const op = findOperator(input.email);
    if (!op) throw new ActionRefusal("OPERATOR_NOT_FOUND", `${input.email} is not in the operators file.`);
    const target = { type: "operator", id: op.email, label: op.name ? `${op.name} <${op.email}>` : op.email };
    audit(target);
    confirm(op.email);
    const at = Date.now();
    await endOperatorSessions(op.email, at);
    audit(target, { after: { sessions_not_before: new Date(at).toISOString() } });
    revalidatePath("/operators");
    return { email: op.email };
  },
});
