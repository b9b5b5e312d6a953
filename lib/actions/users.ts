"use server";

import { revalidatePath } from "next/cache";
import { ActionRefusal, defineAction } from "@/lib/server/action";
import { handlerCallbackUrl } from "@/lib/server/callback-url";
import { userConfirmValue } from "@/lib/dangerous";
import { toUserRow } from "@/lib/server/users";
import {
  addContactChannelSchema,
  contactChannelRefSchema,
  createUserSchema,
  linkedAccountRefSchema,
  restrictUserSchema,
  revokeSessionSchema,
  setContactChannelFlagsSchema,
  setUserPasswordSchema,
  updateLinkedAccountSchema,
  updateUserMetadataSchema,
  updateUserProfileSchema,
  userConfirmationSchema,
} from "@/lib/schemas/users";
import { createContactChannel, deleteContactChannel, listContactChannels, sendContactChannelVerificationCode, updateContactChannel } from "@/lib/stack/contact-channels";
import { deleteLinkedOAuthAccount, updateLinkedOAuthAccount } from "@/lib/stack/oauth-providers";
import { sendPasswordResetEmail } from "@/lib/stack/emails";
import { listSessions, revokeSession } from "@/lib/stack/sessions";
import { createUser, deleteUser, getUser, updateUser } from "@/lib/stack/users";

const label = (u: { display_name: string | null; primary_email: string | null; id: string }) => u.display_name ?? u.primary_email ?? u.id;
const userPaths = (id: string) => {
  revalidatePath("/users");
  revalidatePath(`/users/${id}`);
};

/** Creates a user; with an e-mail, it can sign in with it (primary_email_auth_enabled). */
export const createUserAction = defineAction({
  name: "createUser",
  minRole: "admin",
  input: createUserSchema,
  handler: async ({ client, input, audit }) => {
    const user = await createUser(client, {
      primary_email: input.primaryEmail,
      primary_email_verified: input.primaryEmail ? input.primaryEmailVerified : undefined,
      primary_email_auth_enabled: input.primaryEmail ? true : undefined,
      display_name: input.displayName,
      password: input.password ?? undefined,
    });
    audit({ type: "user", id: user.id, label: label(user) }, { after: { primary_email: user.primary_email, display_name: user.display_name, has_password: user.has_password } });
    revalidatePath("/users");
    return toUserRow(user);
  },
});

/** Edits display name, primary e-mail, its verified flag and the profile image. */
export const updateUserProfileAction = defineAction({
  name: "updateUserProfile",
  minRole: "admin",
  input: updateUserProfileSchema,
  handler: async ({ client, input, audit }) => {
    const before = await getUser(client, input.userId);
    const body: Parameters<typeof updateUser>[2] = {};
    if (input.displayName !== before.display_name) body.display_name = input.displayName;
    if (input.profileImageUrl !== before.profile_image_url) body.profile_image_url = input.profileImageUrl;
    if (input.primaryEmail !== before.primary_email) body.primary_email = input.primaryEmail;
    // The flag belongs to the (possibly new) primary channel; send it whenever there is one.
    if (input.primaryEmail !== null && (body.primary_email !== undefined || input.primaryEmailVerified !== before.primary_email_verified)) {
      body.primary_email_verified = input.primaryEmailVerified;
    }
    if (Object.keys(body).length === 0) return { changed: false };
    const after = await updateUser(client, input.userId, body);
    audit(
      { type: "user", id: after.id, label: label(after) },
      Object.fromEntries(Object.keys(body).map((k) => [k, { before: before[k as keyof typeof before], after: after[k as keyof typeof after] }])),
    );
    userPaths(after.id);
    return { changed: true };
  },
});

/** Sets a new password; Stack revokes all of the user's sessions when it does. */
export const setUserPasswordAction = defineAction({
  name: "setUserPassword",
  minRole: "admin",
  input: setUserPasswordSchema,
  handler: async ({ client, input, audit }) => {
    const user = await getUser(client, input.userId);
    if (!user.primary_email) throw new ActionRefusal("NO_PRIMARY_EMAIL", "Add a primary e-mail first: a password needs an e-mail to sign in with.");
    await updateUser(client, input.userId, { password: input.password });
    audit({ type: "user", id: user.id, label: label(user) }, { password: "[changed]" });
    userPaths(user.id);
    return { sessionsRevoked: true };
  },
});

