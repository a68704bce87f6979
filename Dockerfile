# syntax=docker/dockerfile:1
# Build: compile TypeScript and keep only production dependencies (better-sqlite3 builds here).
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json tsoa.json ./
COPY bin ./bin
COPY config ./config
COPY fingerprints ./fingerprints
COPY registries ./registries
COPY openapi ./openapi
COPY ui ./ui
COPY src ./src
RUN npm run build && npm prune --omit=dev

# Run: nmap for deep probes, a non-root user, data in a volume.
FROM node:20-bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends nmap ca-certificates && rm -rf /var/lib/apt/lists/* \
 && mkdir -p /data && chown node:node /data
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/bin ./bin
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/config ./config
# The shipped fingerprint database and the IANA enterprise numbers; mount a Recog checkout and name it in PSCAN_FINGERPRINTS to use it too.
COPY --from=build /app/fingerprints ./fingerprints
COPY --from=build /app/registries ./registries
COPY --from=build /app/openapi ./openapi
COPY --from=build /app/ui ./ui
USER node
ENV NODE_ENV=production PSCAN_HOST=0.0.0.0 PSCAN_PORT=8080 PSCAN_DATA_DIR=/data
VOLUME /data
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.PSCAN_PORT + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Mint a token inside the container: docker exec <name> node bin/pscan.mjs token --scopes scans:read,scans:write
CMD ["node", "dist/src/server.js"]
