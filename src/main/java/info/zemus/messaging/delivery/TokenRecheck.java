package info.zemus.messaging.delivery;

import info.zemus.messaging.auth.TokenCheck;
import info.zemus.messaging.config.WebSocketConfig;
import info.zemus.messaging.error.ApiException;
import info.zemus.messaging.error.ErrorCode;
import info.zemus.messaging.lifecycle.Periodic;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Duration;
import java.util.List;

/**
 * A WebSocket may stay open for days, longer than its token lives: each connection's token is checked
 * again every {@code zemus.ws.token-recheck-interval}, and a connection whose token the main API now
 * refuses is closed with 1008 (Disconnect.TOKEN_NO_LONGER_VALID). When the main API cannot answer, connections stay open (the next round
 * asks again): an outage of the main API must not disconnect everyone.
 */
@ApplicationScoped
public class TokenRecheck {

    private final SessionHub hub;
    private final TokenCheck tokenCheck;
    private final Periodic periodic;
    private final long intervalNanos;
    private final long sweepMillis;

    public TokenRecheck(SessionHub hub, TokenCheck tokenCheck, Periodic periodic, WebSocketConfig config) {
        this.hub = hub;
        this.tokenCheck = tokenCheck;
        this.periodic = periodic;
        this.intervalNanos = config.tokenRecheckInterval().toNanos();
        // Each connection is due at its own time; sweeping 10 times per interval spreads the calls.
        this.sweepMillis = Math.max(100, config.tokenRecheckInterval().toMillis() / 10);
    }

    void start(@Observes StartupEvent event) {
        periodic.every("token-recheck", Duration.ofMillis(sweepMillis), this::sweep);
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
                        session.connection().close(Disconnect.TOKEN_NO_LONGER_VALID.closeReason())
                                .subscribe().with(ignored -> { }, ignored -> { });
                    }
                });
    }
}