/** Replaces one of the three metadata fields with validated JSON. */
export const updateUserMetadataAction = defineAction({
  name: "updateUserMetadata",
  minRole: "admin",
  input: updateUserMetadataSchema,
  handler: async ({ client, input, audit }) => {
    const before = await getUser(client, input.userId);
    const after = await updateUser(client, input.userId, { [input.field]: input.json });
    audit({ type: "user", id: after.id, label: label(after) }, { [input.field]: { before: before[input.field], after: after[input.field] } });
    userPaths(after.id);
    return { field: input.field };
  },
});

/** Restricts a user (public reason + private note) or lifts the restriction. */
export const restrictUserAction = defineAction({
  name: "restrictUser",
  minRole: "admin",
  input: restrictUserSchema,
  handler: async ({ client, input, audit }) => {
    const body = input.restricted
      ? { restricted_by_admin: true, restricted_by_admin_reason: input.publicReason, restricted_by_admin_private_details: input.privateDetails }
      : { restricted_by_admin: false };
    const after = await updateUser(client, input.userId, body);
    audit({ type: "user", id: after.id, label: label(after) }, { restricted_by_admin: input.restricted, restricted_by_admin_reason: input.restricted ? input.publicReason : null });
    userPaths(after.id);
    return { restricted: after.restricted_by_admin ?? input.restricted };
  },
});

/** Turns off TOTP 2FA (dangerous: typed confirmation re-checked here). */
export const removeUserTwoFactorAction = defineAction({
  name: "removeUserTwoFactor",
  minRole: "admin",
  dangerous: "removeTwoFactor",
  input: userConfirmationSchema,
  handler: async ({ client, input, audit, confirm }) => {
    const user = await getUser(client, input.userId);
    audit({ type: "user", id: user.id, label: label(user) });
    confirm(userConfirmValue(user.primary_email, user.id));
    await updateUser(client, user.id, { totp_secret_base64: null });
    userPaths(user.id);
    return { removed: true };
  },
});

/** Deletes a user after the server re-checks the typed e-mail (or id). */
export const deleteUserAction = defineAction({
  name: "deleteUser",
  minRole: "admin",
  dangerous: "deleteUser",
  input: userConfirmationSchema,
  handler: async ({ client, input, audit, confirm }) => {
    const user = await getUser(client, input.userId);
    audit({ type: "user", id: user.id, label: label(user) }, { before: { primary_email: user.primary_email, display_name: user.display_name } });
    confirm(userConfirmValue(user.primary_email, user.id));
    await deleteUser(client, user.id);
    revalidatePath("/users");
    return { deleted: user.id };
  },
});

/** Revokes one session of a user. */
export const revokeUserSessionAction = defineAction({
  name: "revokeUserSession",
  minRole: "admin",
  input: revokeSessionSchema,
  handler: async ({ client, input, audit }) => {
    await revokeSession(client, { sessionId: input.sessionId, userId: input.userId });
    audit({ type: "session", id: input.sessionId }, { user_id: input.userId });
    revalidatePath(`/users/${input.userId}`);
    return { revoked: 1 };
  },
});

/** Revokes every session of a user (dangerous: signs them out everywhere). */
export const revokeAllUserSessionsAction = defineAction({
  name: "revokeAllUserSessions",
  minRole: "admin",
  dangerous: "revokeAllSessions",
  input: userConfirmationSchema,
  handler: async ({ client, input, audit, confirm }) => {
    const user = await getUser(client, input.userId);
    audit({ type: "user", id: user.id, label: label(user) });
    confirm(userConfirmValue(user.primary_email, user.id));
    const sessions = await listSessions(client, user.id);
    // Sequential: a bounded number of writes, and a failure stops with a clear count.
    let revoked = 0;
    for (const s of sessions) {
      await revokeSession(client, { sessionId: s.id, userId: user.id });
      revoked++;
    }
    revalidatePath(`/users/${user.id}`);
    return { revoked };
  },
});

/** Adds an e-mail contact channel. */
export const addContactChannelAction = defineAction({
  name: "addContactChannel",
  minRole: "admin",
  input: addContactChannelSchema,
  handler: async ({ client, input, audit }) => {
    const ch = await createContactChannel(client, { user_id: input.userId, type: "email", value: input.email, used_for_auth: input.usedForAuth, is_verified: input.isVerified });
    audit({ type: "contact_channel", id: ch.id, label: ch.value }, { user_id: input.userId, is_verified: ch.is_verified, used_for_auth: ch.used_for_auth });
    userPaths(input.userId);
    return { id: ch.id };
  },
});

