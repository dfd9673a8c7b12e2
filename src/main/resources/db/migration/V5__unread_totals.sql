-- Each user's unread total (an app's icon badge): the sum of their conversations' unread counts, kept by the same
-- statements (the group commit's store, and the read). Written on every stored message: no index but the key, and
-- room in each page (fillfactor) so that its updates stay HOT.
CREATE TABLE unread_totals (
    user_id BIGINT  PRIMARY KEY CHECK (user_id > 0),
    total   INTEGER NOT NULL DEFAULT 0 CHECK (total >= 0)
) WITH (fillfactor = 70);

INSERT INTO unread_totals (user_id, total)
SELECT user_id, sum(unread) FROM conversations GROUP BY user_id HAVING sum(unread) > 0;
