// E-mail templates and test e-mails; project metrics (`MetricsResponseBodySchema`).
import { z } from "zod";
import { millis } from "./common";

// ── E-mail (`emailTemplateAdminReadSchema`) ──────────────────────────────────────────────────

export const emailTemplateSchema = z.looseObject({
  id: z.string(),
  display_name: z.string(),
  tsx_source: z.string(),
  /** missing = project default theme, false = no theme */
  theme_id: z.union([z.string(), z.literal(false)]).nullable().optional(),
});
export type StackEmailTemplate = z.infer<typeof emailTemplateSchema>;

export const emailTemplateListSchema = z.looseObject({ templates: z.array(emailTemplateSchema) });

export const sendTestEmailResultSchema = z.looseObject({
  success: z.boolean(),
  error_message: z.string().nullable().optional(),
});
export type StackSendTestEmailResult = z.infer<typeof sendTestEmailResultSchema>;

// ── Metrics (`MetricsResponseBodySchema`) ────────────────────────────────────────────────────

export const dataPointSchema = z.looseObject({ date: z.string(), activity: z.number() });
export type StackDataPoint = z.infer<typeof dataPointSchema>;

/** Slim user of the metrics lists: only these fields are guaranteed. */
export const metricsUserSchema = z.looseObject({
  id: z.string(),
  display_name: z.string().nullable(),
  primary_email: z.string().nullable(),
  profile_image_url: z.string().nullable(),
  signed_up_at_millis: millis,
  last_active_at_millis: millis.nullable(),
});
export type StackMetricsUser = z.infer<typeof metricsUserSchema>;

const splitSchema = z.looseObject({
  total: z.array(dataPointSchema).optional(),
  new: z.array(dataPointSchema).optional(),
  retained: z.array(dataPointSchema).optional(),
  reactivated: z.array(dataPointSchema).optional(),
});

export const metricsSchema = z.looseObject({
  total_users: z.number(),
  daily_users: z.array(dataPointSchema),
  daily_active_users: z.array(dataPointSchema),
  users_by_country: z.record(z.string(), z.number()),
  recently_registered: z.array(metricsUserSchema),
  recently_active: z.array(metricsUserSchema),
  login_methods: z.array(z.looseObject({ method: z.string(), count: z.number() })),
  // [NEW] — all optional
  live_users: z.number().optional(),
  active_users_by_country: z.record(z.string(), z.array(metricsUserSchema)).optional(),
  auth_overview: z
    .looseObject({
      verified_users: z.number().optional(),
      unverified_users: z.number().optional(),
      anonymous_users: z.number().optional(),
      total_teams: z.number().optional(),
      mau: z.number().optional(),
      total_users_filtered: z.number().optional(),
      daily_active_users_split: splitSchema.optional(),
      daily_active_teams_split: splitSchema.optional(),
    })
    .optional(),
  payments_overview: z.looseObject({}).optional(),
  email_overview: z.looseObject({}).optional(),
  analytics_overview: z.looseObject({}).optional(),
});
export type StackMetrics = z.infer<typeof metricsSchema>;

export const userCountsSchema = z.looseObject({ total_users: z.number(), anonymous_users: z.number() });
