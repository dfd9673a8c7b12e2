#!/usr/bin/env bash
# Copies the Go prototype's MySQL/MariaDB `messages` rows into this service's PostgreSQL database, keeping their
# ids; safe to run again (a row already copied is left alone), so it can be rehearsed while the prototype still
# runs and run once more after it is stopped. docs/OPERATIONS.md, "Moving off the Go prototype", is the runbook.
#
# Usage: PROTOTYPE_DATABASE=<the prototype's MySQL database> env/migrate-from-prototype.sh
#   The PostgreSQL schema must exist: start the service once on the database (Flyway creates it), then stop it.
#   PostgreSQL: psql's own variables, PGHOST, PGPORT, PGUSER (default zemus), PGDATABASE (default zemus),
#     PGPASSWORD or ~/.pgpass.
#   MySQL/MariaDB: the mariadb (or mysql) client's own ways (MYSQL_HOST, MYSQL_TCP_PORT, MYSQL_PWD, ~/.my.cnf), plus
#     PROTOTYPE_MYSQL_USER (default: the client's) and PROTOTYPE_MYSQL_DEFAULTS_FILE (an option file with a
#     [client] section: host, user, password; keeps the password off the command line).
#   PROTOTYPE_TABLE (default messages). Columns read: id, user_sender_id, user_receiver_id, content, and the
#     sending time when there is one: PROTOTYPE_SENT_AT_COLUMN names it (default: the first of sent_at,
#     created_at, created that exists; none: no such column); DATETIME, TIMESTAMP or Unix seconds.
#   PROTOTYPE_TIME_ZONE (default UTC): the zone a DATETIME column's values are in (TIMESTAMPs are read in UTC).
#   REPORT (default prototype-migration-<UTC time>.csv): the CSV listing every row skipped, fixed or worth a look.
#
# What happens to each prototype row (all in one transaction: on any error nothing is written):
#   - stored with its id, sender, receiver and content; sent_at from the sending time, or the migration time when
#     the table has none (or the row's is NULL or a zero date: listed); delivered_at and read_at at the migration
#     time (the prototype had no receipts: marked delivered and read, so nobody gets an unread badge for years of
#     old history; the runbook says why);
#   - fixed and listed: NULL content stored empty; NUL characters (which PostgreSQL text cannot hold) removed;
#   - skipped and listed: an id, sender or receiver that is NULL, below 1 or above 2^63-1, and a message to self
#     (what this schema's CHECKs refuse);
#   - kept and listed: empty or blank content (the prototype stored its malformed sends so), content longer than
#     the 4096 characters a new send may have.
# A prototype id already taken in PostgreSQL by a different message stops the migration (listed, nothing written):
# the service must not take sends before the migration, or its sequence hands out ids the prototype used.
# Then the conversations and unread_totals rows of every pair of users that got messages are computed again from
# the messages, and the id sequence moves past the largest id, so that the next message gets max(id) + 1.
# Exit status: 0 when migrated (skipped rows included: see the report), 1 when nothing was written.
set -euo pipefail
# The report and the copy of the rows hold message texts: readable by this user only.
umask 077

die() { echo "migrate-from-prototype: $*" >&2; exit 1; }

[ -n "${PROTOTYPE_DATABASE:-}" ] || die "set PROTOTYPE_DATABASE to the prototype's MySQL database"
table="${PROTOTYPE_TABLE:-messages}"
sent_column="${PROTOTYPE_SENT_AT_COLUMN:-}"
time_zone="${PROTOTYPE_TIME_ZONE:-UTC}"
report="${REPORT:-prototype-migration-$(date -u +%Y%m%dT%H%M%SZ).csv}"
# UTF-8 whatever the locale: the report holds message texts.
export PGUSER="${PGUSER:-zemus}" PGDATABASE="${PGDATABASE:-zemus}" PGCLIENTENCODING=UTF8
for name in "$PROTOTYPE_DATABASE" "$table" "$sent_column"; do
  [[ "$name" =~ ^[A-Za-z0-9_$]*$ ]] || die "not a plain MySQL name: $name"
done

