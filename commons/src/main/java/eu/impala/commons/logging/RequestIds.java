package eu.impala.commons.logging;

import java.util.regex.Pattern;

import jakarta.ws.rs.container.ContainerRequestContext;

import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * The gateway's request id ({@code X-Request-Id}) on every log line a service writes while it handles that request, as
 * the MDC entry {@code requestId}, beside the trace ids that Quarkus' OpenTelemetry puts there. Quarkus keeps the MDC
 * in the request's own Vert.x context, so it follows the request's asynchronous steps and no other request sees it.
 */
public class RequestIds {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    /** What the gateway sends (its UUIDs, or a caller's own id of the same harmless shape); anything else is not logged. */
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9._:-]{1,200}");

    @ServerRequestFilter(preMatching = true)
    public void enter(ContainerRequestContext request) {
        String id = request.getHeaderString(HEADER);
        if (id != null && SHAPE.matcher(id).matches()) {
            MDC.put(MDC_KEY, id);
        } else {
            MDC.remove(MDC_KEY);
        }
    }

    /** Off again once answered: a request handled without a Vert.x context of its own must not lend its id to the next. */
    @ServerResponseFilter
    public void leave() {
        MDC.remove(MDC_KEY);
    }
}
