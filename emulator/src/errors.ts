// Known errors (stack-shared's KnownErrors: status, `x-stack-known-error` header, body
// `{code, error, details?}`) and plain-text errors (business rules without a code).
// Handlers throw these; the app turns them into the exact wire format.

export type Details = Record<string, unknown>;

export class KnownError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly details?: Details,
  ) {
    super(message);
  }
  toJSON() {
    return this.details && Object.keys(this.details).length > 0
      ? { code: this.code, details: this.details, error: this.message }
      : { code: this.code, error: this.message };
  }
}

/** A non-known error: status + text/plain body, no x-stack-known-error header. */
export class TextError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const k = (code: string, status: number, message: string, details?: Details) =>
  new KnownError(code, status, message, details);

/** Factory per code, so messages and details keys stay consistent everywhere. */
export const Errors = {
  // A. Request format
  bodyParsing: (msg = "Invalid JSON in request body") => k("BODY_PARSING_ERROR", 400, msg),
  schema: (message: string) => k("SCHEMA_ERROR", 400, message, { message }),

  // B. Project authentication
  projectKeyWithoutAccessType: () =>
    k(
      "PROJECT_KEY_WITHOUT_ACCESS_TYPE",
      400,
      "Either an API key or an admin access token was provided, but the x-stack-access-type header is missing. Set it to 'client', 'server', or 'admin' as appropriate.",
    ),
  invalidAccessType: (value: string) =>
    k("INVALID_ACCESS_TYPE", 400, `The x-stack-access-type header must be 'client', 'server', or 'admin', but was '${value}'.`),
  accessTypeWithoutProjectId: (requestType: string) =>
    k(
      "ACCESS_TYPE_WITHOUT_PROJECT_ID",
      400,
      `The x-stack-access-type header was '${requestType}', but the x-stack-project-id header was not provided.\n\nFor more information, see the docs on REST API authentication: https://docs.stack-auth.com/rest-api/overview#authentication`,
      { request_type: requestType },
    ),
  accessTypeRequired: () =>
    k(
      "ACCESS_TYPE_REQUIRED",
      400,
      "You must specify an access level for this Stack project. Make sure project API keys are provided (eg. x-stack-publishable-client-key) and you set the x-stack-access-type header to 'client', 'server', or 'admin'.\n\nFor more information, see the docs on REST API authentication: https://docs.stack-auth.com/rest-api/overview#authentication",
    ),
  insufficientAccessType: (actual: string, allowed: string[]) =>
    k(
      "INSUFFICIENT_ACCESS_TYPE",
      401,
      `The x-stack-access-type header must be ${allowed.map((a) => `'${a}'`).join(" or ")}, but was '${actual}'.`,
      { actual_access_type: actual, allowed_access_types: allowed },
    ),
  invalidPublishableClientKey: (projectId: string) =>
    k(
      "INVALID_PUBLISHABLE_CLIENT_KEY",
      401,
      `The publishable key is not valid for the project "${projectId}". Does the project and/or the key exist?`,
      { project_id: projectId },
    ),
  invalidSecretServerKey: (projectId: string) =>
    k(
      "INVALID_SECRET_SERVER_KEY",
      401,
      `The secret server key is not valid for the project "${projectId}". Does the project and/or the key exist?`,
      { project_id: projectId },
    ),
  invalidSuperSecretAdminKey: (projectId: string) =>
    k(
      "INVALID_SUPER_SECRET_ADMIN_KEY",
      401,
      `The super secret admin key is not valid for the project "${projectId}". Does the project and/or the key exist?`,
      { project_id: projectId },
    ),
  unparsableAdminAccessToken: () => k("UNPARSABLE_ADMIN_ACCESS_TOKEN", 401, "Admin access token is not parsable."),
  adminAccessTokenExpired: (expiredAtMillis: number | null) =>
    k("ADMIN_ACCESS_TOKEN_EXPIRED", 401, "Admin access token has expired. Please refresh it and try again.", {
      expired_at_millis: expiredAtMillis,
    }),
  adminAccessTokenIsNotAdmin: () =>
    k("ADMIN_ACCESS_TOKEN_IS_NOT_ADMIN", 401, "Admin access token does not have the required permissions to access this project."),
  publishableClientKeyRequired: (projectId: string | null) =>
    k(
      "PUBLISHABLE_CLIENT_KEY_REQUIRED_FOR_PROJECT",
      401,
      "Publishable client key must be provided for this project. You can disable this requirement in the project settings.",
      { project_id: projectId },
    ),
  serverAuthenticationRequired: () =>
    k("SERVER_AUTHENTICATION_REQUIRED", 401, "The secret server key must be provided."),
  adminAuthenticationRequired: () =>
    k("ADMIN_AUTHENTICATION_REQUIRED", 401, "The super secret admin key must be provided."),
  expectedInternalProject: () =>
    k("EXPECTED_INTERNAL_PROJECT", 401, "The project ID is expected to be internal."),
  currentProjectNotFound: (projectId: string) =>
    k(
      "CURRENT_PROJECT_NOT_FOUND",
      400,
      `The current project with ID ${projectId} was not found. Please check the value of the x-stack-project-id header.`,
      { project_id: projectId },
    ),
  projectNotFound: (projectId: string) =>
    k("PROJECT_NOT_FOUND", 404, `Project ${projectId} not found or is not accessible with the current user.`, {
      project_id: projectId,
    }),
  branchDoesNotExist: (branchId: string) =>
    k("BRANCH_DOES_NOT_EXIST", 400, `The branch with ID ${branchId} does not exist.`, { branch_id: branchId }),

  // C. Sessions and tokens
  unparsableAccessToken: () => k("UNPARSABLE_ACCESS_TOKEN", 401, "Access token is not parsable."),
  accessTokenExpired: (d: { expired_at_millis: number | null; project_id: string | null; user_id: string | null; refresh_token_id: string | null }) =>
    k("ACCESS_TOKEN_EXPIRED", 401, "Access token has expired. Please refresh it and try again.", d),
  invalidProjectForAccessToken: (expected: string, actual: string) =>
    k("INVALID_PROJECT_FOR_ACCESS_TOKEN", 401, `Access token not valid for this project. Expected project ID "${expected}", but the token is for project ID "${actual}".`, {
      expected_project_id: expected,
      actual_project_id: actual,
    }),
  refreshTokenNotFoundOrExpired: () =>
    k("REFRESH_TOKEN_NOT_FOUND_OR_EXPIRED", 401, "Refresh token not found for this project, or the session has expired/been revoked."),
  cannotDeleteCurrentSession: () => k("CANNOT_DELETE_CURRENT_SESSION", 400, "Cannot delete the current session."),
  userAuthenticationRequired: () => k("USER_AUTHENTICATION_REQUIRED", 401, "User authentication required for this endpoint."),
  cannotGetOwnUserWithoutUser: () =>
    k("CANNOT_GET_OWN_USER_WITHOUT_USER", 400, "You have specified 'me' as a userId, but did not provide authentication for a user."),
  restrictedUserNotAllowed: (reason: { type: string }) =>
    k("RESTRICTED_USER_NOT_ALLOWED", 403, "This endpoint is not available to restricted users.", { restricted_reason: reason }),
  anonymousAuthenticationNotAllowed: () =>
    k("ANONYMOUS_AUTHENTICATION_NOT_ALLOWED", 401, "X-Stack-Access-Token is for an anonymous user, but anonymous users are not enabled. Set the X-Stack-Allow-Anonymous-User header of this request to 'true' to allow anonymous users."),

  // D. Users and contact channels
  userNotFound: () => k("USER_NOT_FOUND", 404, "User not found."),
  userIdDoesNotExist: (userId: string) => k("USER_ID_DOES_NOT_EXIST", 400, `The given user with the ID ${userId} does not exist.`, { user_id: userId }),
  contactChannelAlreadyUsedForAuth: (value: string | null, wouldWorkIfVerified = false) =>
    k(
      "CONTACT_CHANNEL_ALREADY_USED_FOR_AUTH_BY_SOMEONE_ELSE",
      409,
      `This email${value ? ` (${value})` : ""} is already used for authentication by another account.`,
      { type: "email", contact_channel_value: value, would_work_if_email_was_verified: wouldWorkIfVerified },
    ),
  verificationCodeNotFound: () => k("VERIFICATION_CODE_NOT_FOUND", 404, "The verification code does not exist for this project."),
  verificationCodeExpired: () => k("VERIFICATION_CODE_EXPIRED", 400, "The verification code has expired."),
  verificationCodeAlreadyUsed: () => k("VERIFICATION_CODE_ALREADY_USED", 409, "The verification link has already been used."),
  emailAlreadyVerified: () => k("EMAIL_ALREADY_VERIFIED", 409, "The e-mail is already verified."),
  passwordAuthenticationNotEnabled: () => k("PASSWORD_AUTHENTICATION_NOT_ENABLED", 400, "Password authentication is not enabled for this project."),
  redirectUrlNotWhitelisted: () => k("REDIRECT_URL_NOT_WHITELISTED", 400, "Redirect URL not whitelisted. Did you forget to add this domain to the trusted domains list on the Stack Auth dashboard?"),

  // F. Teams and permissions
  teamNotFound: (teamId: string) => k("TEAM_NOT_FOUND", 404, `Team ${teamId} not found.`, { team_id: teamId }),
  teamMembershipNotFound: (teamId: string, userId: string) =>
    k("TEAM_MEMBERSHIP_NOT_FOUND", 404, `User ${userId} is not found in team ${teamId}.`, { team_id: teamId, user_id: userId }),
  teamMembershipAlreadyExists: () => k("TEAM_MEMBERSHIP_ALREADY_EXISTS", 409, "Team membership already exists."),
  teamInvitationRestrictedUserNotAllowed: (reason: { type: string }) =>
    k("TEAM_INVITATION_RESTRICTED_USER_NOT_ALLOWED", 403, "Restricted users cannot accept team invitations.", { restricted_reason: reason }),
  teamInvitationEmailMismatch: () =>
    k("TEAM_INVITATION_EMAIL_MISMATCH", 403, "The invitation's e-mail does not match any verified e-mail of the user."),
  permissionNotFound: (permissionId: string) =>
    k("PERMISSION_NOT_FOUND", 404, `Permission "${permissionId}" not found. Make sure you created it on the dashboard.`, { permission_id: permissionId }),
  wrongPermissionScope: (permissionId: string, expected: string, actual: string | null) =>
    k("WRONG_PERMISSION_SCOPE", 404, `Permission "${permissionId}" not found in the ${expected} scope.`, {
      permission_id: permissionId,
      expected_scope: expected,
      actual_scope: actual,
    }),
  containedPermissionNotFound: (permissionId: string) =>
    k("CONTAINED_PERMISSION_NOT_FOUND", 400, `Contained permission with ID "${permissionId}" not found. Make sure you created it on the dashboard.`, { permission_id: permissionId }),
  permissionIdAlreadyExists: (permissionId: string) =>
    k("PERMISSION_ID_ALREADY_EXISTS", 400, `Permission with ID "${permissionId}" already exists. Choose a different ID.`, { permission_id: permissionId }),
  teamPermissionRequired: (teamId: string, userId: string, permissionId: string) =>
    k("TEAM_PERMISSION_REQUIRED", 401, `User ${userId} does not have permission ${permissionId} in team ${teamId}.`, {
      team_id: teamId,
      user_id: userId,
      permission_id: permissionId,
    }),
  teamPermissionNotFound: (teamId: string, userId: string, permissionId: string) =>
    k("TEAM_PERMISSION_NOT_FOUND", 401, `User ${userId} does not have permission ${permissionId} in team ${teamId}.`, {
      team_id: teamId,
      user_id: userId,
      permission_id: permissionId,
    }),

  // G. OAuth
  invalidSharedOAuthProviderId: (providerId: string) =>
    k("INVALID_SHARED_OAUTH_PROVIDER_ID", 400, `The shared OAuth provider with ID ${providerId} is not valid.`, { provider_id: providerId }),
  oauthProviderAccountIdAlreadyUsedForSignIn: () =>
    k("OAUTH_PROVIDER_ACCOUNT_ID_ALREADY_USED_FOR_SIGN_IN", 400, "A provider with the same account ID is already used for signing in."),
  oauthProviderNotFoundOrNotEnabled: () => k("OAUTH_PROVIDER_NOT_FOUND_OR_NOT_ENABLED", 400, "The OAuth provider is not found or not enabled."),
  oauthConnectionNotConnectedToUser: () => k("OAUTH_CONNECTION_NOT_CONNECTED_TO_USER", 400, "The OAuth connection is not connected to any user."),
  oauthAccessTokenNotAvailable: (provider: string, details: string) =>
    k("OAUTH_ACCESS_TOKEN_NOT_AVAILABLE", 400, `Failed to retrieve an OAuth access token for the connected account (provider: ${provider}). ${details}`, {
      provider,
      details,
    }),
  oauthAccessTokenNotAvailableWithSharedOAuthKeys: () =>
    k(
      "OAUTH_ACCESS_TOKEN_NOT_AVAILABLE_WITH_SHARED_OAUTH_KEYS",
      400,
      "Access tokens are not available with shared OAuth keys. Please add your own OAuth keys on the Stack dashboard to use access tokens.",
    ),

  // H. API keys
  apiKeyNotFound: () => k("API_KEY_NOT_FOUND", 404, "API key not found."),
  apiKeyExpired: () => k("API_KEY_EXPIRED", 401, "API key has expired."),
  apiKeyRevoked: () => k("API_KEY_REVOKED", 401, "API key has been revoked."),
  wrongApiKeyType: (expected: string, actual: string) =>
    k("WRONG_API_KEY_TYPE", 400, `This is a ${actual} API key, but a ${expected} API key was expected.`, { expected_type: expected, actual_type: actual }),

  // I. E-mail
  requiresCustomEmailServer: () =>
    k("REQUIRES_CUSTOM_EMAIL_SERVER", 400, "This action requires a custom SMTP server. Please edit your email server configuration and try again."),
  emailRenderingError: (error: string) => k("EMAIL_RENDERING_ERROR", 400, `Failed to render email with theme: ${error}`, { error }),
};
