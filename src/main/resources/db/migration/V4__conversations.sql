-- The conversation list (GET /users/{id}/conversations): one row per user and friend they exchanged messages
-- with, kept by the statement that stores messages (group commit) and by the one that records reads, so that
-- the list is read, never recomputed.
CREATE TABLE conversations (
    user_id         BIGINT  NOT NULL CHECK (user_id > 0),
    friend_id       BIGINT  NOT NULL CHECK (friend_id > 0),
    -- The newest message between the two, either way.
    last_message_id BIGINT  NOT NULL,
    -- Messages from friend_id that user_id has not read.
    unread          INTEGER NOT NULL DEFAULT 0 CHECK (unread >= 0),
    PRIMARY KEY (user_id, friend_id)
) WITH (fillfactor = 70);
-- Written on every stored message, read when an app opens: no index on last_message_id, so that its updates
-- touch no index and stay HOT (room left in each page by the fillfactor); a page of the list reads the user's
-- rows through the primary key and keeps the newest (a top-N sort: about 2 ms for 2,000 conversations).

-- The messages stored before this version.
INSERT INTO conversations (user_id, friend_id, last_message_id, unread)
SELECT user_id, friend_id, max(id), count(*) FILTER (WHERE incoming AND read_at IS NULL)
FROM (SELECT user_sender_id AS user_id, user_receiver_id AS friend_id, id, false AS incoming, read_at FROM messages
      UNION ALL
      SELECT user_receiver_id, user_sender_id, id, true, read_at FROM messages) AS sides
GROUP BY user_id, friend_id;
