import "server-only";

import type { StackClient } from "@/lib/stack/client";
import { getAdminProject } from "@/lib/stack/project";

/**
 * The link target of e-mails Stack sends for us (verification, password reset): the project's
 * first trusted domain + its handler path, or localhost when the project allows it. Stack refuses
 * untrusted callbacks (REDIRECT_URL_NOT_WHITELISTED), so there is no point guessing further.
 */
export async function handlerCallbackUrl(client: StackClient, page: "email-verification" | "password-reset"): Promise<string | null> {
  const project = await getAdminProject(client);
  const domain = project.config.domains[0];
  if (domain) return `${domain.domain.replace(/\/$/, "")}${domain.handler_path.replace(/\/$/, "")}/${page}`;
  return project.config.allow_localhost ? `http://localhost:3000/handler/${page}` : null;
}
