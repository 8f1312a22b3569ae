#!/usr/bin/env bash
# modelstream local stack, native (no Docker): Kafka (KRaft), Apicurio Registry, Redis, MariaDB,
# versitygw and MLflow, installed on first use into $STACK_DIR and run on 127.0.0.1.
#
#   scripts/stack.sh up      [service...]   install if needed, start, wait until healthy
#   scripts/stack.sh down    [service...]   stop (SIGTERM, wait, then SIGKILL)
#   scripts/stack.sh status  [service...]   up/down and memory (RSS) per service, total (exit 1 if any is down)
#   scripts/stack.sh logs    [-f] [service] tail a service's log (all logs without a service)
#   scripts/stack.sh reset                  down + wipe data (installs are kept)
#   scripts/stack.sh install [service...]   install only
#
# Services: mariadb redis kafka object-store schema-registry mlflow
# Config: .env.example, then .env, then variables already exported in the environment (they win).
# See docs/stack.md.
set -Eeuo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TPL_DIR="$REPO_ROOT/scripts/stack"
ALL_SERVICES=(mariadb redis kafka object-store schema-registry mlflow)

# ---------------------------------------------------------------- config ----
load_env() {
  local f key line
  local -A pre=()
  # remember what the caller exported: it wins over the files
  for f in "$REPO_ROOT/.env.example" "$REPO_ROOT/.env"; do
    [[ -f $f ]] || continue
    while IFS= read -r line || [[ -n $line ]]; do
      [[ $line =~ ^[[:space:]]*(export[[:space:]]+)?([A-Za-z_][A-Za-z0-9_]*)= ]] || continue
      key=${BASH_REMATCH[2]}
      if [[ -z ${pre[$key]+x} && -n ${!key+x} ]]; then pre[$key]=${!key}; fi
    done <"$f"
  done
  set -a
  # shellcheck disable=SC1090
  for f in "$REPO_ROOT/.env.example" "$REPO_ROOT/.env"; do [[ -f $f ]] && . "$f"; done
  for key in "${!pre[@]}"; do printf -v "$key" '%s' "${pre[$key]}"; done
  set +a
}
load_env

