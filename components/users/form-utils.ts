/** For inputs shown read-only to roles that can't save them: reads as static, stays selectable. */
export const readOnlyControl = "read-only:bg-muted/40 read-only:shadow-none";