client=$(command -v mariadb || command -v mysql) || die "no mariadb or mysql client (apt-get install mariadb-client)"
command -v psql > /dev/null || die "no psql (apt-get install postgresql-client)"
mysql_args=()
[ -z "${PROTOTYPE_MYSQL_DEFAULTS_FILE:-}" ] || mysql_args+=("--defaults-extra-file=$PROTOTYPE_MYSQL_DEFAULTS_FILE")
[ -z "${PROTOTYPE_MYSQL_USER:-}" ] || mysql_args+=("--user=$PROTOTYPE_MYSQL_USER")
mysql_args+=(--batch --skip-column-names --quick --database="$PROTOTYPE_DATABASE")
prototype() { "$client" "${mysql_args[@]}" -e "$1"; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The schema: Flyway's history says V5 (conversations, unread_totals) or later was applied.
version=$(psql -X -Atq -v ON_ERROR_STOP=1 -c \
  "SELECT coalesce(max(version::int), 0) FROM flyway_schema_history WHERE success" 2> "$work/psql.err") \
  || die "$(head -1 "$work/psql.err") (database $PGDATABASE as $PGUSER). Without a schema: start the service once on it (Flyway creates the tables), stop it, then run this again"
[ "$version" -ge 5 ] || die "schema version $version in $PGDATABASE: start this service's current version once on it first"

# The prototype's columns, and the sending time's if any.
columns=$(prototype "SELECT lower(COLUMN_NAME), lower(DATA_TYPE) FROM information_schema.COLUMNS
                     WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = '$table'") \
  || die "cannot read the prototype's table $PROTOTYPE_DATABASE.$table"
[ -n "$columns" ] || die "no table $table in MySQL database $PROTOTYPE_DATABASE"
type_of() { awk -v c="$1" '$1 == c { print $2 }' <<< "$columns"; }
for required in id user_sender_id user_receiver_id content; do
  [ -n "$(type_of "$required")" ] || die "$PROTOTYPE_DATABASE.$table has no column $required (it has: $(awk '{print $1}' <<< "$columns" | paste -sd, -))"
done
if [ -z "$sent_column" ]; then
  for candidate in sent_at created_at created; do
    if [ -n "$(type_of "$candidate")" ]; then sent_column=$candidate; break; fi
  done
fi
[ -n "$sent_column" ] || sent_column=none
sent_zone=UTC
case "$sent_column:$(type_of "$sent_column")" in
  none:*) sent_expression="NULL" ;;
  *:datetime|*:timestamp)
    [ "$(type_of "$sent_column")" = timestamp ] || sent_zone=$time_zone
    sent_expression="IF(\`$sent_column\` IS NULL OR YEAR(\`$sent_column\`) = 0 OR MONTH(\`$sent_column\`) = 0
                           OR DAYOFMONTH(\`$sent_column\`) = 0,
                        NULL, DATE_FORMAT(\`$sent_column\`, '%Y-%m-%d %H:%i:%s.%f'))" ;;
  *:int|*:bigint)
    sent_expression="IF(\`$sent_column\` IS NULL OR \`$sent_column\` <= 0,
                        NULL, DATE_FORMAT(FROM_UNIXTIME(\`$sent_column\`), '%Y-%m-%d %H:%i:%s.%f'))" ;;
  *:) die "$PROTOTYPE_DATABASE.$table has no column $sent_column (PROTOTYPE_SENT_AT_COLUMN)" ;;
  *) die "column $sent_column is a $(type_of "$sent_column"): set PROTOTYPE_SENT_AT_COLUMN=none to use the migration time" ;;
esac

# Content travels as hexadecimal UTF-8: no escaping to get wrong, and NULL stays apart from the text "NULL".
# TIMESTAMP and Unix seconds come out in UTC; a DATETIME as it is stored.
prototype "SET time_zone = '+00:00';
           SELECT id, user_sender_id, user_receiver_id,
                  HEX(REPLACE(CONVERT(content USING utf8mb4), CHAR(0 USING utf8mb4), '')),
                  LOCATE(CHAR(0 USING utf8mb4), CONVERT(content USING utf8mb4)) > 0,
                  $sent_expression
           FROM \`$table\`" > "$work/rows.tsv" \
  || die "reading $PROTOTYPE_DATABASE.$table failed: nothing was written"
echo "Read $(wc -l < "$work/rows.tsv") rows from $PROTOTYPE_DATABASE.$table (sending time: $( \
  [ "$sent_column" = none ] && echo "none, the migration time" || echo "column $sent_column, $sent_zone"))"

# psql reads the rows on its standard input (pstdin) and the settings as variables.
cat > "$work/migrate.sql" <<'SQL'
-- No service node may write while the rows are copied and the counts computed: one started too early waits here.
LOCK TABLE messages, conversations, unread_totals IN SHARE ROW EXCLUSIVE MODE;

CREATE TEMP TABLE prototype_rows (id numeric, sender numeric, receiver numeric, content_hex text,
                                  had_nul boolean, sent text) ON COMMIT DROP;
\copy prototype_rows FROM pstdin WITH (FORMAT text, NULL 'NULL')

-- Each row's fate: problem (skipped), fixed, note (kept as it was, worth a look).
CREATE TEMP TABLE classified ON COMMIT DROP AS
SELECT *,
       CASE WHEN problem IS NULL THEN id::bigint END AS message_id,
       CASE WHEN problem IS NULL THEN sender::bigint END AS sender_id,
       CASE WHEN problem IS NULL THEN receiver::bigint END AS receiver_id,
       CASE WHEN problem IS NULL AND content ~ '^\s*$' THEN 'empty or blank content'
            WHEN problem IS NULL AND char_length(content) > 4096 THEN 'content longer than 4096 characters' END AS note
FROM (SELECT p.id, p.sender, p.receiver,
             convert_from(decode(coalesce(p.content_hex, ''), 'hex'), 'UTF8') AS content,
             CASE WHEN p.sent IS NOT NULL THEN p.sent::timestamp AT TIME ZONE :'sent_zone' END AS sent_at,
             CASE WHEN p.id IS NULL OR p.id < 1 OR p.id > 9223372036854775807 THEN 'id NULL or outside 1..2^63-1'
                  WHEN p.sender IS NULL OR p.sender < 1 OR p.sender > 9223372036854775807
                      THEN 'user_sender_id NULL or outside 1..2^63-1'
                  WHEN p.receiver IS NULL OR p.receiver < 1 OR p.receiver > 9223372036854775807
                      THEN 'user_receiver_id NULL or outside 1..2^63-1'
                  WHEN p.sender = p.receiver THEN 'message to self' END AS problem,
             nullif(concat_ws('; ',
                 CASE WHEN p.content_hex IS NULL THEN 'NULL content stored empty' END,
                 CASE WHEN p.had_nul THEN 'NUL characters removed from the content' END,
                 CASE WHEN :'has_sent' = 'yes' AND p.sent IS NULL THEN 'no sending time: the migration time' END),
                 '') AS fixed
      FROM prototype_rows p) AS rows;

-- A prototype id that a different message holds here (sent_at aside: it may be the time of an earlier run).
CREATE TEMP TABLE conflicts ON COMMIT DROP AS
SELECT c.* FROM classified c JOIN messages m ON m.id = c.message_id
WHERE (m.user_sender_id, m.user_receiver_id, m.content) IS DISTINCT FROM (c.sender_id, c.receiver_id, c.content);

-- The report, written before anything can fail, so that it also lists the conflicts of a refused run.
\o :report
COPY (SELECT id, sender AS user_sender_id, receiver AS user_receiver_id, outcome, reason, content
      FROM (SELECT id, sender, receiver, 'conflict' AS outcome, 'id held by a different message in PostgreSQL' AS reason,
                   content FROM conflicts
            UNION ALL SELECT id, sender, receiver, 'skipped', problem, content FROM classified WHERE problem IS NOT NULL
            UNION ALL SELECT id, sender, receiver, 'fixed', fixed, content FROM classified
                      WHERE problem IS NULL AND fixed IS NOT NULL
            UNION ALL SELECT id, sender, receiver, 'kept', note, content FROM classified WHERE note IS NOT NULL) AS listed
      ORDER BY id, outcome) TO STDOUT WITH (FORMAT csv, HEADER);
\o
DO $$
BEGIN
    IF EXISTS (SELECT FROM conflicts) THEN
        RAISE EXCEPTION 'Prototype ids held by different messages in PostgreSQL: % (outcome conflict in the report). Did the service take sends before the migration?',
            (SELECT count(*) FROM conflicts);
    END IF;
END $$;

CREATE TEMP TABLE inserted (id bigint, user_sender_id bigint, user_receiver_id bigint) ON COMMIT DROP;
WITH stored AS (
    INSERT INTO messages (id, user_sender_id, user_receiver_id, content, sent_at, delivered_at, read_at)
    SELECT message_id, sender_id, receiver_id, content, coalesce(sent_at, now()), now(), now()
    FROM classified WHERE problem IS NULL
    ORDER BY message_id
    ON CONFLICT (id) DO NOTHING
    RETURNING id, user_sender_id, user_receiver_id)
INSERT INTO inserted SELECT * FROM stored;

-- The derived rows of every pair that got messages, computed again from all their messages as V4 and V5 did,
-- so that they also count what the service may have stored before.
CREATE TEMP TABLE pairs ON COMMIT DROP AS
SELECT user_sender_id AS user_id, user_receiver_id AS friend_id FROM inserted
UNION SELECT user_receiver_id, user_sender_id FROM inserted;
INSERT INTO conversations AS c (user_id, friend_id, last_message_id, unread)
SELECT p.user_id, p.friend_id, max(m.id), count(*) FILTER (WHERE m.user_sender_id = p.friend_id AND m.read_at IS NULL)
FROM pairs p
JOIN messages m ON (m.user_sender_id = p.user_id AND m.user_receiver_id = p.friend_id)
                OR (m.user_sender_id = p.friend_id AND m.user_receiver_id = p.user_id)
GROUP BY p.user_id, p.friend_id
ON CONFLICT (user_id, friend_id) DO UPDATE SET last_message_id = excluded.last_message_id, unread = excluded.unread;
INSERT INTO unread_totals AS t (user_id, total)
SELECT user_id, sum(unread) FROM conversations WHERE user_id IN (SELECT user_id FROM pairs) GROUP BY user_id
ON CONFLICT (user_id) DO UPDATE SET total = excluded.total;

-- The next message gets max(id) + 1 (or more, if the sequence is already further).
SELECT setval(pg_get_serial_sequence('messages', 'id'),
              greatest(max(id), (SELECT last_value FROM messages_id_seq)))
FROM messages HAVING max(id) IS NOT NULL \g /dev/null

SELECT (SELECT count(*) FROM inserted) AS inserted_count,
       (SELECT count(*) FROM classified WHERE problem IS NULL) - (SELECT count(*) FROM inserted) AS present_count,
       (SELECT count(*) FROM classified WHERE problem IS NOT NULL) AS skipped_count,
       (SELECT count(*) FROM classified WHERE problem IS NULL AND fixed IS NOT NULL) AS fixed_count,
       (SELECT count(*) FROM classified WHERE note IS NOT NULL) AS noted_count,
       (SELECT count(*) FROM pairs) AS pair_count,
       (SELECT count(DISTINCT user_id) FROM pairs) AS user_count,
       (SELECT coalesce(max(id), 0) FROM messages) AS max_id,
       (SELECT CASE WHEN is_called THEN last_value + 1 ELSE last_value END FROM messages_id_seq) AS next_id,
       (SELECT coalesce(max(id), 0) > 9007199254740991 FROM messages) AS beyond_js \gset
\echo 'Stored now:' :inserted_count '- already there from an earlier run:' :present_count
\echo 'Skipped:' :skipped_count '- fixed:' :fixed_count '- kept, worth a look:' :noted_count '(each listed in the report)'
SELECT '  skipped, ' || problem || ': ' || count(*) FROM classified WHERE problem IS NOT NULL GROUP BY problem ORDER BY 1;
SELECT '  fixed, ' || fixed || ': ' || count(*) FROM classified WHERE problem IS NULL AND fixed IS NOT NULL GROUP BY fixed ORDER BY 1;
SELECT '  kept, ' || note || ': ' || count(*) FROM classified WHERE note IS NOT NULL GROUP BY note ORDER BY 1;
\echo 'Conversation rows computed again:' :pair_count 'for' :user_count 'users. Largest id:' :max_id '- next message id:' :next_id
\if :beyond_js
\echo 'NOTE: ids beyond 2^53 - 1: JavaScript clients that read ids as numbers lose their last digits.'
\endif
SQL

psql -X -q -v ON_ERROR_STOP=1 --single-transaction -P tuples_only=on -P format=unaligned \
     -v report="$report" -v sent_zone="$sent_zone" -v has_sent="$([ "$sent_column" = none ] && echo no || echo yes)" \
     -f "$work/migrate.sql" < "$work/rows.tsv" \
  || die "nothing was written (the report lists the rows at stake, if it got that far: $report)"
echo "Report: $report"