: "${STACK_DIR:=.stack}"
[[ $STACK_DIR = /* ]] || STACK_DIR="$REPO_ROOT/$STACK_DIR"
export STACK_DIR
# Installs (opt, downloads) may be shared with another stack (STACK_OPT_DIR/STACK_DL_DIR): the tests' private
# stack reuses the main one's Kafka, Apicurio, versitygw and MLflow installs and keeps only its data apart.
export STACK_OPT_DIR="${STACK_OPT_DIR:-$STACK_DIR/opt}" STACK_DL_DIR="${STACK_DL_DIR:-$STACK_DIR/downloads}"
export STACK_DATA_DIR="$STACK_DIR/data" STACK_RUN_DIR="$STACK_DIR/run"
export STACK_LOG_DIR="$STACK_DIR/logs" STACK_CONF_DIR="$STACK_DIR/conf"
export STACK_USER="${STACK_USER:-$(id -un)}"

hostport_port() { local hp=${1##*://}; hp=${hp%%/*}; hp=${hp%%,*}; echo "${hp##*:}"; }
export KAFKA_PORT="${KAFKA_PORT:-$(hostport_port "${KAFKA_BROKERS:-127.0.0.1:9092}")}"
export KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
export KAFKA_AUTO_CREATE_TOPICS="${KAFKA_AUTO_CREATE_TOPICS:-false}"
# sized for one dev broker (docs/stack.md "Memory"): the heap grows from 32 MB only as far as it is used
export KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms32m -Xmx384m}"
export KAFKA_JVM_PERFORMANCE_OPTS="${KAFKA_JVM_PERFORMANCE_OPTS:--XX:+UseSerialGC -XX:MaxMetaspaceSize=128m}"
export KAFKA_DATA_DIR="$STACK_DATA_DIR/kafka"
export SCHEMA_REGISTRY_PORT="${SCHEMA_REGISTRY_PORT:-8081}"
export SCHEMA_REGISTRY_MANAGEMENT_PORT="${SCHEMA_REGISTRY_MANAGEMENT_PORT:-9091}"
export SCHEMA_REGISTRY_DATA_DIR="$STACK_DATA_DIR/schema-registry"
export REDIS_PORT="${REDIS_PORT:-$(hostport_port "${REDIS_URL:-redis://127.0.0.1:6379/0}")}"
export REDIS_DATA_DIR="$STACK_DATA_DIR/redis"
# the password the apps send (REDIS_URL's userinfo, redis://:<password>@host:port/db); none: Redis asks for none
redis_password() { local u=${REDIS_URL:-} ; u=${u#*://}; [[ $u == *@* ]] || return 0; u=${u%%@*}; echo "${u#*:}"; }
export REDIS_PASSWORD="${REDIS_PASSWORD:-$(redis_password)}"
export MARIADB_PORT="${MARIADB_PORT:-3306}"
export MARIADB_DATA_DIR="$STACK_DATA_DIR/mariadb"
export MARIADB_SOCKET="$STACK_RUN_DIR/mariadb.sock"
export S3_PORT="${S3_PORT:-$(hostport_port "${S3_ENDPOINT:-http://127.0.0.1:9000}")}"
export S3_DATA_DIR="$STACK_DATA_DIR/object-store"
export MLFLOW_PORT="${MLFLOW_PORT:-5000}"
export MLFLOW_WORKERS="${MLFLOW_WORKERS:-1}"
# MLflow's job runner (GenAI scorers, prompt optimisation, trace archival: a runner + 7 huey consumers, ~1.8 GB)
export MLFLOW_SERVER_ENABLE_JOB_EXECUTION="${MLFLOW_SERVER_ENABLE_JOB_EXECUTION:-false}"
export APICURIO_HEAP_OPTS="${APICURIO_HEAP_OPTS:--Xms16m -Xmx256m}"
export APICURIO_JVM_OPTS="${APICURIO_JVM_OPTS:--XX:+UseSerialGC}"

JAVA_BIN="${JAVA_BIN:-java}"
# Apicurio 3.3 needs Java 21+: APICURIO_JAVA_HOME, else the newest JDK >= 21 under /usr/lib/jvm.
find_java21() {
  if [[ -n ${APICURIO_JAVA_HOME:-} ]]; then echo "$APICURIO_JAVA_HOME/bin/java"; return; fi
  local j v best="" bestv=0
  for j in /usr/lib/jvm/*/bin/java "$(command -v java 2>/dev/null || true)"; do
    [[ -x $j ]] || continue
    v=$("$j" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
    v=${v%%.*}
    if [[ $v =~ ^[0-9]+$ ]] && ((v >= 21 && v > bestv)); then best=$j bestv=$v; fi
  done
  [[ -n $best ]] || die "schema-registry: Apicurio $APICURIO_VERSION needs Java 21+; set APICURIO_JAVA_HOME"
  echo "$best"
}

# ---------------------------------------------------------------- helpers ---
if [[ -t 1 ]]; then C_OK=$'\e[32m' C_BAD=$'\e[31m' C_DIM=$'\e[2m' C_OFF=$'\e[0m'; else C_OK="" C_BAD="" C_DIM="" C_OFF=""; fi
log() { printf '%s[stack]%s %s\n' "$C_DIM" "$C_OFF" "$*" >&2; }
die() { printf '%s[stack] ERROR:%s %s\n' "$C_BAD" "$C_OFF" "$*" >&2; exit 1; }

mkdirs() { mkdir -p "$STACK_OPT_DIR" "$STACK_DATA_DIR" "$STACK_RUN_DIR" "$STACK_LOG_DIR" "$STACK_CONF_DIR" "$STACK_DL_DIR"; }

# render TEMPLATE DEST: substitute ${VAR} with exported values (unknown ones are left alone)
render() {
  mkdir -p "$(dirname "$2")"
  perl -pe 's/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/exists $ENV{$1} ? $ENV{$1} : $&/ge' "$1" >"$2.tmp"
  mv "$2.tmp" "$2"
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

pidfile() { echo "$STACK_RUN_DIR/$1.pid"; }
logfile() { echo "$STACK_LOG_DIR/$1.log"; }

# our process for a service, if alive
our_pid() {
  local pf; pf=$(pidfile "$1")
  [[ -f $pf ]] || return 1
  local pid; pid=$(<"$pf")
  if [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null; then echo "$pid"; return 0; fi
  rm -f "$pf"; return 1
}

# start CMD... in its own session (survives the calling shell), log to the service log
spawn() {
  local svc=$1; shift
  local lf; lf=$(logfile "$svc")
  [[ -f $lf ]] && mv -f "$lf" "$lf.1"
  printf '=== %s starting %s\n' "$(date -Is)" "$svc" >"$lf"
  # fd 9 is the stack lock: the service must not inherit it
  (cd "${SPAWN_CWD:-$STACK_DIR}" && exec 9>&- && exec setsid nohup "$@" >>"$lf" 2>&1 </dev/null) &
  echo $! >"$(pidfile "$svc")"
}

# wait_healthy SERVICE TIMEOUT_S: poll health_<svc>; fail naming the service and its log
wait_healthy() {
  local svc=$1 timeout=$2 start=$SECONDS fn="health_${1//-/_}"
  while ! $fn 2>/dev/null; do
    if [[ -f $(pidfile "$svc") ]] && ! our_pid "$svc" >/dev/null; then
      tail -n 30 "$(logfile "$svc")" >&2 || true
      die "$svc: process exited during startup — see $(logfile "$svc")"
    fi
    if ((SECONDS - start >= timeout)); then
      tail -n 30 "$(logfile "$svc")" >&2 || true
      die "$svc: not healthy after ${timeout}s — see $(logfile "$svc")"
    fi
    sleep 1
  done
  log "$svc healthy (${C_OK}$((SECONDS - start))s${C_OFF})"
}

# stop a process group: SIGTERM, wait, SIGKILL
stop_pid() {
  local svc=$1 pid=$2 grace=${3:-30} i
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < grace * 4; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.25
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "$svc did not stop in ${grace}s: SIGKILL"
    kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
    sleep 0.5
  fi
  # leftover group members (e.g. mlflow workers)
  kill -KILL -- "-$pid" 2>/dev/null || true
  rm -f "$(pidfile "$svc")"
}

mvn_get() { # mvn_get GROUP:ARTIFACT:VERSION:TYPE[:CLASSIFIER] DEST_DIR
  mvn -q -B org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
    -Dartifact="$1" -DoutputDirectory="$2" -Dmdep.overWriteIfNewer=true
}

apt_install() { # apt_install PACKAGE...
  command -v apt-get >/dev/null || die "apt-get not found: install $* yourself"
  local sudo=""; [[ $(id -u) = 0 ]] || sudo="sudo"
  if [[ ! -f $STACK_DIR/.apt-updated ]]; then $sudo apt-get update -qq && touch "$STACK_DIR/.apt-updated"; fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >"$STACK_LOG_DIR/apt.log" 2>&1 ||
    { tail -n 20 "$STACK_LOG_DIR/apt.log" >&2; die "apt-get install $* failed — see $STACK_LOG_DIR/apt.log"; }
}

s3_curl() { # s3_curl [curl args...] — SigV4-signed, body-less request to the object store
  # curl 7.x does not send x-amz-content-sha256, which S3 servers require: send the empty-body hash
  curl -sS --aws-sigv4 "aws:amz:${S3_REGION}:s3" --user "${S3_ACCESS_KEY_ID}:${S3_SECRET_ACCESS_KEY}" \
    -H 'x-amz-content-sha256: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' "$@"
}

# ================================================================ MariaDB ====
install_mariadb() {
  command -v mariadbd >/dev/null || [[ -x /usr/sbin/mariadbd ]] || apt_install mariadb-server mariadb-client
}
mariadb_root() { mariadb --no-defaults --protocol=socket -S "$MARIADB_SOCKET" -uroot "$@"; }
health_mariadb() {
  if our_pid mariadb >/dev/null; then mariadb_root -N -e 'SELECT 1' >/dev/null 2>&1
  else mariadb --no-defaults -h127.0.0.1 -P"$MARIADB_PORT" -u"$MARIADB_USER" -p"$MARIADB_PASSWORD" -N -e 'SELECT 1' >/dev/null 2>&1; fi
}
start_mariadb() {
  local mariadbd_bin; mariadbd_bin=$(command -v mariadbd || echo /usr/sbin/mariadbd)
  render "$TPL_DIR/mariadb/my.cnf" "$STACK_CONF_DIR/my.cnf"
  if [[ ! -d $MARIADB_DATA_DIR/mysql ]]; then
    log "mariadb: initialising datadir $MARIADB_DATA_DIR"
    mkdir -p "$MARIADB_DATA_DIR"
    mariadb-install-db --defaults-file="$STACK_CONF_DIR/my.cnf" --user="$STACK_USER" \
      --datadir="$MARIADB_DATA_DIR" --skip-test-db --auth-root-authentication-method=socket \
      >"$STACK_LOG_DIR/mariadb-install-db.log" 2>&1 ||
      die "mariadb: mariadb-install-db failed — see $STACK_LOG_DIR/mariadb-install-db.log"
  fi
  spawn mariadb "$mariadbd_bin" --defaults-file="$STACK_CONF_DIR/my.cnf"
}
# create databases/users (idempotent); $1 = command that runs the mariadb client as an admin
provision_mariadb() {
  local q="'" sql
  esc() { local s=${1//\\/\\\\}; echo "${s//$q/\\$q}"; }
  sql="
CREATE DATABASE IF NOT EXISTS \`${MARIADB_DATABASE}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE DATABASE IF NOT EXISTS \`${MLFLOW_DB_NAME}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;"
  local u p h
  for h in '%' 'localhost'; do
    u=$(esc "$MARIADB_USER") p=$(esc "$MARIADB_PASSWORD")
    sql+="
CREATE USER IF NOT EXISTS '$u'@'$h' IDENTIFIED BY '$p';
ALTER USER '$u'@'$h' IDENTIFIED BY '$p';
GRANT ALL PRIVILEGES ON \`${MARIADB_DATABASE}\`.* TO '$u'@'$h';
GRANT ALL PRIVILEGES ON \`${MARIADB_DATABASE//_/\\_}\\_%\`.* TO '$u'@'$h';"
    u=$(esc "$MLFLOW_DB_USER") p=$(esc "$MLFLOW_DB_PASSWORD")
    sql+="
CREATE USER IF NOT EXISTS '$u'@'$h' IDENTIFIED BY '$p';
ALTER USER '$u'@'$h' IDENTIFIED BY '$p';
GRANT ALL PRIVILEGES ON \`${MLFLOW_DB_NAME}\`.* TO '$u'@'$h';"
  done
  sql+=$'\nFLUSH PRIVILEGES;'
  "$@" -e "$sql" || die "mariadb: could not create databases/users"
}
# an already-running MariaDB (system one): provision it if we can get admin access
external_mariadb() {
  local s
  for s in /run/mysqld/mysqld.sock /var/run/mysqld/mysqld.sock /tmp/mysql.sock; do
    if [[ -S $s ]] && mariadb --no-defaults -S "$s" -uroot -N -e 'SELECT 1' >/dev/null 2>&1; then
      provision_mariadb mariadb --no-defaults -S "$s" -uroot
      return 0
    fi
  done
  health_mariadb || log "mariadb: external server on :$MARIADB_PORT and no admin access: create users/databases yourself"
}

# ================================================================ Redis ======
install_redis() { command -v redis-server >/dev/null || apt_install redis-server redis-tools; }
health_redis() { [[ $(REDISCLI_AUTH="$REDIS_PASSWORD" redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null) == PONG ]]; }
start_redis() {
  mkdir -p "$REDIS_DATA_DIR"
  render "$TPL_DIR/redis/redis.conf" "$STACK_CONF_DIR/redis.conf"
  # the password goes in only when there is one (an empty requirepass would be a syntax error)
  if [[ -n $REDIS_PASSWORD ]]; then printf 'requirepass "%s"\n' "$REDIS_PASSWORD" >>"$STACK_CONF_DIR/redis.conf"; fi
  chmod 600 "$STACK_CONF_DIR/redis.conf"
  spawn redis "$(command -v redis-server)" "$STACK_CONF_DIR/redis.conf"
}

# ================================================================ Kafka ======
KAFKA_HOME() { echo "$STACK_OPT_DIR/kafka-$KAFKA_VERSION"; }
install_kafka() {
  local home; home=$(KAFKA_HOME)
  [[ -f $home/.installed ]] && return 0
  log "kafka: fetching org.apache.kafka:kafka_2.13:$KAFKA_VERSION runtime jars (Maven)"
  rm -rf "$home"; mkdir -p "$home/libs"
  mvn -q -B -f "$TPL_DIR/kafka/pom.xml" -Dkafka.version="$KAFKA_VERSION" \
    org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$home/libs" >"$STACK_LOG_DIR/kafka-install.log" 2>&1 ||
    die "kafka: maven download failed — see $STACK_LOG_DIR/kafka-install.log"
  echo "$KAFKA_VERSION" >"$home/.installed"
}
kafka_java() { "$JAVA_BIN" -cp "$(KAFKA_HOME)/libs/*" -Dlog4j2.configurationFile="$STACK_CONF_DIR/kafka/log4j2.properties" "$@"; }
health_kafka() {
  port_open "$KAFKA_PORT" || return 1
  if our_pid kafka >/dev/null; then
    grep -q 'Kafka Server started' "$(logfile kafka)" "$STACK_LOG_DIR/kafka-server.log" 2>/dev/null
  fi
}
start_kafka() {
  render "$TPL_DIR/kafka/server.properties" "$STACK_CONF_DIR/kafka/server.properties"
  render "$TPL_DIR/kafka/log4j2.properties" "$STACK_CONF_DIR/kafka/log4j2.properties"
  if [[ ! -f $KAFKA_DATA_DIR/meta.properties ]]; then
    mkdir -p "$KAFKA_DATA_DIR"
    local id; id=$(kafka_java kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n 1)
    log "kafka: formatting storage (cluster id $id)"
    kafka_java kafka.tools.StorageTool format --standalone -t "$id" \
      -c "$STACK_CONF_DIR/kafka/server.properties" --ignore-formatted >"$STACK_LOG_DIR/kafka-format.log" 2>&1 ||
      die "kafka: storage format failed — see $STACK_LOG_DIR/kafka-format.log"
  fi
  : >"$STACK_LOG_DIR/kafka-server.log"
  # shellcheck disable=SC2086
  spawn kafka "$JAVA_BIN" $KAFKA_HEAP_OPTS $KAFKA_JVM_PERFORMANCE_OPTS -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$STACK_CONF_DIR/kafka/log4j2.properties" -Dkafka.logs.dir="$STACK_LOG_DIR" \
    -cp "$(KAFKA_HOME)/libs/*" kafka.Kafka "$STACK_CONF_DIR/kafka/server.properties"
}

# ================================================================ Apicurio ===
APICURIO_HOME() { echo "$STACK_OPT_DIR/apicurio-registry-$APICURIO_VERSION"; }
install_schema_registry() {
  local home; home=$(APICURIO_HOME)
  [[ -f $home/.installed ]] && return 0
  local tgz="$STACK_DL_DIR/apicurio-registry-app-$APICURIO_VERSION-all.tar.gz"
  if [[ ! -f $tgz ]]; then
    log "schema-registry: fetching io.apicurio:apicurio-registry-app:$APICURIO_VERSION:tar.gz:all (Maven)"
    mvn_get "io.apicurio:apicurio-registry-app:$APICURIO_VERSION:tar.gz:all" "$STACK_DL_DIR" \
      >"$STACK_LOG_DIR/schema-registry-install.log" 2>&1 ||
      die "schema-registry: maven download failed — see $STACK_LOG_DIR/schema-registry-install.log"
  fi
  rm -rf "$home"; mkdir -p "$home"
  tar xzf "$tgz" -C "$home"
  [[ -f $home/quarkus-run.jar ]] || { [[ -f $home/quarkus-app/quarkus-run.jar ]] || die "schema-registry: no quarkus-run.jar in $tgz"; }
  rm -f "$tgz"
  echo "$APICURIO_VERSION" >"$home/.installed"
}
health_schema_registry() {
  [[ $(curl -s -o /dev/null -w '%{http_code}' -m 5 "http://127.0.0.1:$SCHEMA_REGISTRY_PORT/apis/ccompat/v7/subjects") == 200 ]]
}
start_schema_registry() {
  local home jar java; home=$(APICURIO_HOME); java=$(find_java21)
  jar="$home/quarkus-run.jar"; [[ -f $jar ]] || jar="$home/quarkus-app/quarkus-run.jar"
  mkdir -p "$SCHEMA_REGISTRY_DATA_DIR" "$STACK_RUN_DIR/apicurio/config"
  render "$TPL_DIR/apicurio/application.properties" "$STACK_RUN_DIR/apicurio/config/application.properties"
  # shellcheck disable=SC2086
  SPAWN_CWD="$STACK_RUN_DIR/apicurio" spawn schema-registry "$java" $APICURIO_HEAP_OPTS $APICURIO_JVM_OPTS \
    -Djava.io.tmpdir="$SCHEMA_REGISTRY_DATA_DIR" -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
    -jar "$jar"
}

# ============================================================= versitygw ====
# The object store: versitygw (Apache-2.0, Go), an S3 API gateway over plain files (its POSIX backend: one file
# per object, metadata in xattrs). Built once with `go install` from the Go module proxy into $STACK_OPT_DIR.
VERSITYGW_BIN() { echo "$STACK_OPT_DIR/versitygw-$VERSITYGW_VERSION/versitygw"; }
# The machine's go when it is 1.21 or newer (those fetch the toolchain a module asks for themselves, GOTOOLCHAIN=auto);
# else Go $GO_TOOLCHAIN_VERSION from the Go module proxy (golang.org/toolchain), unpacked into $STACK_OPT_DIR.
go_bin() {
  local v arch dir zip
  if command -v go >/dev/null; then
    v=$(go env GOVERSION 2>/dev/null) && v=${v#go} && v=${v%%[!0-9.]*}
    [[ -n $v && $(printf '%s\n' 1.21 "$v" | sort -V | head -n1) == 1.21 ]] && { command -v go; return; }
  fi
  case $(uname -m) in x86_64) arch=amd64 ;; aarch64 | arm64) arch=arm64 ;; *) die "object-store: no Go toolchain for $(uname -m)" ;; esac
  dir="$STACK_OPT_DIR/go-$GO_TOOLCHAIN_VERSION"
  if [[ ! -x $dir/bin/go ]]; then
    zip="$STACK_DL_DIR/go$GO_TOOLCHAIN_VERSION.linux-$arch.zip"
    mkdir -p "$STACK_DL_DIR"
    curl -fsSL -o "$zip" "https://proxy.golang.org/golang.org/toolchain/@v/v0.0.1-go$GO_TOOLCHAIN_VERSION.linux-$arch.zip" >&2 ||
      die "object-store: could not fetch Go $GO_TOOLCHAIN_VERSION from the Go module proxy"
    # the zip's files sit under golang.org/toolchain@<version>/ and zipfile restores no modes: strip one, set the other
    python3 - "$zip" "$dir" <<'PY' || die "object-store: could not unpack $zip"
import os, sys, zipfile
src, dest = sys.argv[1:]
with zipfile.ZipFile(src) as z:
    for info in z.infolist():
        parts = info.filename.split('/', 2)  # golang.org, toolchain@<version>, the path in the toolchain
        name = parts[2] if len(parts) == 3 else ''
        if not name or name.endswith('/'):
            continue
        path = os.path.join(dest, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with z.open(info) as f, open(path, 'wb') as out:
            out.write(f.read())
        os.chmod(path, (info.external_attr >> 16) & 0o777 or 0o644)
PY
    rm -f "$zip"
    [[ -x $dir/bin/go ]] || die "object-store: $zip held no bin/go"
  fi
  echo "$dir/bin/go"
}
install_object_store() {
  [[ -x $(VERSITYGW_BIN) ]] && return 0
  local go gopath="$STACK_DL_DIR/go-versitygw-$VERSITYGW_VERSION"
  go=$(go_bin)
  log "object-store: building github.com/versity/versitygw v$VERSITYGW_VERSION with $("$go" env GOVERSION) (Go module proxy, ~2 min)"
  GOPATH="$gopath" GOMODCACHE="$gopath/mod" GOCACHE="$gopath/cache" GOTOOLCHAIN=auto GOFLAGS= \
    GOBIN="$(dirname "$(VERSITYGW_BIN)")" "$go" install "github.com/versity/versitygw/cmd/versitygw@v$VERSITYGW_VERSION" \
    >"$STACK_LOG_DIR/object-store-install.log" 2>&1 ||
    die "object-store: go install failed — see $STACK_LOG_DIR/object-store-install.log"
  chmod -R u+w "$gopath" 2>/dev/null || true # the module cache is read-only; only the binary is kept
  rm -rf "$gopath"
}
health_object_store() {
  [[ $(s3_curl -o /dev/null -w '%{http_code}' -m 5 "http://127.0.0.1:$S3_PORT/" 2>/dev/null) == 200 ]]
}
start_object_store() {
  mkdir -p "$S3_DATA_DIR"
  # the credentials go by environment, not argv (which `ps` shows); --keep-alive: the SDKs reuse connections;
  # --data-integrity-etag: an object's ETag is its checksum (the SHA-256 the ingest app sends and the gateway
  # verifies, else a CRC32), not an MD5 of its bytes computed besides: 3.7 -> 2.0 ms of CPU per MiB stored
  (
    export ROOT_ACCESS_KEY_ID="$S3_ACCESS_KEY_ID" ROOT_SECRET_ACCESS_KEY="$S3_SECRET_ACCESS_KEY" VGW_REGION="$S3_REGION"
    spawn object-store "$(VERSITYGW_BIN)" --port "127.0.0.1:$S3_PORT" --keep-alive --quiet --cors-allow-origin '*' \
      posix --data-integrity-etag "$S3_DATA_DIR"
  )
}
create_buckets() {
  local b code
  for b in "$S3_BUCKET_UPLOADS" "$S3_BUCKET_RESULTS" "$S3_BUCKET_MLFLOW"; do
    code=$(s3_curl -o /dev/null -w '%{http_code}' -I "http://127.0.0.1:$S3_PORT/$b")
    [[ $code == 200 ]] && continue
    code=$(s3_curl -o "$STACK_RUN_DIR/bucket.out" -w '%{http_code}' -X PUT "http://127.0.0.1:$S3_PORT/$b")
    [[ $code == 200 ]] || die "object-store: could not create bucket $b (HTTP $code: $(cat "$STACK_RUN_DIR/bucket.out"))"
    log "object-store: bucket $b created"
  done
}

# ================================================================ MLflow =====
MLFLOW_VENV() { echo "$STACK_OPT_DIR/mlflow-$MLFLOW_VERSION"; }
install_mlflow() {
  local venv; venv=$(MLFLOW_VENV)
  # .installed-auth: the venv has the basic-auth app's extra (an older venv gets it added)
  [[ -f $venv/.installed-auth ]] && return 0
  local py="${PYTHON:-$(command -v python3)}"
  if [[ ! -f $venv/.installed ]]; then
    log "mlflow: creating venv with mlflow[auth]==$MLFLOW_VERSION (PyPI)"
    rm -rf "$venv"
    "$py" -m venv "$venv" >"$STACK_LOG_DIR/mlflow-install.log" 2>&1 ||
      die "mlflow: venv failed — see $STACK_LOG_DIR/mlflow-install.log"
  fi
  "$venv/bin/pip" install -q --disable-pip-version-check "mlflow[auth]==$MLFLOW_VERSION" pymysql cryptography boto3 \
    >>"$STACK_LOG_DIR/mlflow-install.log" 2>&1 ||
    die "mlflow: pip install failed — see $STACK_LOG_DIR/mlflow-install.log"
  echo "$MLFLOW_VERSION" >"$venv/.installed"
  echo "$MLFLOW_VERSION" >"$venv/.installed-auth"
}
mlflow_user() { [[ -n ${MLFLOW_TRACKING_USERNAME:-} ]] && printf -- '--user\n%s:%s\n' "$MLFLOW_TRACKING_USERNAME" "${MLFLOW_TRACKING_PASSWORD:-}"; }
health_mlflow() {
  local auth; mapfile -t auth < <(mlflow_user)
  [[ $(curl -s -m 5 "http://127.0.0.1:$MLFLOW_PORT/health") == OK ]] &&
    [[ $(curl -s "${auth[@]}" -o /dev/null -w '%{http_code}' -m 10 "http://127.0.0.1:$MLFLOW_PORT/api/2.0/mlflow/experiments/search?max_results=1") == 200 ]]
}
start_mlflow() {
  local venv; venv=$(MLFLOW_VENV)
  local hosts="127.0.0.1,127.0.0.1:*,localhost,localhost:*,[::1],[::1]:*${MLFLOW_EXTRA_ALLOWED_HOSTS:+,$MLFLOW_EXTRA_ALLOWED_HOSTS}"
  local origins="http://127.0.0.1:*,http://localhost:*${MLFLOW_EXTRA_CORS_ORIGINS:+,$MLFLOW_EXTRA_CORS_ORIGINS}"
  local db="mysql+pymysql://${MLFLOW_DB_USER}:${MLFLOW_DB_PASSWORD}@${MARIADB_HOST:-127.0.0.1}:${MARIADB_PORT}/${MLFLOW_DB_NAME}?charset=utf8mb4"
  mkdir -p "$STACK_DATA_DIR/mlflow"
  # with a user configured, MLflow runs its basic-auth app: only that user (its admin) gets in
  local app=()
  if [[ -n ${MLFLOW_TRACKING_USERNAME:-} ]]; then
    render "$TPL_DIR/mlflow/basic_auth.ini" "$STACK_CONF_DIR/mlflow-auth.ini"
    chmod 600 "$STACK_CONF_DIR/mlflow-auth.ini"
    app=(--app-name basic-auth)
    export MLFLOW_AUTH_CONFIG_PATH="$STACK_CONF_DIR/mlflow-auth.ini"
    export MLFLOW_FLASK_SERVER_SECRET_KEY="${MLFLOW_FLASK_SERVER_SECRET_KEY:-$(mlflow_secret)}"
  fi
  MLFLOW_S3_ENDPOINT_URL="$S3_ENDPOINT" AWS_ACCESS_KEY_ID="$S3_ACCESS_KEY_ID" AWS_SECRET_ACCESS_KEY="$S3_SECRET_ACCESS_KEY" \
    AWS_DEFAULT_REGION="$S3_REGION" AWS_EC2_METADATA_DISABLED=true TMPDIR="$STACK_DATA_DIR/mlflow" \
    spawn mlflow "$venv/bin/mlflow" server --host 127.0.0.1 --port "$MLFLOW_PORT" --workers "$MLFLOW_WORKERS" \
    --backend-store-uri "$db" --artifacts-destination "s3://$S3_BUCKET_MLFLOW" --serve-artifacts \
    --allowed-hosts "$hosts" --cors-allowed-origins "$origins" "${app[@]}"
}
# the basic-auth app's CSRF secret: made once per stack, kept with its data
mlflow_secret() {
  local f="$STACK_DATA_DIR/mlflow/flask-secret"
  [[ -s $f ]] || { head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$f"; chmod 600 "$f"; }
  cat "$f"
}

# ================================================================ dispatch ===
deps_of() {
  case $1 in
    schema-registry) echo kafka ;;
    mlflow) echo mariadb object-store ;;
  esac
}
svc_port() {
  case $1 in
    mariadb) echo "$MARIADB_PORT" ;; redis) echo "$REDIS_PORT" ;; kafka) echo "$KAFKA_PORT" ;;
    object-store) echo "$S3_PORT" ;; schema-registry) echo "$SCHEMA_REGISTRY_PORT" ;; mlflow) echo "$MLFLOW_PORT" ;;
  esac
}
check_service() { local s; for s in "${ALL_SERVICES[@]}"; do [[ $s == "$1" ]] && return 0; done; die "unknown service '$1' (one of: ${ALL_SERVICES[*]})"; }
fn() { echo "${1}_${2//-/_}"; }

# services (+ their dependencies) in start order
expand_up() {
  local -A want=()
  local s
  add() { local x; for x in $(deps_of "$1"); do add "$x"; done; want[$1]=1; }
  for s in "$@"; do check_service "$s"; add "$s"; done
  for s in "${ALL_SERVICES[@]}"; do [[ -n ${want[$s]:-} ]] && echo "$s"; done
  return 0
}

start_timeout() {
  case $1 in
    mariadb) echo "${MARIADB_START_TIMEOUT:-60}" ;; redis) echo "${REDIS_START_TIMEOUT:-30}" ;;
    kafka) echo "${KAFKA_START_TIMEOUT:-90}" ;; object-store) echo "${OBJECT_STORE_START_TIMEOUT:-60}" ;;
    schema-registry) echo "${SCHEMA_REGISTRY_START_TIMEOUT:-120}" ;; mlflow) echo "${MLFLOW_START_TIMEOUT:-240}" ;;
  esac
}
# needs_start SERVICE: true when neither our process nor anything else serves its port
needs_start() { ! our_pid "$1" >/dev/null && ! port_open "$(svc_port "$1")"; }

# install what is missing: apt packages one after the other, Maven downloads in one chain
# (a cold ~/.m2 must not be written by two mvn at once) in parallel with the MLflow venv
install_many() {
  local s mvn_chain=() py=() pids=() rc=0
  for s in "$@"; do
    case $s in
      mariadb | redis) "$(fn install "$s")" ;;
      mlflow) py+=("$s") ;;
      *) mvn_chain+=("$s") ;;
    esac
  done
  if ((${#mvn_chain[@]})); then (for s in "${mvn_chain[@]}"; do "$(fn install "$s")"; done) & pids+=($!); fi
  if ((${#py[@]})); then (install_mlflow) & pids+=($!); fi
  for s in "${pids[@]}"; do wait "$s" || rc=1; done
  ((rc == 0)) || die "install failed (see messages above)"
}

# launch SERVICE unless it already runs; prints nothing, returns 0
launch_one() {
  local svc=$1 port; port=$(svc_port "$svc")
  if our_pid "$svc" >/dev/null; then return 0; fi
  if port_open "$port"; then
    if "$(fn health "$svc")" 2>/dev/null || [[ $svc == mariadb || $svc == redis ]]; then
      log "$svc: already running on :$port (not started by this stack) — using it"
      [[ $svc == mariadb ]] && external_mariadb
      return 0
    fi
    die "$svc: port $port is in use by another process that does not answer as $svc"
  fi
  log "starting $svc on 127.0.0.1:$port"
  "$(fn start "$svc")"
}
# wait for SERVICE, then its one-off setup (idempotent)
settle_one() {
  local svc=$1
  if our_pid "$svc" >/dev/null; then
    "$(fn health "$svc")" 2>/dev/null || wait_healthy "$svc" "$(start_timeout "$svc")"
    [[ $svc == mariadb ]] && provision_mariadb mariadb_root
  fi
  [[ $svc == object-store ]] && create_buckets
  return 0
}

down_one() {
  local svc=$1 pid
  if pid=$(our_pid "$svc"); then
    log "stopping $svc (pid $pid)"
    case $svc in
      kafka) stop_pid "$svc" "$pid" 60 ;;
      mariadb) stop_pid "$svc" "$pid" 60 ;;
      *) stop_pid "$svc" "$pid" 30 ;;
    esac
  elif port_open "$(svc_port "$svc")"; then
    log "$svc: running on :$(svc_port "$svc") but not started by this stack — left alone"
  fi
}

cmd_up() {
  mkdirs
  local svcs=("$@"); ((${#svcs[@]})) || svcs=("${ALL_SERVICES[@]}")
  local s list=() todo=() wave w
  for s in "${svcs[@]}"; do check_service "$s"; done
  mapfile -t list < <(expand_up "${svcs[@]}")
  for s in "${list[@]}"; do needs_start "$s" && todo+=("$s"); done
  ((${#todo[@]} == 0)) || install_many "${todo[@]}"
  # two waves: services without dependencies start together, then those that need them
  for wave in "mariadb redis kafka object-store" "schema-registry mlflow"; do
    w=()
    for s in "${list[@]}"; do [[ " $wave " == *" $s "* ]] && w+=("$s"); done
    for s in "${w[@]}"; do launch_one "$s"; done
    for s in "${w[@]}"; do settle_one "$s"; done
  done
  log "up: ${list[*]} (${SECONDS}s)"
}
cmd_install() {
  mkdirs
  local svcs=("$@") s; ((${#svcs[@]})) || svcs=("${ALL_SERVICES[@]}")
  for s in "${svcs[@]}"; do check_service "$s"; "$(fn install "$s")"; done
}
cmd_down() {
  local svcs=("$@") i; ((${#svcs[@]})) || svcs=("${ALL_SERVICES[@]}")
  for s in "${svcs[@]}"; do check_service "$s"; done
  for ((i = ${#ALL_SERVICES[@]} - 1; i >= 0; i--)); do
    for s in "${svcs[@]}"; do [[ $s == "${ALL_SERVICES[i]}" ]] && down_one "$s"; done
  done
  return 0
}
# tree_rss PID: "<KiB> <processes>" of PID's session (spawn makes each service a session leader, so its
# children — MLflow's uvicorn workers — are in it even when they outlive their parent)
tree_rss() {
  ps -e -o sid=,rss= | awk -v sid="$1" '$1 == sid { kib += $2; n++ } END { print kib + 0, n + 0 }'
}
mib() { echo $((($1 + 512) / 1024)); }
cmd_status() {
  local svcs=("$@") s port pid state rc=0 kib n total=0 procs=0; ((${#svcs[@]})) || svcs=("${ALL_SERVICES[@]}")
  for s in "${svcs[@]}"; do
    check_service "$s"; port=$(svc_port "$s")
    if pid=$(our_pid "$s"); then
      if "$(fn health "$s")" 2>/dev/null; then state="${C_OK}up${C_OFF}"; else state="${C_BAD}starting/unhealthy${C_OFF}"; rc=1; fi
      read -r kib n < <(tree_rss "$pid")
      total=$((total + kib)) procs=$((procs + n))
      printf '%-16s %-20s 127.0.0.1:%-6s pid %-8s %6s MiB RSS, %s proc\n' "$s" "$state" "$port" "$pid" "$(mib "$kib")" "$n"
    elif port_open "$port"; then
      if "$(fn health "$s")" 2>/dev/null; then state="${C_OK}up${C_OFF}"; else state="${C_BAD}unhealthy${C_OFF}"; rc=1; fi
      printf '%-16s %-20s 127.0.0.1:%-6s (external)\n' "$s" "$state" "$port"
    else
      printf '%-16s %-20s 127.0.0.1:%-6s\n' "$s" "${C_BAD}down${C_OFF}" "$port"; rc=1
    fi
  done
  # what this stack's processes hold (external services are not counted)
  printf '%-16s %-20s %-16s %-12s %6s MiB RSS, %s proc\n' total "" "" "" "$(mib "$total")" "$procs"
  return $rc
}
cmd_logs() {
  local follow=()
  [[ ${1:-} == -f ]] && { follow=(-F); shift; }
  local n=${LOG_LINES:-100}
  if [[ -n ${1:-} ]]; then
    check_service "$1"
    local files=("$(logfile "$1")")
    [[ $1 == kafka ]] && files+=("$STACK_LOG_DIR/kafka-server.log")
    exec tail -n "$n" "${follow[@]}" "${files[@]}"
  fi
  local s files=()
  for s in "${ALL_SERVICES[@]}"; do [[ -f $(logfile "$s") ]] && files+=("$(logfile "$s")"); done
  ((${#files[@]})) || die "no logs yet in $STACK_LOG_DIR"
  exec tail -n "$n" "${follow[@]}" "${files[@]}"
}
cmd_reset() {
  cmd_down
  log "wiping data in $STACK_DATA_DIR (installs in $STACK_OPT_DIR are kept)"
  rm -rf "$STACK_DATA_DIR" "$STACK_RUN_DIR" "$STACK_CONF_DIR" "$STACK_LOG_DIR"
}

usage() { sed -n '2,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

# one stack.sh at a time changes state (parallel test runners may all call `up`)
lock() {
  mkdir -p "$STACK_DIR"
  exec 9>"$STACK_DIR/.lock"
  flock -w "${STACK_LOCK_TIMEOUT:-600}" 9 || die "another stack.sh holds $STACK_DIR/.lock"
}

main() {
  local cmd=${1:-}; shift || true
  case $cmd in up | start | down | stop | restart | reset | install) lock ;; esac
  case $cmd in
    up | start) cmd_up "$@" ;;
    down | stop) cmd_down "$@" ;;
    restart) cmd_down "$@"; cmd_up "$@" ;;
    status) cmd_status "$@" ;;
    logs) cmd_logs "$@" ;;
    reset) cmd_reset ;;
    install) cmd_install "$@" ;;
    env) env | grep -E '^(STACK_|KAFKA_|SCHEMA_|APICURIO_|REDIS_|MARIADB_|S3_|VERSITYGW_|MLFLOW_)' | sort ;;
    -h | --help | help | "") usage ;;
    *) usage; exit 2 ;;
  esac
}
main "$@"
