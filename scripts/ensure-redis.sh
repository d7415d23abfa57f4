#!/usr/bin/env bash
# Starts a throw-away local Redis (no persistence) when nothing answers on 127.0.0.1:6379.
set -euo pipefail
ping_redis() {
  if command -v redis-cli >/dev/null 2>&1; then
    redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1
  else
    (exec 3<>/dev/tcp/127.0.0.1/6379 && printf 'PING\r\n' >&3 && read -r -t 2 reply <&3 && [[ "$reply" == +PONG* ]]) 2>/dev/null
  fi
}
if ping_redis; then exit 0; fi
if ! command -v redis-server >/dev/null 2>&1; then
  echo "orgwarden: Redis is not running on 127.0.0.1:6379 and redis-server is not installed (apt-get install redis-server)" >&2
  exit 1
fi
echo "orgwarden: starting redis-server on 127.0.0.1:6379" >&2
redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no >&2
for _ in $(seq 1 50); do ping_redis && exit 0; sleep 0.1; done
echo "orgwarden: redis-server did not come up" >&2
exit 1
