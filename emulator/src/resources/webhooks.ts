import crypto from "node:crypto";
import { z } from "zod";
import { route, type EmulatorModule } from "../router";

// Webhooks (POST /webhooks/svix-token, POST /internal/send-test-webhook). There is no Svix here: the portal token is a dummy, and events
// emitted by the other modules are recorded in the outbox (kind "webhook", {type, data}).
// A test webhook is recorded there as well; endpoint ids ending in "fail" report a failure
// so the dashboard's error path can be exercised.

export const webhooksModule: EmulatorModule = {
  name: "webhooks",
  routes: [
    route({
      method: "POST",
      path: "/webhooks/svix-token",
      access: ["admin"],
      body: z.strictObject({}).optional(),
      handler: ({ auth }) => ({
        status: 201,
        json: { token: `emulator_svix_${auth.projectId}_${crypto.randomBytes(18).toString("base64url")}` },
      }),
    }),
    route({
      method: "POST",
      path: "/internal/send-test-webhook",
      access: ["admin"],
      body: z.strictObject({ endpoint_id: z.string() }),
      handler: ({ auth, body, services }) => {
        const failed = body.endpoint_id.endsWith("fail");
        services.record(auth.projectId, "webhook-test", { endpoint_id: body.endpoint_id, success: !failed });
        if (failed) return { success: false, error_message: `Endpoint ${body.endpoint_id} answered with HTTP 500.` };
        return { success: true };
      },
    }),
  ],
};
