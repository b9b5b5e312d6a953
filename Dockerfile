# syntax=docker/dockerfile:1
# Stack Admin as one container: `docker build -t stack-admin .`, then see compose.example.yml and
# the README's "Deploy" section for the environment. Nothing secret is read at build time: keys,
# NEXTAUTH_SECRET and DATABASE_URL come from the environment the container is started with.
#
# The runtime stage gets exactly the folder scripts/build-standalone.mjs assembles (the one
# e2e/standalone.spec.ts starts), so what is tested is what ships.

ARG NODE_IMAGE=node:20-bookworm-slim

# ── deps: every dependency, with better-sqlite3 compiled for this (the runtime's) base image ──
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
# Toolchain for better-sqlite3's native addon when no prebuilt binary matches the platform.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

# ── build: next build (output: "standalone") + the runnable folder ──
FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
# Baked into the client bundles by `next build` (Next's basePath): a different prefix needs a new build.
ARG BASE_PATH=""
ENV BASE_PATH=${BASE_PATH}
COPY --from=deps /app/node_modules ./node_modules
COPY . .
RUN npx next build && node scripts/build-standalone.mjs

# ── runtime: Node, the standalone folder, a non-root user; no npm install, no dev dependency ──
FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
ARG BASE_PATH=""
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    HOSTNAME=0.0.0.0 \
    STACK_ADMIN_DB=/data/stack-admin.db \
    OPERATORS_FILE=/config/operators.json \
    BASE_PATH=${BASE_PATH}
RUN groupadd --system --gid 10001 stackadmin \
 && useradd --system --uid 10001 --gid stackadmin --home-dir /app --shell /usr/sbin/nologin stackadmin \
 && mkdir -p /data /config \
 && chown stackadmin:stackadmin /data
COPY --from=build --chown=root:root /app/.next/standalone ./
USER stackadmin
# SQLite (when DATABASE_URL is unset) lives here; mount a volume.
VOLUME ["/data"]
EXPOSE 3000
# Liveness only (/api/ready would restart a replica whenever Stack is slow); wget is absent from
# the slim image, Node is not.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+(process.env.BASE_PATH||'')+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# serve.mjs: graceful SIGTERM (requests finish, the database closes); docker stop waits 10 s by
# default, so set stop_grace_period (compose) or --stop-timeout above SHUTDOWN_TIMEOUT_MS.
STOPSIGNAL SIGTERM
CMD ["node", "serve.mjs"]
