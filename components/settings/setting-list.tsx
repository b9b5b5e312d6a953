import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader } from "@/components/ui/card";

/** One settings group: a titled card holding a definition list of its values. */
export function SettingsCard({ title, description, children }: { title: string; description: string; children: ReactNode }) {
  return (
    <Card>
      <section aria-label={title}>
        <CardHeader>
          {/* An h2 under the page's h1 (CardTitle is an h3). */}
          <h2 className="font-semibold leading-none tracking-tight">{title}</h2>
          <CardDescription>{description}</CardDescription>
        </CardHeader>
        <CardContent className="space-y-4">{children}</CardContent>
      </section>
    </Card>
  );
}

export function SettingList({ children }: { children: ReactNode }) {
  return <dl className="grid grid-cols-1 gap-x-6 gap-y-3 text-sm sm:grid-cols-[minmax(12rem,auto)_1fr]">{children}</dl>;
}

/** A row of a SettingList; grouped in a div so `<dl>` keeps its `<dt>`/`<dd>` pairs together. */
export function Setting({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="contents">
      <dt className="text-muted-foreground">{label}</dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </div>
  );
}

export function OnOff({ on }: { on: boolean }) {
  return <Badge variant={on ? "success" : "secondary"}>{on ? "On" : "Off"}</Badge>;
}

/** A value the server's release has no field for: shown as a note, never as a guess. */
export function NotOnRelease() {
  return <span className="text-muted-foreground">Not available on this Stack server&apos;s release</span>;
}

export function BoolSetting({ label, value }: { label: string; value: boolean | null }) {
  return <Setting label={label}>{value === null ? <NotOnRelease /> : <OnOff on={value} />}</Setting>;
}

export function PermissionIds({ ids }: { ids: string[] | null }) {
  if (ids === null) return <NotOnRelease />;
  if (ids.length === 0) return <span className="text-muted-foreground">None</span>;
  return (
    <span className="flex flex-wrap gap-1">
      {ids.map((id) => (
        <Badge key={id} variant="outline" className="font-mono">
          {id}
        </Badge>
      ))}
    </span>
  );
}
