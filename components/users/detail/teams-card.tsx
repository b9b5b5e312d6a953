import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { teamLabel } from "@/lib/labels";
import type { UserTeamRow } from "@/lib/users-dto";

export function TeamsCard({ teams }: { teams: UserTeamRow[] }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>Teams</CardTitle>
        <CardDescription>Teams the user is a member of.</CardDescription>
      </CardHeader>
      <CardContent>
        {teams.length === 0 ? (
          <p className="text-sm text-muted-foreground">Not a member of any team.</p>
        ) : (
          <ul className="flex flex-wrap gap-2" aria-label="Teams">
            {teams.map((t) => (
              <li key={t.id} className="rounded-md border px-2.5 py-1 text-sm" title={t.id}>
                {teamLabel(t)}
              </li>
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}
