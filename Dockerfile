# syntax=docker/dockerfile:1
#
# TiepDan images: one build, one runtime base, one small target per process.
#
#   docker build --target province -t tiepdan/province .   (district, commune, gateway alike)
#
# docker-compose.yml picks the target of each service (`build.target`). The four targets share every
# layer but the last, so building all of them costs one build; each target only fixes the command
# and the port it documents, so an image cannot be started as the wrong process by mistake.
# Configuration is environment only (see CONFIG_VARIABLES in services/kit/src/config.ts).

ARG NODE_IMAGE=node:20-bookworm-slim

# ---------------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS build
ENV APOLLO_TELEMETRY_DISABLED=1 \
    TURBO_TELEMETRY_DISABLED=1 \
    NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false \
    NPM_CONFIG_AUDIT=false
WORKDIR /app

# The lockfile was written by the npm of `packageManager` (package.json); the same npm reads it.
ARG NPM_VERSION=11.19.1
RUN npm install -g npm@${NPM_VERSION}

# Manifests first: the dependency layer is rebuilt only when one of them changes.
COPY package.json package-lock.json ./
COPY services/kit/package.json services/kit/
COPY services/province/package.json services/province/
COPY services/district/package.json services/district/
COPY services/commune/package.json services/commune/
COPY gateway/package.json gateway/
COPY dashboard/package.json dashboard/
COPY tools/package.json tools/
COPY test/package.json test/
RUN --mount=type=cache,target=/root/.npm npm ci

COPY . .
# turbo builds every workspace into its dist/ (no git in the context: turbo hashes files itself).
RUN npm run build

# Keep what the processes load at run time: production dependencies, each runnable workspace's
# package.json and dist/, and schema/ (the gateway reads the composed supergraph from disk,
# `schema/` next to `gateway/`), and the dashboard's static files (the gateway serves
# dashboard/dist at /dashboard). tools/, test/ and the dashboard's sources are build-time only:
# drop their workspace links.
RUN npm prune --omit=dev \
 && mkdir -p /out \
 && cp -a package.json node_modules schema /out/ \
 && for ws in services/kit services/province services/district services/commune gateway; do \
      mkdir -p "/out/$ws" && cp -a "$ws/package.json" "$ws/dist" "/out/$ws/"; \
      if [ -d "$ws/node_modules" ]; then cp -a "$ws/node_modules" "/out/$ws/"; fi; \
    done \
 && mkdir -p /out/dashboard && cp -a dashboard/dist /out/dashboard/ \
 && rm -f /out/node_modules/@tiepdan/tools /out/node_modules/@tiepdan/test /out/node_modules/@tiepdan/dashboard

# ---------------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
# NODE_ENV is left unset, as under `npm start`: with NODE_ENV=production Apollo Server turns
# introspection off (the code does not set `introspection`), and the explorer needs it.
ENV APOLLO_TELEMETRY_DISABLED=1 \
    TURBO_TELEMETRY_DISABLED=1
# The repository's layout is kept: the gateway finds schema/ relative to gateway/dist, and relative
# SUPERGRAPH_PATH values resolve from here.
WORKDIR /app
COPY --from=build /out/ ./
USER node

# Each subgraph runs its workspace's `start` script (`node dist/main.js`), from the repository root.
# PID 1 is node itself: runSubgraphMain() and the gateway's main stop cleanly on SIGTERM.
FROM runtime AS province
EXPOSE 4001
CMD ["node", "services/province/dist/main.js"]

FROM runtime AS district
EXPOSE 4002
CMD ["node", "services/district/dist/main.js"]

FROM runtime AS commune
EXPOSE 4003
CMD ["node", "services/commune/dist/main.js"]

# Last, so that a plain `docker build .` gives the gateway.
FROM runtime AS gateway
EXPOSE 4000
CMD ["node", "gateway/dist/main.js"]
