import type { ReactNode } from "react";
import { formatUtc } from "@/components/data-table/format-date";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { TeamDetail } from "@/lib/teams-dto";

/** Id, creation date and member count (no client JS); the count streams in (`memberCount`). */
export function TeamInfoCard({ team, memberCount }: { team: TeamDetail; memberCount: ReactNode }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>Details</CardTitle>
        <CardDescription>What Stack keeps about the team besides its profile.</CardDescription>
      </CardHeader>
      <CardContent>
        <dl className="grid gap-3 text-sm">
          <div>
            <dt className="text-muted-foreground">Team id</dt>
            <dd className="font-mono text-xs break-all">{team.id}</dd>
          </div>
          <div>
            <dt className="text-muted-foreground">Created</dt>
            <dd>
              <time dateTime={new Date(team.createdAt).toISOString()}>{formatUtc(team.createdAt)}</time>
            </dd>
          </div>
          <div>
            <dt className="text-muted-foreground">Members</dt>
            <dd>{memberCount}</dd>
          </div>
        </dl>
      </CardContent>
    </Card>
  );
}
