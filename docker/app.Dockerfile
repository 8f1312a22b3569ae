# One image for the three apps; APP picks which one runs (ingest, trainer or inference).
# The build stage has Python, pip and a C++ toolchain (node:24-bookworm): scripts/tfjs-node.sh takes
# libtensorflow from the PyPI tensorflow-cpu wheel and compiles tfjs-node's binding, as on a dev machine.
FROM node:24-bookworm AS build
WORKDIR /app
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends python3-pip && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json .npmrc ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx nest build ingest && npx nest build trainer && npx nest build inference && npm prune --omit=dev
# After the prune (tfjs-node is installed beside the lock file, which prune would remove).
RUN bash scripts/tfjs-node.sh

FROM node:24-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app/node_modules ./node_modules
# libtensorflow (node_modules/@tensorflow/tfjs-node/deps links here)
COPY --from=build /app/.stack/opt/libtensorflow-2.21.0 ./.stack/opt/libtensorflow-2.21.0
COPY --from=build /app/dist ./dist
COPY package.json .env.example ./
COPY avro ./avro
ARG APP=ingest
ENV APP=${APP}
# the app's own node flags from package.json ("modelstream.nodeFlags": the ingest app's heap sizing)
CMD ["sh", "-c", "exec node $(node -p \"(require('./package.json').modelstream?.nodeFlags?.[process.env.APP] ?? []).join(' ')\") --enable-source-maps --disable-warning=TimeoutNegativeWarning dist/apps/$APP/apps/$APP/src/main.js"]
