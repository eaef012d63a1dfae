package eu.impala.gateway.routing;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

/**
 * Browser security headers on every response that leaves the gateway: its own, Quarkus' (health, Swagger UI) and
 * the services' passed on by the proxy. They are added as the headers are sent, so they are there whoever wrote
 * the response, and a header the service already set is left as it is rather than doubled. (Quarkus'
 * {@code quarkus.http.header.*} sets them before the proxy runs, which then adds the service's copy beside them,
 * and knows neither the scheme the client used nor the response's content type.)
 */
final class SecurityHeaders implements Handler<RoutingContext> {

    /** For HTML: the page's own scripts, styles and API only, never framed. */
    static final String HTML_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
    /**
     * Swagger UI's page starts itself with inline scripts that Quarkus generates from its configuration, and the
     * bundle injects inline styles: it needs 'unsafe-inline' for both, and nothing else beyond the HTML policy
     * (its validator badge is off, tokens are pasted in, not fetched from Keycloak).
     */
    static final String SWAGGER_UI_POLICY = HTML_POLICY
            .replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
            .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'");
    private static final String SWAGGER_UI = "/q/swagger-ui";
    private static final String CONSOLE = "/console";

    private final TrustedProxies proxies;
    private final String consolePolicy;

    /** {@code keycloakOrigin}: where the console's page exchanges its sign-in code for tokens. */
    SecurityHeaders(TrustedProxies proxies, String keycloakOrigin) {
        this.proxies = proxies;
        this.consolePolicy = consolePolicy(keycloakOrigin);
    }

    /** The HTML policy, and the realm's origin to connect to: the console fetches its tokens from Keycloak itself. */
    static String consolePolicy(String keycloakOrigin) {
        return HTML_POLICY.replace("connect-src 'self'", "connect-src 'self' " + keycloakOrigin);
    }

    @Override
    public void handle(RoutingContext ctx) {
        boolean tls = "https".equals(proxies.scheme(ctx.request()));
        String path = ctx.normalizedPath();
        String policy = path.startsWith(SWAGGER_UI) ? SWAGGER_UI_POLICY
                : path.startsWith(CONSOLE) ? consolePolicy : HTML_POLICY;
        ctx.addHeadersEndHandler(v -> add(ctx.response().headers(), tls, policy));
        ctx.next();
    }

    static void add(MultiMap headers, boolean tls, String policy) {
        addIfAbsent(headers, "X-Content-Type-Options", "nosniff");
        // no-referrer rather than strict-origin-when-cross-origin: API and Swagger UI URLs carry member ids and
        // cursors, and nothing the gateway serves needs a Referer to reach another origin.
        addIfAbsent(headers, "Referrer-Policy", "no-referrer");
        if (tls) {
            // only over TLS: browsers ignore it over plain HTTP, and locally there is no certificate to insist on
            addIfAbsent(headers, "Strict-Transport-Security", "max-age=31536000");
        }
        String type = headers.get("Content-Type");
        if (type != null && type.regionMatches(true, 0, "text/html", 0, "text/html".length())) {
            addIfAbsent(headers, "Content-Security-Policy", policy);
            addIfAbsent(headers, "X-Frame-Options", "DENY");
        }
    }

    private static void addIfAbsent(MultiMap headers, String name, String value) {
        if (!headers.contains(name)) {
            headers.add(name, value);
        }
    }
}
