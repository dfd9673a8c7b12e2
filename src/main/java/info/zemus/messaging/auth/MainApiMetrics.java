package info.zemus.messaging.auth;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Latency of the checks asked of the main API, as the caller waits for them (retries included), by call
 * and outcome. Cached answers never reach it: it counts real calls, or refusals by an open breaker.
 */
@ApplicationScoped
public class MainApiMetrics {

    /** The two questions we ask the main API. */
    public enum Call {
        AUTH("auth"), FRIENDSHIP("friendship");

        final String tag;

        Call(String tag) {
            this.tag = tag;
        }
    }

    /** How a call ended: an answer (yes or no), or no answer and why. */
    enum Outcome {
        YES("yes"), NO("no"), TIMEOUT("timeout"), CIRCUIT_OPEN("circuit_open"), ERROR("error");

        final String tag;

        Outcome(String tag) {
            this.tag = tag;
        }
    }

    private final MeterRegistry registry;
    private final Map<Call, ConcurrentHashMap<Outcome, Timer>> timers = new EnumMap<>(Call.class);

    public MainApiMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (Call call : Call.values()) {
            timers.put(call, new ConcurrentHashMap<>());
        }
    }

    /** Records a call begun at {@code startedNanos} that answered (true/false) or failed. */
    public void record(Call call, Boolean answer, Throwable failure, long startedNanos) {
        timer(call, outcome(answer, failure)).record(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
    }

    static Outcome outcome(Boolean answer, Throwable failure) {
        if (failure == null) {
            return Boolean.TRUE.equals(answer) ? Outcome.YES : Outcome.NO;
        }
        if (failure instanceof TimeoutException) {
            return Outcome.TIMEOUT;
        }
        if (failure instanceof CircuitBreakerOpenException) {
            return Outcome.CIRCUIT_OPEN;
        }
        return Outcome.ERROR;
    }

    private Timer timer(Call call, Outcome outcome) {
        return timers.get(call).computeIfAbsent(outcome, o -> Timer.builder("zemus.main.api.calls")
                .description("Checks asked of the main API, retries included, by call and outcome")
                .tag("call", call.tag)
                .tag("outcome", o.tag)
                .register(registry));
    }
}
