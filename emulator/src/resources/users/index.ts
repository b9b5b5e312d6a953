import { z } from "zod";
import type { AccessType } from "../../auth";
import { Errors, TextError } from "../../errors";
import { readProjectConfig } from "../../project-bootstrap";
import { reply, route, type EmulatorModule } from "../../router";
import { s as fields } from "../../validation";
import { currentUserOrThrow } from "../permissions";
import { getUserJson } from "./json";
import { listUsers } from "./list";
import { migrations } from "./model";
import { clientUpdateSchema, listQuerySchema, serverCreateSchema, serverUpdateSchema, type UpdateBody } from "./schemas";
import { createUser, deleteUser, updateUser } from "./write";

// The users resource (stack-shared `usersCrud`, and `currentUserCrud` for /users/me). What other
// modules use of it:
export { getUserJson, userToJson } from "./json";
export { computeSearchText, getUserRow, refreshUserSearchText, restrictedReason, userRestriction, type UserRow } from "./model";
export { hashPassword, hashPasswordSync, isModularCryptHash, verifyPassword } from "./passwords";
export { createUser, deleteUser, updateUser } from "./write";
export { listUsers } from "./list";

export const usersModule: EmulatorModule = {
  name: "users",
  migrations,
  routes: [
    // /users/me first: it shadows /users/:user_id and also serves client access (stack-shared `currentUserCrud`).
    route({
      method: "GET",
      path: "/users/me",
      access: ["client", "server", "admin"],
      handler: ({ auth, services }) => {
        const user = getUserJson(services.db, auth.projectId, currentUserOrThrow(auth.userId), auth.accessType);
        if (!user) throw Errors.userNotFound();
        return user;
      },
    }),
    route({
      method: "PATCH",
      path: "/users/me",
      access: ["client", "server", "admin"],
      body: (a: AccessType) => (a === "client" ? clientUpdateSchema : serverUpdateSchema) as z.ZodType<UpdateBody>,
      handler: async ({ auth, services, body }) => {
        const userId = currentUserOrThrow(auth.userId);
        await updateUser(services, auth.projectId, userId, body ?? {});
        return getUserJson(services.db, auth.projectId, userId, auth.accessType);
      },
    }),
    route({
      method: "DELETE",
      path: "/users/me",
      access: ["client", "server", "admin"],
      body: z.unknown(),
      handler: ({ auth, services }) => {
        const userId = currentUserOrThrow(auth.userId);
        if (auth.accessType === "client" && readProjectConfig(services.db, auth.projectId).users?.allowClientUserDeletion !== true) {
          throw new TextError(400, "Client user deletion is not enabled for this project.");
        }
        deleteUser(services, auth.projectId, userId);
        return reply.success();
      },
    }),
    route({
      method: "GET",
      path: "/users",
      access: ["server", "admin"],
      query: listQuerySchema,
      handler: ({ auth, services, query }) => listUsers(services.db, auth.projectId, query, auth.accessType),
    }),
    route({
      method: "POST",
      path: "/users",
      access: ["server", "admin"],
      body: serverCreateSchema,
      handler: async ({ auth, services, body }) => reply.created(await createUser(services, auth.projectId, body)),
    }),
    route({
      method: "GET",
      path: "/users/:user_id",
      access: ["server", "admin"],
      params: z.strictObject({ user_id: fields.userIdOrMe() }),
      handler: ({ auth, services, params, userIdOrMe }) => {
        const user = getUserJson(services.db, auth.projectId, userIdOrMe(params.user_id), auth.accessType);
        if (!user) throw Errors.userNotFound();
        return user;
      },
    }),
    route({
      method: "PATCH",
      path: "/users/:user_id",
      access: ["server", "admin"],
      params: z.strictObject({ user_id: fields.userIdOrMe() }),
      body: serverUpdateSchema,
      handler: async ({ auth, services, params, body, userIdOrMe }) =>
        updateUser(services, auth.projectId, userIdOrMe(params.user_id), body),
    }),
    route({
      method: "DELETE",
      path: "/users/:user_id",
      access: ["server", "admin"],
      params: z.strictObject({ user_id: fields.userIdOrMe() }),
      body: z.unknown(),
      handler: ({ auth, services, params, userIdOrMe }) => {
        deleteUser(services, auth.projectId, userIdOrMe(params.user_id));
        return reply.success();
      },
    }),
  ],
};
