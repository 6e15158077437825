#!/usr/bin/env bash
# The e2e suite (test/e2e) against n8n's Docker image, the only way n8n 3.0 ships. Needs Docker;
# it has not been run on the development machine, which has none.
#
#   bash scripts/e2e-docker.sh                                   # docker.n8n.io/n8nio/n8n:next
#   bash scripts/e2e-docker.sh docker.n8n.io/n8nio/n8n:3.0.0     # any image
#
# Each n8n command of the suite runs in a container of that image (scripts/lib/n8n-docker.sh) with
# the package installed in a throw-away user folder, as it does in the npm-installed n8n.
set -euo pipefail
cd "$(dirname "$0")/.."
image="${1:-docker.n8n.io/n8nio/n8n:next}"
command -v docker > /dev/null || { echo "e2e-docker: needs Docker (docker not found)" >&2; exit 1; }
docker pull "$image"
npm run build
# n8n 3.0 installs no unverified community package unless this is set (docs/N8N-3.md).
export N8N_UNVERIFIED_PACKAGES_ENABLED=true
N8N_DOCKER_IMAGE="$image" npx jest -c jest.e2e.config.js
