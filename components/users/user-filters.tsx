"use client";

import { SlidersHorizontal, X } from "lucide-react";
import { useId, useState } from "react";
import { buttonVariants } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { parseDomains, type UserListParams } from "@/lib/url-state/users";
import type { UserListFeatures } from "@/lib/users-dto";
import { TeamPicker } from "./user-picker";

export type FilterChange = Partial<Pick<UserListParams, "filter" | "restricted" | "verified" | "domain" | "xdomain" | "team">>;

/** A comma list of domains, committed on Enter or when the field loses focus. */
function DomainsField({ label, value, onCommit }: { label: string; value: string[]; onCommit: (domains: string[]) => void }) {
  const id = useId();
  const joined = value.join(", ");
  const [text, setText] = useState(joined);
  const [synced, setSynced] = useState(joined);
  if (joined !== synced) {
    setSynced(joined);
    setText(joined);
  }
  const commit = () => {
    const next = parseDomains(text);
    setText(next.join(", "));
    if (next.join(",") !== value.join(",")) onCommit(next);
  };
  return (
    <div className="grid gap-1">
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      <Input id={id} value={text} placeholder="acme.io, example.com" onChange={(e) => setText(e.target.value)} onBlur={commit} onKeyDown={(e) => e.key === "Enter" && commit()} />
    </div>
  );
}

function FilterSelect<V extends string>({ label, value, options, onChange, className }: { label: string; value: V; options: [V, string][]; onChange: (value: V) => void; className: string }) {
  const id = useId();
  return (
    <div className="flex items-center gap-2">
      <label htmlFor={id} className="text-sm text-muted-foreground">
        {label}
      </label>
      <Select id={id} value={value} onChange={(e) => onChange(e.target.value as V)} className={className}>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </Select>
    </div>
  );
}

/**
 * The users table's filters beyond the search box. What the release cannot filter is not
 * offered (the note above the table says so); the rest is sent to Stack or applied by the
 * console (lib/url-state/users.ts planUserFilter).
 */
export function UserFilters({ params, features, teamLabel, onChange }: { params: UserListParams; features: UserListFeatures; teamLabel: string | null; onChange: (change: FilterChange) => void }) {
  const [pickedTeam, setPickedTeam] = useState<{ id: string; label: string } | null>(null);
  const team = params.team ? (pickedTeam?.id === params.team ? pickedTeam.label : (teamLabel ?? params.team)) : null;
  const more = [params.domain.length > 0, params.xdomain.length > 0, Boolean(params.team)].filter(Boolean).length;
  return (
    <>
      {features.anonymousFilter ? (
        <FilterSelect label="Show" value={params.filter} onChange={(filter) => onChange({ filter })} className="w-44" options={[["all", "Signed-up users"], ["anonymous", "Anonymous only"], ["everyone", "Everyone"]]} />
      ) : null}
      {features.restrictedFilter ? (
        <FilterSelect label="Restricted" value={params.restricted} onChange={(restricted) => onChange({ restricted })} className="w-36" options={[["include", "Included"], ["exclude", "Left out"], ["only", "Only"]]} />
      ) : null}
      <FilterSelect label="E-mail" value={params.verified} onChange={(verified) => onChange({ verified })} className="w-36" options={[["any", "Any"], ["yes", "Verified"], ["no", "Not verified"]]} />
      <details className="relative">
        <summary className={buttonVariants({ variant: "outline", size: "sm" })}>
          <SlidersHorizontal aria-hidden /> More filters{more ? ` (${more})` : ""}
        </summary>
        <div className="absolute left-0 z-20 mt-2 grid w-80 gap-3 rounded-md border bg-popover p-3 text-popover-foreground shadow-md">
          <DomainsField label="Only e-mail domains" value={params.domain} onCommit={(domain) => onChange({ domain })} />
          <DomainsField label="Leave out e-mail domains" value={params.xdomain} onCommit={(xdomain) => onChange({ xdomain })} />
          {team ? (
            <div className="flex items-center gap-2 text-sm">
              <span className="min-w-0 truncate">
                Members of <strong>{team}</strong>
              </span>
              <button type="button" className={buttonVariants({ variant: "ghost", size: "sm" })} onClick={() => onChange({ team: undefined })}>
                <X aria-hidden /> Any team
              </button>
            </div>
          ) : (
            <TeamPicker
              label="Members of a team"
              placeholder="Find a team by name or id"
              onSelect={(t) => {
                if (!t) return;
                setPickedTeam({ id: t.id, label: t.label });
                onChange({ team: t.id });
              }}
            />
          )}
        </div>
      </details>
    </>
  );
}
