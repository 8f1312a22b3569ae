# One image for the three apps; APP picks which one runs (ingest, trainer or inference).
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx nest build ingest && npx nest build trainer && npx nest build inference && npm prune --omit=dev

FROM node:24-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json .env.example ./
COPY avro ./avro
ARG APP=ingest
ENV APP=${APP}
CMD ["sh", "-c", "exec node --enable-source-maps --disable-warning=TimeoutNegativeWarning dist/apps/$APP/apps/$APP/src/main.js"]
