package eu.impala.gateway.me;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;

/**
 * {@code GET /api/v1/me}: who the caller is, for the frontend — user name, roles, the association or member the
 * token is bound to, and the unread notification count (null when notifications does not answer in time: the
 * rest is still worth showing).
 */
public final class Me {

    private static final List<String> ROLES = List.of("platform-admin", "association-admin", "member-admin", "sync-client");

    private Me() {
    }

    public static Future<JsonObject> describe(SecurityIdentity identity, String authorization, HttpClient client,
                                              SocketAddress notifications, long timeoutMillis) {
        JsonObject me = new JsonObject().put("username", identity.getPrincipal().getName());
        List<String> roles = new ArrayList<>();
        ROLES.stream().filter(identity::hasRole).forEach(roles::add);
        me.put("roles", new JsonArray(roles));
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            me.put("subject", jwt.getSubject());
            me.put("associationId", claim(jwt, "association_id"));
            me.put("memberId", claim(jwt, "member_id"));
            me.put("email", claim(jwt, "email"));
        }
        return client.request(new RequestOptions().setServer(notifications).setMethod(HttpMethod.GET)
                        .setURI("/api/v1/notifications/inbox/unread-count").setTimeout(timeoutMillis)
                        .putHeader("Authorization", authorization))
                .compose(request -> request.send())
                .compose(response -> response.statusCode() == 200 ? response.body()
                        : Future.failedFuture("notifications answered " + response.statusCode()))
                .map(body -> me.put("unreadNotifications", new JsonObject(body).getLong("unread")))
                .otherwise(failure -> me.putNull("unreadNotifications"));
    }

    private static String claim(JsonWebToken jwt, String name) {
        Object value = jwt.getClaim(name);
        return value == null ? null : value.toString().replace("\"", "");
    }
}
