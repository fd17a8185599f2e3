# syntax=docker/dockerfile:1
# The relay as a container (docs/operating-the-relay.md, "Docker and compose"). Two stages: the build
# stage installs every dependency and bundles relay/src (with the shared contract) into
# relay/dist/index.js; the runtime stage holds only production dependencies and that bundle, and
# runs as the unprivileged `node` user. Configuration comes from the environment (and NAME_FILE
# secrets); nothing secret is baked into the image.

ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
# Every dependency (esbuild, which bundles the relay, is a dev dependency). No install scripts: the
# optional SuiteCloud CLI's would look for Java, and esbuild runs from its platform package without its own.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.base.json tsconfig.json ./
COPY scripts/build-relay.mjs scripts/
COPY shared/src shared/src
COPY relay/src relay/src
RUN npm run build:relay

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    PORT=8787 \
    HOST=0.0.0.0
WORKDIR /app
COPY package.json package-lock.json ./
# Production dependencies only; no install scripts run (none of them needs one).
RUN npm ci --omit=dev --omit=optional --ignore-scripts --no-audit --no-fund \
 && npm cache clean --force
COPY --from=build /app/relay/dist relay/dist
USER node
EXPOSE 8787
# Liveness: the process answers (readiness, /readyz, is for the load balancer: it also needs FedEx and Redis).
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/healthz`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Node itself, not npm: SIGTERM reaches the relay, which finishes in-flight requests (RELAY_SHUTDOWN_GRACE_MS).
CMD ["node", "relay/dist/index.js"]
