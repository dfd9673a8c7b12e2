package info.zemus.messaging.message;

import java.util.List;

/**
 * The group commit's statement, as the deployment needs it (broker.BatchInserts makes it for the broker chosen):
 * {@link MessageRepository#STORE} alone on one node; with several, the same under a lock that orders every node's
 * commits, and with the postgres broker a NOTIFY of each stored row in the same statement. It returns the stored
 * rows' {@link MessageRepository#STORED_COLUMNS} (with the recipient's counts). Parameters $1 to $4 are the batch's arrays; {@code moreParameters}
 * follow them.
 */
public record BatchInsert(String sql, List<Object> moreParameters) {

    /** One node: the rows, nothing else. */
    public static BatchInsert alone() {
        return new BatchInsert("WITH " + MessageRepository.STORE.formatted("") + "\nSELECT "
                + MessageRepository.STORED_COLUMNS + " FROM arrivals", List.of());
    }
}
