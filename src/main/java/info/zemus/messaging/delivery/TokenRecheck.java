package info.zemus.messaging.delivery;

import info.zemus.messaging.auth.TokenCheck;
import info.zemus.messaging.config.WebSocketConfig;
import info.zemus.messaging.error.ApiException;
import info.zemus.messaging.error.ErrorCode;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.websockets.next.CloseReason;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.List;

/**
 * A WebSocket may stay open for days, longer than its token lives: each connection's token is checked
 * again every {@code zemus.ws.token-recheck-interval}, and a connection whose token the main API now
 * refuses is closed with 1008. When the main API cannot answer, connections stay open (the next round
 * asks again): an outage of the main API must not disconnect everyone.
 */
@ApplicationScoped
public class TokenRecheck {

    private final SessionHub hub;
    private final TokenCheck tokenCheck;
    private final Vertx vertx;
    private final long intervalNanos;
    private final long sweepMillis;
    private long timerId = -1;

    public TokenRecheck(SessionHub hub, TokenCheck tokenCheck, Vertx vertx, WebSocketConfig config) {
        this.hub = hub;
        this.tokenCheck = tokenCheck;
        this.vertx = vertx;
        this.intervalNanos = config.tokenRecheckInterval().toNanos();
        // Each connection is due at its own time; sweeping 10 times per interval spreads the calls.
        this.sweepMillis = Math.max(100, config.tokenRecheckInterval().toMillis() / 10);
    }

    void start(@Observes StartupEvent event) {
        timerId = vertx.setPeriodic(sweepMillis, id -> sweep());
    }

    void stop(@Observes ShutdownEvent event) {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
    }

    void sweep() {
        long now = System.nanoTime();
        for (List<DeviceSession> sessions : hub.all()) {
            for (DeviceSession session : sessions) {
                if (session.token() != null && session.tokenCheckDue(now, intervalNanos)) {
                    recheck(session);
                }
            }
        }
    }

    private void recheck(DeviceSession session) {
        tokenCheck.verifyNow(session.userId(), session.token()).subscribe().with(
                valid -> { },
                failure -> {
                    if (failure instanceof ApiException e && e.code() == ErrorCode.INVALID_TOKEN) {
                        Log.infof("Connection %s of user %d closed: token no longer valid",
                                session.connection().id(), session.userId());
                        session.connection().close(new CloseReason(CloseCodes.POLICY_VIOLATION, "token no longer valid"))
                                .subscribe().with(ignored -> { }, ignored -> { });
                    }
                });
    }
}