/** Marks a contact channel verified/unverified, sign-in usable, or primary. */
export const updateContactChannelAction = defineAction({
  name: "updateContactChannel",
  minRole: "admin",
  input: setContactChannelFlagsSchema,
  handler: async ({ client, input, audit }) => {
    const ch = await updateContactChannel(client, input.userId, input.channelId, {
      is_verified: input.isVerified,
      used_for_auth: input.usedForAuth,
      is_primary: input.isPrimary,
    });
    audit({ type: "contact_channel", id: ch.id, label: ch.value }, { user_id: input.userId, is_verified: input.isVerified, used_for_auth: input.usedForAuth, is_primary: input.isPrimary });
    userPaths(input.userId);
    return { id: ch.id };
  },
});

/** Removes a contact channel. */
export const removeContactChannelAction = defineAction({
  name: "removeContactChannel",
  minRole: "admin",
  input: contactChannelRefSchema,
  handler: async ({ client, input, audit }) => {
    const channels = await listContactChannels(client, input.userId);
    const ch = channels.find((c) => c.id === input.channelId);
    if (!ch) throw new ActionRefusal("NOT_FOUND", "That contact channel no longer exists.");
    await deleteContactChannel(client, input.userId, input.channelId);
    audit({ type: "contact_channel", id: ch.id, label: ch.value }, { user_id: input.userId, removed: true });
    userPaths(input.userId);
    return { removed: ch.id };
  },
});

/** Sends a verification e-mail for a channel; the link goes to the project's first trusted domain. */
export const sendContactChannelVerificationAction = defineAction({
  name: "sendContactChannelVerification",
  minRole: "admin",
  input: contactChannelRefSchema,
  handler: async ({ client, input, audit }) => {
    const callback = await handlerCallbackUrl(client, "email-verification");
    if (!callback) throw new ActionRefusal("NO_TRUSTED_DOMAIN", "Add a trusted domain in Settings first: the verification link must point to one.");
    await sendContactChannelVerificationCode(client, input.userId, input.channelId, callback);
    audit({ type: "contact_channel", id: input.channelId }, { user_id: input.userId, sent_verification: true });
    return { sent: true };
  },
});

/** E-mails the user a password-reset link (Stack's end-user reset flow; admin keys may start it). */
export const sendPasswordResetAction = defineAction({
  name: "sendPasswordReset",
  minRole: "admin",
  input: userConfirmationSchema.pick({ userId: true }),
  handler: async ({ client, input, audit }) => {
    const user = await getUser(client, input.userId);
    if (!user.primary_email || !user.primary_email_auth_enabled) {
      throw new ActionRefusal("NO_SIGN_IN_EMAIL", "This user has no e-mail address they sign in with, so there is nothing to reset.");
    }
    const callback = await handlerCallbackUrl(client, "password-reset");
    if (!callback) throw new ActionRefusal("NO_TRUSTED_DOMAIN", "Add a trusted domain in Settings first: the reset link must point to one.");
    await sendPasswordResetEmail(client, { email: user.primary_email, callbackUrl: callback });
    audit({ type: "user", id: user.id, label: label(user) }, { sent_password_reset: true });
    return { sentTo: user.primary_email };
  },
});

/** Toggles sign-in / connected-account use of a linked OAuth account. */
export const updateLinkedAccountAction = defineAction({
  name: "updateLinkedAccount",
  minRole: "admin",
  input: updateLinkedAccountSchema,
  handler: async ({ client, input, audit }) => {
    const a = await updateLinkedOAuthAccount(client, input.userId, input.providerId, {
      allow_sign_in: input.allowSignIn,
      allow_connected_accounts: input.allowConnectedAccounts,
    });
    audit({ type: "oauth_account", id: a.id, label: a.provider_config_id }, { user_id: input.userId, allow_sign_in: input.allowSignIn, allow_connected_accounts: input.allowConnectedAccounts });
    userPaths(input.userId);
    return { id: a.id };
  },
});

/** Unlinks an OAuth account from a user. */
export const unlinkLinkedAccountAction = defineAction({
  name: "unlinkLinkedAccount",
  minRole: "admin",
  input: linkedAccountRefSchema,
  handler: async ({ client, input, audit }) => {
    await deleteLinkedOAuthAccount(client, input.userId, input.providerId);
    audit({ type: "oauth_account", id: input.providerId }, { user_id: input.userId, unlinked: true });
    userPaths(input.userId);
    return { unlinked: input.providerId };
  },
});
