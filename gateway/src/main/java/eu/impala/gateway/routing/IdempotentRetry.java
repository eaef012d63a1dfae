package eu.impala.gateway.routing;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;

/**
 * Sends a GET, HEAD or OPTIONS without a body again, on a fresh connection, when the service could not be reached
 * or broke the connection before answering: a pooled connection the service had closed, a replica that just went
 * away. Anything else is sent once. A POST may have taken effect before the connection broke; a PUT or DELETE
 * too, and then a second one answers 412 or 404 for a change that did succeed; and a streamed body cannot be
 * sent twice. A service that stays silent is not asked again either: that would only double the wait and its load.
 */
final class IdempotentRetry implements ProxyInterceptor {

    /** Which attempt the origin request is for; 0 is the first. */
    static final String ATTEMPT = "impala.attempt";

    private final int retries;

    IdempotentRetry(int retries) {
        this.retries = retries;
    }

    @Override
    public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
        return attempt(context, 0);
    }

    private Future<ProxyResponse> attempt(ProxyContext context, int attempt) {
        context.set(ATTEMPT, attempt);
        // the interceptors before this one ran already: a second sendRequest() goes straight to the service
        return context.sendRequest().recover(failure -> attempt < retries && repeatable(context.request().proxiedRequest())
                && !UpstreamFailure.isTimeout(failure)
                ? attempt(context, attempt + 1)
                : Future.failedFuture(failure));
    }

    /** Safe methods, and no body that would have to be sent again. */
    static boolean repeatable(HttpServerRequest request) {
        HttpMethod method = request.method();
        boolean safe = method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS;
        String length = request.getHeader("Content-Length");
        return safe && request.getHeader("Transfer-Encoding") == null && (length == null || length.trim().equals("0"));
    }

    /** True for the first attempt, when the body (if any) is still to be streamed; false for a retry. */
    static boolean firstAttempt(ProxyContext context) {
        Integer attempt = context.get(ATTEMPT, Integer.class);
        return attempt == null || attempt == 0;
    }
}
