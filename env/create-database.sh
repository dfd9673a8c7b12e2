#!/usr/bin/env bash
# Creates the PostgreSQL role and databases of Zemus Messaging; safe to run again.
# Usage: env/create-database.sh            (as a user that can run psql as the postgres superuser)
#   PGHOST, PGPORT, PGUSER override where and as whom psql connects (default: local socket, port 5432, postgres).
#   ZEMUS_DB_PASSWORD sets the role's password (default: zemus, fine for a developer machine only).
set -euo pipefail
# Without PGHOST, psql uses the local socket: peer authentication for "sudo -u postgres".
export PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
password="${ZEMUS_DB_PASSWORD:-zemus}"

psql -v ON_ERROR_STOP=1 -q -d postgres -v pw="$password" <<'SQL'
SELECT format('CREATE ROLE zemus LOGIN PASSWORD %L', :'pw')
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'zemus') \gexec
SELECT format('ALTER ROLE zemus LOGIN PASSWORD %L', :'pw') \gexec
SELECT 'CREATE DATABASE zemus OWNER zemus'
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'zemus') \gexec
SELECT 'CREATE DATABASE zemus_test OWNER zemus'
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'zemus_test') \gexec
SQL
echo "PostgreSQL role 'zemus' and databases 'zemus', 'zemus_test' are ready (port $PGPORT)"
