# One image for the API and the worker (docker-compose.yml picks the command). Node 24 LTS; the system Chromium
# prints PDFs (without it, the one in the @sparticuz/chromium package would be unpacked to /tmp on first use).
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:24-bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends chromium fonts-dejavu-core && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 CHROMIUM_PATH=/usr/bin/chromium
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/templates ./templates
COPY --from=build /app/libs/question-bank/src/seed ./libs/question-bank/src/seed
COPY --from=build /app/libs/packets/src/runtime ./libs/packets/src/runtime
COPY --from=build /app/libs/core/src/time ./libs/core/src/time
USER node
EXPOSE 3000
CMD ["node", "dist/apps/api/src/main.js"]
