-- Push notifications, step 1: the devices that asked for pushes.

-- One row per app installation (an id the app generates once and keeps). A token belongs to one
-- installation only (UNIQUE), so one user only: registering it again elsewhere moves it, and a push
-- can never reach the previous owner after a re-login on the same phone.
CREATE TABLE push_device (
    installation_id TEXT        PRIMARY KEY CHECK (installation_id ~ '^[A-Za-z0-9_-]{1,128}$'),
    user_id         BIGINT      NOT NULL CHECK (user_id > 0),
    platform        TEXT        NOT NULL CHECK (platform IN ('android', 'ios', 'web')),
    token           TEXT        NOT NULL UNIQUE CHECK (char_length(token) BETWEEN 1 AND 4096),
    token_type      TEXT        NOT NULL DEFAULT 'registration' CHECK (token_type IN ('registration', 'fid')),
    locale          TEXT        CHECK (char_length(locale) BETWEEN 2 AND 35),
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_seen_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- A user's devices, least recently seen first: eviction beyond the per-user maximum, and the push fan-out.
CREATE INDEX push_device_user_seen_idx ON push_device (user_id, last_seen_at);
-- The stale-device pruner.
CREATE INDEX push_device_seen_idx ON push_device (last_seen_at);
