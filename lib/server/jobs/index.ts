import "server-only";

// Bulk jobs: the public face of lib/server/jobs (the contract other areas build on).
// Loading it registers every operation (the users operations and the users import), so a job
// resumed after a restart finds its operation whichever page or route is used first.
import "@/lib/server/jobs/user-operations";
import "@/lib/server/import-run";

export { cancelJob, getJob, listJobs, maskJob, MAX_JOB_ITEMS, startJob, type JobContext, type JobSpec } from "@/lib/server/jobs/core";
export { registerJobOperation, type JobOperation } from "@/lib/server/jobs/registry";
export { countUserSelection, startUserJob, USER_OPERATIONS, type UserOperationName } from "@/lib/server/jobs/user-operations";
