-- Protocol v1: idempotent sends, reconnect recovery, history, receipts.

-- A client's key for one send; a retry with the same key from the same sender finds the stored row.
ALTER TABLE messages ADD COLUMN idempotency_key TEXT
    CHECK (idempotency_key ~ '^[A-Za-z0-9_-]{1,64}$');
CREATE UNIQUE INDEX messages_idempotency_idx ON messages (user_sender_id, idempotency_key)
    WHERE idempotency_key IS NOT NULL;

-- Receipts, set by the recipient's devices.
ALTER TABLE messages ADD COLUMN delivered_at TIMESTAMPTZ;
ALTER TABLE messages ADD COLUMN read_at TIMESTAMPTZ;

-- Everything a user sent, in order: with messages_receiver_idx, recovery is two index range scans.
CREATE INDEX messages_sender_idx ON messages (user_sender_id, id);
