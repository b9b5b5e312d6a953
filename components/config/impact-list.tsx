import type { DangerousChange } from "@/lib/config/danger";
import { describeImpact, describeLockout, type SignInImpact } from "@/lib/config/impact";

/**
 * The counts of a guarded change, where they are known: users who sign in with a method or
 * provider being removed, and who would have no way left. `impact` undefined: still counting.
 */
export function ImpactList({ dangerous, impact }: { dangerous: DangerousChange[]; impact: SignInImpact | null | undefined }) {
  const lines = dangerous.flatMap((d) => {
    if (impact === undefined && (d.key === "disableAuthMethod" || d.key === "removeOAuthProvider")) return [{ id: d.path, text: `${d.summary}: counting the users…` }];
    const text = describeImpact(d, impact ?? null);
    return text ? [{ id: d.path, text: `${d.summary}: ${text}` }] : [];
  });
  const lockout = impact ? describeLockout(impact) : null;
  if (lines.length === 0 && !lockout) return null;
  return (
    <ul className="list-disc space-y-1 pl-5" aria-label="Users affected">
      {lines.map((l) => (
        <li key={l.id}>{l.text}</li>
      ))}
      {lockout ? <li className="font-medium text-foreground">{lockout}</li> : null}
    </ul>
  );
}
