package info.zemus.messaging.lifecycle;

/**
 * Fired, synchronously, once a stopping node refuses new sends and those in flight are answered: the moment to
 * close the sockets (delivery.ClosingAtShutdown), which would otherwise miss the last sends' fan-out.
 */
public record SendsDrained() {
}
