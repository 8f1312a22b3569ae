#!/usr/bin/env bash
# Builds and runs the apps in the background on their default addresses (the portal last: it forwards to
# ingest and inference), waits until each answers /health, and says where to point a browser or curl.
#   scripts/apps.sh start | stop | status | logs [ingest|trainer|inference|portal]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
load_env
RUN_DIR="$STACK_DIR/run/apps"
LOG_DIR="$STACK_DIR/logs/apps"
mkdir -p "$RUN_DIR" "$LOG_DIR"
APPS=(ingest trainer inference portal)

port_of() { case $1 in ingest) echo "$INGEST_PORT" ;; trainer) echo "$TRAINER_PORT" ;; inference) echo "$INFERENCE_PORT" ;; portal) echo "$PORTAL_PORT" ;; esac; }
host_of() { case $1 in ingest) echo "$INGEST_HOST" ;; trainer) echo "$TRAINER_HOST" ;; inference) echo "$INFERENCE_HOST" ;; portal) echo "$PORTAL_HOST" ;; esac; }
pid_of() { [[ -f $RUN_DIR/$1.pid ]] && kill -0 "$(cat "$RUN_DIR/$1.pid")" 2>/dev/null && cat "$RUN_DIR/$1.pid"; }

start() {
  ensure_node_deps
  echo "[apps] building"
  local app
  for app in "${APPS[@]}"; do build "$app" npx nest build "$app"; done
  build web npm run --silent build:web # the portal's pages (dist/portal/web)
  build client npm run --silent build -w @modelstream/client # the SDK and the `npx modelstream` CLI
  # the apps first, then the portal once they answer (its /health checks them)
  launch ingest trainer inference
  wait_healthy ingest trainer inference
  launch portal
  wait_healthy portal
  local portal_url="http://$PORTAL_HOST:$PORTAL_PORT"
  cat <<MSG

modelstream is up.
  Open the portal: $portal_url
  Train a CSV:     npx modelstream train data.csv --target <column> --watch   (npx modelstream --help)
  Upload a CSV:    curl -F file=@data.csv -F filename=data.csv -F chunkIndex=0 -F totalChunks=1 $portal_url/api/model-train/start
  Job status:      curl $portal_url/api/model-train/status/<trackingId>
  API docs:        $portal_url/docs/ingest  and  $portal_url/docs/inference
  Apps directly:   ingest http://$INGEST_HOST:$INGEST_PORT, inference http://$INFERENCE_HOST:$INFERENCE_PORT
  MLflow UI:       $MLFLOW_TRACKING_URI
  Stop it all:     scripts/stop.sh
MSG
}

build() { # build NAME COMMAND...: quiet unless it fails
  local name=$1 log="$LOG_DIR/build-$1.log"
  shift
  "$@" >"$log" 2>&1 || { tail -n 30 "$log" >&2; echo "[apps] building $name failed: see $log" >&2; exit 1; }
}

# an app's own node flags (package.json "modelstream.nodeFlags", e.g. the ingest app's heap sizing)
node_flags() { node -p "(require('./package.json').modelstream?.nodeFlags?.['$1'] ?? []).join(' ')"; }

launch() {
  local app
  for app in "$@"; do
    if pid_of "$app" >/dev/null; then echo "[apps] $app already running"; continue; fi
    # shellcheck disable=SC2046 # the flags are words
    setsid nohup node $(node_flags "$app") --enable-source-maps --disable-warning=TimeoutNegativeWarning "dist/apps/$app/apps/$app/src/main.js" >>"$LOG_DIR/$app.log" 2>&1 </dev/null &
    echo $! >"$RUN_DIR/$app.pid"
  done
}

wait_healthy() {
  local app
  for app in "$@"; do
    local url="http://$(host_of "$app"):$(port_of "$app")/health" deadline=$((SECONDS + 120))
    until curl -fs -o /dev/null "$url"; do
      if ! pid_of "$app" >/dev/null; then
        echo "[apps] $app exited; last log lines ($LOG_DIR/$app.log):" >&2
        tail -n 20 "$LOG_DIR/$app.log" >&2
        exit 1
      fi
      ((SECONDS < deadline)) || { echo "[apps] $app not healthy after 120 s: curl $url; log $LOG_DIR/$app.log" >&2; exit 1; }
      sleep 1
    done
    echo "[apps] $app healthy at http://$(host_of "$app"):$(port_of "$app")"
  done
}

stop() {
  local app pid
  for app in portal ingest trainer inference; do
    pid=$(pid_of "$app") || { rm -f "$RUN_DIR/$app.pid"; continue; }
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
    rm -f "$RUN_DIR/$app.pid"
    echo "[apps] $app stopped"
  done
}

status() {
  local app
  for app in "${APPS[@]}"; do
    if pid_of "$app" >/dev/null; then echo "$app up (pid $(pid_of "$app")) http://$(host_of "$app"):$(port_of "$app")"; else echo "$app down"; fi
  done
}

case ${1:-start} in
  start) start ;;
  stop) stop ;;
  status) status ;;
  logs) tail -n 100 -f "$LOG_DIR/${2:-ingest}.log" ;;
  *) echo "usage: $0 start|stop|status|logs [app]" >&2; exit 2 ;;
esac
