#!/usr/bin/env bash
# `n8n <args>` inside n8n's Docker image, in place of the npm-installed n8n: scripts/lib/n8n.js runs
# `<this file> <image> <args>` when N8N_DOCKER_IMAGE is set. The container gets n8n's settings from
# the caller's environment, the user folder (which also holds the imported files and the folders
# the workflows write to) at the same path, and the host's network, so that 127.0.0.1 is where the
# local provider listens. Signals reach n8n (docker run forwards them; the image runs tini).
set -euo pipefail
image=$1
shift
args=(--rm --network host --user "$(id -u):$(id -g)")
for name in $(compgen -e); do
	case $name in
		N8N_* | DB_* | EXECUTIONS_* | QUEUE_* | NODE_ENV) args+=(-e "$name") ;;
	esac
done
for folder in "${N8N_USER_FOLDER:-}" "${N8N_RESTRICT_FILE_ACCESS_TO:-}"; do
	if [ -n "$folder" ]; then args+=(-v "$folder:$folder"); fi
done
exec docker run "${args[@]}" "$image" "$@"
