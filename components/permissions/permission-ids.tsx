/** Permission ids as a row of monospace chips; `none` when there are none. */
export function PermissionIds({ ids, none }: { ids: readonly string[]; none: string }) {
  if (ids.length === 0) return <span className="text-sm text-muted-foreground">{none}</span>;
  return (
    <ul className="flex flex-wrap gap-1" aria-label={`${ids.length} ${ids.length === 1 ? "permission" : "permissions"}`}>
      {ids.map((id) => (
        <li key={id} className="rounded border bg-muted/50 px-1.5 py-0.5 font-mono text-xs">
          {id}
        </li>
      ))}
    </ul>
  );
}
