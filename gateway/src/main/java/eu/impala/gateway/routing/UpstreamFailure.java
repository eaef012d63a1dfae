package eu.impala.gateway.routing;

import java.util.concurrent.TimeoutException;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;
import org.jboss.logging.Logger;

/**
 * A service that cannot be reached or breaks the exchange is a 502, one that stays silent past the
 * upstream timeout a 504; either way the caller gets a problem body, not the proxy's empty 502.
 */
final class UpstreamFailure implements ProxyInterceptor {
    private static final Logger LOG = Logger.getLogger(UpstreamFailure.class);
    private final Upstream upstream;
    private final CircuitBreaker breaker;

    UpstreamFailure(Upstream upstream, CircuitBreaker breaker) {
        this.upstream = upstream;
        this.breaker = breaker;
    }

    @Override
    public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
        return context.sendRequest().onSuccess(response -> breaker.success()).recover(failure -> {
            breaker.failure(System.nanoTime());
            boolean timeout = isTimeout(failure);
            int status = timeout ? 504 : 502;
            // the path without its query: a query can hold what a caller searched for (q=, a person's name)
            String uri = context.request().getURI();
            int query = uri.indexOf('?');
            LOG.warnf("%s %s -> %s: %s", context.request().getMethod(), query < 0 ? uri : uri.substring(0, query),
                    upstream.serviceName(), failure.toString());
            String problem = timeout
                    ? GatewayProblems.body("gateway-timeout", "Gateway Timeout", status,
                            upstream.serviceName() + " did not answer in time", instance(context))
                    : GatewayProblems.body("bad-gateway", "Bad Gateway", status,
                            upstream.serviceName() + " is not reachable; retry later", instance(context));
            return Future.succeededFuture(context.request().release().response()
                    .setStatusCode(status)
                    .putHeader("Content-Type", GatewayProblems.MEDIA_TYPE)
                    .setBody(Body.body(Buffer.buffer(problem))));
        });
    }

    private static String instance(ProxyContext context) {
        return context.request().proxiedRequest().path();
    }

    /** Vert.x' idle timeout and Netty's connect timeout, whatever wraps them. */
    static boolean isTimeout(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException || t.getClass().getSimpleName().contains("Timeout")) {
                return true;
            }
        }
        return false;
    }
}
