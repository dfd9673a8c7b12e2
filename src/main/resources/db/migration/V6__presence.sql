-- Presence: which node holds a socket of which user, each node's lease, and each user's last seen. A user is
-- online while a row of theirs in presence_sessions belongs to a node whose lease has not run out; a node that
-- dies stops renewing, and the others remove its rows (presence.NodeLease).
CREATE TABLE presence_nodes (
    node_id     TEXT PRIMARY KEY,
    alive_until TIMESTAMPTZ NOT NULL
);

CREATE TABLE presence_sessions (
    node_id TEXT   NOT NULL,
    user_id BIGINT NOT NULL,
    PRIMARY KEY (node_id, user_id)
);
CREATE INDEX presence_sessions_user_idx ON presence_sessions (user_id);

-- version orders each user's changes across nodes (bumped under the row's lock); last_seen survives restarts.
CREATE TABLE presence (
    user_id   BIGINT PRIMARY KEY,
    version   BIGINT NOT NULL,
    last_seen TIMESTAMPTZ
);
