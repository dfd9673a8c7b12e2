package info.zemus.messaging.error;

import io.vertx.core.http.HttpServerRequest;

/**
 * Told of every HTTP request refused with a problem document, whichever check refused it (the early filter,
 * a resource, the framework): the feature that owns the route counts its own refusals (message.MessageMetrics
 * counts refused sends), and this package stays below every feature.
 */
public interface Refusals {

    void refused(HttpServerRequest request, ErrorCode code);
}
