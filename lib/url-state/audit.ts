import { defineTableUrl, field, type Field, type TableParams, type TableUrlState } from "./define";

export const AUDIT_PAGE_SIZES = [25, 50, 100] as const;
export const AUDIT_RESULTS = ["all", "success", "failure", "refused", "pending"] as const;
export type AuditResultFilter = (typeof AUDIT_RESULTS)[number];

/** A calendar day, YYYY-MM-DD (UTC), that exists. */
function day(): Field<string | undefined> {
  return {
    default: undefined,
    parse: (raw) => (/^\d{4}-\d{2}-\d{2}$/.test(raw) && !Number.isNaN(Date.parse(`${raw}T00:00:00Z`)) && new Date(`${raw}T00:00:00Z`).toISOString().startsWith(raw) ? raw : undefined),
    format: (v) => v ?? "",
  };
}

export const auditFilterFields = {
  actor: field.text(254),
  action: field.text(100),
  target: field.text(200),
  result: field.oneOf(AUDIT_RESULTS, "all"),
  from: day(),
  to: day(),
};

const fields = { ...auditFilterFields, pageSize: field.numberOf(AUDIT_PAGE_SIZES, 50) };

/** URL state of the audit log: filters, and the cursor is the id of the last entry of the previous page. */
export const auditUrl = defineTableUrl(fields, { cursor: field.cursor((raw) => /^[1-9]\d{0,15}$/.test(raw), 16) });
export type AuditListParams = TableParams<typeof fields>;
export type AuditUrlState = TableUrlState<typeof fields>;

/** The filter as the store takes it: `to` is inclusive (the whole day). */
export function auditFilterOf(p: Pick<AuditListParams, keyof typeof auditFilterFields>) {
  const DAY = 24 * 60 * 60 * 1000;
  return {
    actorEmail: p.actor,
    action: p.action,
    targetId: p.target,
    status: p.result === "all" ? undefined : p.result,
    fromMillis: p.from ? Date.parse(`${p.from}T00:00:00Z`) : undefined,
    toMillis: p.to ? Date.parse(`${p.to}T00:00:00Z`) + DAY : undefined,
  };
}
