import { Download } from "lucide-react";
import { buttonVariants } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { USER_EXPORT_COLUMN_LABELS, USER_EXPORT_COLUMNS } from "@/lib/schemas/export";
import { usersUrl, type UserListParams } from "@/lib/url-state/users";

/**
 * "Export CSV" over the table's current filter and sort: every matching user, not just this
 * page. A plain GET form (no script): the browser downloads the streamed file itself and shows
 * its progress as the rows arrive.
 */
export function ExportUsers({ params }: { params: UserListParams }) {
  const filter = [...new URLSearchParams(usersUrl.search({ params: { ...params, cursor: undefined }, trail: [] }))];
  return (
    <details className="relative">
      <summary className={buttonVariants({ variant: "outline", size: "sm" })}>
        <Download aria-hidden /> Export CSV
      </summary>
      <form method="get" action="/api/users/export" className="absolute right-0 z-20 mt-2 w-64 space-y-3 rounded-md border bg-popover p-3 text-popover-foreground shadow-md">
        {filter.map(([k, v]) => (
          <input key={k} type="hidden" name={k} value={v} />
        ))}
        <fieldset className="space-y-1">
          <legend className="mb-1 text-sm font-medium">Columns</legend>
          {USER_EXPORT_COLUMNS.map((c) => (
            <label key={c} className="flex items-center gap-2 text-sm">
              <Checkbox name="columns" value={c} defaultChecked />
              {USER_EXPORT_COLUMN_LABELS[c]}
            </label>
          ))}
        </fieldset>
        <p className="text-xs text-muted-foreground">Every user matching the search and filter, all pages.</p>
        <button type="submit" className={buttonVariants({ size: "sm" })}>
          <Download aria-hidden /> Download CSV
        </button>
      </form>
    </details>
  );
}
