import { z } from "zod";
import { EXPIRY_VALUES } from "@/lib/api-keys-dto";

// Isomorphic: the same schemas drive the API-key forms (zodResolver) and the server actions.
// Ids end up in Stack paths and queries: Stack takes them as UUIDs (`yupString().uuid()`).

const uuid = (what: string) => z.uuid(`Not a valid ${what} id.`);
const description = z.string().trim().min(1, "Describe what the key is for.").max(256, "At most 256 characters.");
const expiry = z.enum(EXPIRY_VALUES, "Choose an expiry.");
const confirmation = z.string().max(512);

export const createUserApiKeySchema = z.object({ userId: uuid("user"), description, expiry });
export type CreateUserApiKeyInput = z.input<typeof createUserApiKeySchema>;

export const createTeamApiKeySchema = z.object({ teamId: uuid("team"), description, expiry });
export type CreateTeamApiKeyInput = z.input<typeof createTeamApiKeySchema>;

export const revokeUserApiKeySchema = z.object({ userId: uuid("user"), apiKeyId: uuid("API key"), confirmation });
export const revokeTeamApiKeySchema = z.object({ teamId: uuid("team"), apiKeyId: uuid("API key"), confirmation });

export const createProjectApiKeySchema = z
  .object({
    description,
    expiry,
    publishableClientKey: z.boolean(),
    secretServerKey: z.boolean(),
    superSecretAdminKey: z.boolean(),
  })
  .refine((v) => v.publishableClientKey || v.secretServerKey || v.superSecretAdminKey, {
    message: "Choose at least one kind of key.",
    path: ["publishableClientKey"],
  });
export type CreateProjectApiKeyInput = z.input<typeof createProjectApiKeySchema>;

export const revokeProjectApiKeySchema = z.object({ apiKeyId: uuid("API key"), confirmation });
