#!/usr/bin/env bash
# Makes sure the real servers (and the browser) the tests talk to are there, and prints their URLs as
# shell assignments (TEST_REDIS_URL, TEST_POSTGRES_URL). Uses the machine's Redis and
# PostgreSQL when they answer on their standard ports; otherwise starts throwaway
# instances under var/test-services (installing the Debian packages if they are missing).
# TEST_SERVICES_THROWAWAY=1 always starts throwaway instances.
set -euo pipefail
cd "$(dirname "$0")/.."
state="$PWD/var/test-services"
mkdir -p "$state"

have() { command -v "$1" >/dev/null 2>&1; }
install_packages() {
  have apt-get || { echo "test-services: cannot install $*: no apt-get" >&2; return 1; }
  echo "test-services: installing $*" >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@") >&2 </dev/null
}

redis_url="${TEST_REDIS_URL:-}"
if [ -z "$redis_url" ]; then
  if [ -z "${TEST_SERVICES_THROWAWAY:-}" ] && have redis-cli && [ "$(redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null)" = "PONG" ]; then
    redis_url="redis://127.0.0.1:6379/0"
  else
    have redis-server || install_packages redis-server redis-tools
    port=6399
    if [ "$(redis-cli -h 127.0.0.1 -p $port ping 2>/dev/null)" != "PONG" ]; then
      redis-server --daemonize yes --bind 127.0.0.1 --port $port --save "" --appendonly no \
        --dir "$state" --logfile "$state/redis.log" >&2
      for _ in $(seq 50); do [ "$(redis-cli -p $port ping 2>/dev/null)" = "PONG" ] && break; sleep 0.1; done
    fi
    redis_url="redis://127.0.0.1:$port/0"
  fi
fi

postgres_url="${TEST_POSTGRES_URL:-}"
if [ -z "$postgres_url" ]; then
  if [ -z "${TEST_SERVICES_THROWAWAY:-}" ] && have pg_isready && pg_isready -q -h 127.0.0.1 -p 5432 && \
     psql -h 127.0.0.1 -U postgres -d postgres -tAc 'select 1' >/dev/null 2>&1; then
    postgres_url="postgresql://postgres@127.0.0.1:5432/postgres"
  else
    ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || install_packages postgresql
    bin="$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n1)")"
    port=5439
    data="$state/postgres"
    owner=postgres
    id -u $owner >/dev/null 2>&1 || useradd --system --no-create-home $owner
    if ! "$bin/pg_isready" -q -h 127.0.0.1 -p $port; then
      rm -rf "$data"; mkdir -p "$data"; chown $owner "$data"
      runuser -u $owner -- "$bin/initdb" -D "$data" -U postgres -A trust >/dev/null
      runuser -u $owner -- "$bin/pg_ctl" -D "$data" -l "$data/log" -w \
        -o "-h 127.0.0.1 -p $port -k $data" start >&2
    fi
    postgres_url="postgresql://postgres@127.0.0.1:$port/postgres"
  fi
fi

# The browser tests drive Debian's Chromium; Noto fonts render Arabic and Ethiopic script.
if ! have chromium || ! dpkg -s fonts-noto-core >/dev/null 2>&1; then
  install_packages chromium fonts-noto-core
fi

# The scale-out test (tests/scaleout) puts HAProxy in front of two application hosts.
have haproxy || [ -x /usr/sbin/haproxy ] || install_packages haproxy

echo "export TEST_REDIS_URL=$redis_url"
echo "export TEST_POSTGRES_URL=$postgres_url"
