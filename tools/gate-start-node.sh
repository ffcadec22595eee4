#!/usr/bin/env bash
# Release gate: makes the node under test reachable and writes its URL to $GITHUB_OUTPUT (url=...).
#   NODE_URL set            -> use it as is (must be ws:// or wss://).
#   NODE_IMAGE set          -> docker run it on the runner's loopback, wait until the port accepts.
# Inputs (env): NODE_URL, NODE_IMAGE, NODE_COMMAND, NODE_ENV_LINES, NODE_PORT (default 8000),
#               NODE_READY_TIMEOUT seconds (default 90).
set -euo pipefail

out="${GITHUB_OUTPUT:-/dev/stdout}"
port="${NODE_PORT:-8000}"
timeout_s="${NODE_READY_TIMEOUT:-90}"

if [ -n "${NODE_URL:-}" ] && [ -n "${NODE_IMAGE:-}" ]; then
  echo "error: give either node-url or node-image, not both" >&2
  exit 2
fi

if [ -n "${NODE_URL:-}" ]; then
  case "$NODE_URL" in
    ws://*|wss://*) ;;
    *) echo "error: node-url must start with ws:// or wss://, got '$NODE_URL'" >&2; exit 2 ;;
  esac
  echo "url=$NODE_URL" >>"$out"
  echo "node under test: $NODE_URL (already running)"
  exit 0
fi

if [ -z "${NODE_IMAGE:-}" ]; then
  echo "error: neither node-url nor node-image was given" >&2
  exit 2
fi
if ! [[ "$port" =~ ^[0-9]+$ ]]; then
  echo "error: node-port must be a number, got '$port'" >&2
  exit 2
fi

env_file="$(mktemp)"
printf '%s\n' "${NODE_ENV_LINES:-}" | sed '/^[[:space:]]*$/d' >"$env_file"

# NODE_COMMAND is split on whitespace on purpose: it is a command line for the container.
# shellcheck disable=SC2086
docker run -d --name clearnode-under-test --env-file "$env_file" \
  -p "127.0.0.1:${port}:${port}" "$NODE_IMAGE" ${NODE_COMMAND:-} >/dev/null
rm -f "$env_file"

deadline=$((SECONDS + timeout_s))
until (exec 3<>"/dev/tcp/127.0.0.1/${port}") 2>/dev/null; do
  if [ "$(docker inspect -f '{{.State.Running}}' clearnode-under-test 2>/dev/null)" != "true" ]; then
    echo "error: the node container exited before accepting connections:" >&2
    docker logs clearnode-under-test 2>&1 | tail -n 50 >&2
    exit 1
  fi
  if [ "$SECONDS" -ge "$deadline" ]; then
    echo "error: nothing accepted connections on 127.0.0.1:${port} within ${timeout_s}s" >&2
    docker logs clearnode-under-test 2>&1 | tail -n 50 >&2
    exit 1
  fi
  sleep 1
done

url="ws://127.0.0.1:${port}/ws"
echo "url=$url" >>"$out"
echo "node under test: $url (container $NODE_IMAGE)"
