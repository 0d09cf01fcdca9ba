#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster on loopback for the tests and exports
# PRCOACH_TEST_DATABASE_URL. Source it: `. .ci/postgres.sh`. Installs
# Debian's postgresql when initdb is missing; runs the server as the
# postgres user when called as root (initdb refuses root). The cluster is
# stopped and removed when the sourcing shell exits.
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if ! command -v initdb >/dev/null && [ -z "$pg_bin" ]; then
  apt-get update && apt-get install -y --no-install-recommends postgresql
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi
[ -n "$pg_bin" ] && PATH="$pg_bin:$PATH"
pg_dir=$(mktemp -d /tmp/prcoach-pg.XXXXXX)
pg_port=${PRCOACH_TEST_PG_PORT:-$((20000 + RANDOM % 20000))}
as_pg() { "$@"; }
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
  chown postgres "$pg_dir"
  as_pg() { runuser -u postgres -- env PATH="$PATH" "$@"; }
fi
as_pg initdb -D "$pg_dir/data" -U prcoach --auth=trust -E UTF8 >"$pg_dir/initdb.log" 2>&1 ||
  { cat "$pg_dir/initdb.log"; return 1 2>/dev/null || exit 1; }
as_pg pg_ctl -D "$pg_dir/data" -l "$pg_dir/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $pg_dir -c max_connections=300 ${PRCOACH_TEST_PG_OPTS--c fsync=off}" start >/dev/null ||
  { cat "$pg_dir/server.log"; return 1 2>/dev/null || exit 1; }
as_pg createdb -h 127.0.0.1 -p "$pg_port" -U prcoach prcoach_test
export PRCOACH_TEST_DATABASE_URL="postgres://prcoach@127.0.0.1:$pg_port/prcoach_test?sslmode=disable"
export PRCOACH_TEST_PG_DIR="$pg_dir"
prcoach_pg_stop() { as_pg pg_ctl -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1; rm -rf "$pg_dir"; }
trap prcoach_pg_stop EXIT
echo "PostgreSQL $(as_pg postgres --version | awk '{print $3}') for the tests: $PRCOACH_TEST_DATABASE_URL"
