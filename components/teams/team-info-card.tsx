import { formatUtc } from "@/components/data-table/format-date";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { TeamDetail } from "@/lib/teams-dto";

const METADATA = [
  ["clientMetadata", "Client metadata", "Readable and writable by the team's members' clients."],
  ["clientReadOnlyMetadata", "Client read-only metadata", "Readable by clients, writable only by the server."],
  ["serverMetadata", "Server metadata", "Only the server sees it."],
] as const;

/** Id, creation date and the three metadata fields, read-only (no client JS). */
export function TeamInfoCard({ team }: { team: TeamDetail }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>Details</CardTitle>
        <CardDescription>Metadata is shown read-only here.</CardDescription>
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
          {METADATA.map(([key, label, hint]) => (
            <div key={key}>
              <dt className="text-muted-foreground" title={hint}>
                {label}
              </dt>
              <dd>
                {team[key] ? (
                  <pre className="mt-1 max-h-48 overflow-auto rounded bg-muted p-2 text-xs" tabIndex={0} aria-label={label}>
                    {team[key]}
                  </pre>
                ) : (
                  <span className="text-muted-foreground">None</span>
                )}
              </dd>
            </div>
          ))}
        </dl>
      </CardContent>
    </Card>
  );
}
