import { defineTableUrl, field, type TableParams, type TableUrlState } from "./define";

export const AUDIT_PAGE_SIZES = [25, 50, 100] as const;

const fields = { pageSize: field.numberOf(AUDIT_PAGE_SIZES, 50) };

/** URL state of the audit log: the cursor is the id of the last entry of the previous page. */
export const auditUrl = defineTableUrl(fields, { cursor: field.cursor((raw) => /^[1-9]\d{0,15}$/.test(raw), 16) });
export type AuditListParams = TableParams<typeof fields>;
export type AuditUrlState = TableUrlState<typeof fields>;
