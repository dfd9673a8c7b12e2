package info.zemus.messaging.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Limits on what a client may send and how long we wait for the database. */
@ConfigMapping(prefix = "zemus.messages")
public interface MessagesConfig {

    /** Longest accepted message, in characters (Unicode code points). */
    @WithDefault("4096")
    int maxLength();

    /** Largest accepted request body, in bytes; bigger bodies are refused before any parsing. */
    @WithDefault("65536")
    int maxBodyBytes();

    /** Most messages stored by one multi-row INSERT (group commit); more wait for the next one. */
    @WithDefault("256")
    int maxBatch();

    /**
     * Multi-row INSERTs sent ahead on the writer's one connection while another is being committed (1: one
     * at a time). On one connection they still run and commit one after the other, in order.
     */
    @WithDefault("2")
    int insertsInFlight();

    /**
     * Upper bound for storing one message, from the send's arrival: its wait for a batch and its batch's INSERT
     * together; past it the send answers 503. The database itself cancels the INSERT at that time (the writer's
     * statement_timeout), and a 503 is sent only once its connection's process is ended: a send answered 503 is
     * never stored later.
     */
    @WithDefault("5s")
    Duration storeTimeout();

    /**
     * Sends waiting for the group commit (not yet sent to the database) beyond which a new send is refused at
     * once with 503: a database that stalls must not pile up memory and callers without end.
     */
    @WithDefault("10000")
    int maxQueuedSends();
}
