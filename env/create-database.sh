#!/usr/bin/env bash
# Creates the PostgreSQL role and databases of Zemus Messaging; safe to run again.
# Usage: env/create-database.sh            (as a user that can run psql as the postgres superuser)
#   PGHOST, PGPORT, PGUSER override where and as whom psql connects (default: local socket, port 5432, postgres).
#   ZEMUS_DB_PASSWORD sets the password of a role it creates (default: zemus, fine for a developer machine only).
#   An existing role keeps its password unless ZEMUS_DB_RESET_PASSWORD=yes: running the script again never
#   locks a running service out. The password goes to psql on its standard input, never on a command line.
# Only the zemus role (and superusers) may connect to the two databases: CONNECT is revoked from PUBLIC, so no
# other role of the server can, for one, NOTIFY the channel the nodes deliver from.
set -euo pipefail
# Without PGHOST, psql uses the local socket: peer authentication for "sudo -u postgres".
export PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
password="${ZEMUS_DB_PASSWORD:-zemus}"
reset="${ZEMUS_DB_RESET_PASSWORD:-no}"
# psql's \set takes a single-quoted value in which a quote is doubled and a backslash escaped.
quoted=$(printf '%s' "$password" | sed -e "s/\\\\/\\\\\\\\/g" -e "s/'/''/g")

{
  printf "\\\\set pw '%s'\n\\\\set reset '%s'\n" "$quoted" "$reset"
  cat <<'SQL'
SELECT format('CREATE ROLE zemus LOGIN PASSWORD %L', :'pw')
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'zemus') \gexec
SELECT format('ALTER ROLE zemus LOGIN PASSWORD %L', :'pw') WHERE :'reset' = 'yes' \gexec
SELECT 'CREATE DATABASE zemus OWNER zemus'
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'zemus') \gexec
SELECT 'CREATE DATABASE zemus_test OWNER zemus'
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'zemus_test') \gexec
REVOKE CONNECT, TEMPORARY ON DATABASE zemus, zemus_test FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE zemus, zemus_test TO zemus;
SQL
} | psql -v ON_ERROR_STOP=1 -q -d postgres
echo "PostgreSQL role 'zemus' and databases 'zemus', 'zemus_test' are ready (port $PGPORT)"
