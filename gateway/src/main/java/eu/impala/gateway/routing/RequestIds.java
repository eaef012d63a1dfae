package eu.impala.gateway.routing;

import java.util.UUID;
import java.util.regex.Pattern;

import org.jboss.logging.MDC;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Every API request's id ({@code X-Request-Id}): the caller's own when it has a harmless shape, else a new one. It goes
 * to the service with the request, back to the caller with the answer, and onto every log line the gateway writes while
 * it handles the request (the MDC entry {@code requestId}; Quarkus keeps the MDC in the request's own Vert.x context).
 */
final class RequestIds implements Handler<RoutingContext> {

    static final String MDC_KEY = "requestId";
    /** Ids end up in log lines: letters, digits and a few separators only, so that none can forge a line or hide data. */
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9._:-]{1,200}");

    @Override
    public void handle(RoutingContext ctx) {
        String id = ctx.request().getHeader(ApiRoutes.REQUEST_ID);
        if (id == null || !SHAPE.matcher(id).matches()) {
            id = UUID.randomUUID().toString();
            ctx.request().headers().set(ApiRoutes.REQUEST_ID, id);
        }
        ctx.response().putHeader(ApiRoutes.REQUEST_ID, id);
        MDC.put(MDC_KEY, id);
        ctx.next();
    }
}
