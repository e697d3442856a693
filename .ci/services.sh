#!/usr/bin/env bash
# Starts Redis and PostgreSQL when they are not already answering on their standard ports.
set -uo pipefail

if ! (command -v redis-cli >/dev/null && redis-cli -h 127.0.0.1 ping 2>/dev/null | grep -q PONG); then
  if command -v redis-server >/dev/null; then
    mkdir -p /var/lib/redis /var/log/redis
    redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
      --dir /var/lib/redis --logfile /var/log/redis/ci.log
  else
    echo "WARNING: Redis is not installed and not running" >&2
  fi
fi

if ! (command -v pg_isready >/dev/null && pg_isready -h 127.0.0.1 -p 5432 -q); then
  if command -v pg_ctlcluster >/dev/null; then
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start
  else
    echo "WARNING: PostgreSQL is not installed and not running" >&2
  fi
fi

for _ in $(seq 1 30); do
  redis-cli -h 127.0.0.1 ping >/dev/null 2>&1 && pg_isready -h 127.0.0.1 -p 5432 -q && break
  sleep 1
done
redis-cli -h 127.0.0.1 ping || echo "WARNING: Redis not answering" >&2
pg_isready -h 127.0.0.1 -p 5432 || echo "WARNING: PostgreSQL not answering" >&2
exit 0
