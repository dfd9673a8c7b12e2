-- Messages between two users. The column names are those of the original service: the main API
-- reads this table to serve history.
CREATE TABLE messages (
    id               BIGSERIAL   PRIMARY KEY,
    user_sender_id   BIGINT      NOT NULL CHECK (user_sender_id > 0),
    user_receiver_id BIGINT      NOT NULL CHECK (user_receiver_id > 0),
    content          TEXT        NOT NULL,
    sent_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT messages_not_to_self CHECK (user_sender_id <> user_receiver_id)
);

-- A conversation in time order (id order is commit order of the sequence, and cheaper than sent_at):
-- one range scan per direction, e.g. WHERE user_sender_id = $1 AND user_receiver_id = $2 ORDER BY id.
CREATE INDEX messages_conversation_idx ON messages (user_sender_id, user_receiver_id, id);
-- Everything a user received, in order (inbox, reconnect recovery).
CREATE INDEX messages_receiver_idx ON messages (user_receiver_id, id);
