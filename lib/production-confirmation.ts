// The extra confirmation for writes to a production-labelled project (PRODUCTION_CONFIRM): the
// operator types the project's name, and the action wrapper checks it on the server before
// anything else runs. Shared by the server guard and the browser's action runner.

/** Input field a direct caller (a script replaying an action) sends the typed name in. */
export const PRODUCTION_CONFIRMATION_FIELD = "productionConfirmation";

/**
 * How the browser's action runner sends it: a call site's closure cannot gain an input field, so
 * the runner puts the typed name in this short-lived, same-site cookie for the one retry and
 * clears it after. Posts are Origin-checked (proxy.ts), so another site cannot use it.
 */
export const PRODUCTION_CONFIRMATION_COOKIE = "stack-admin-production-confirmation";

export const PRODUCTION_CONFIRMATION_REQUIRED = "PRODUCTION_CONFIRMATION_REQUIRED";
export const PRODUCTION_CONFIRMATION_MISMATCH = "PRODUCTION_CONFIRMATION_MISMATCH";
