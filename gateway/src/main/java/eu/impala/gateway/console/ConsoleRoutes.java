package eu.impala.gateway.console;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/**
 * The console's only dynamic part: where to sign in ({@code /console/config.json}). Its pages, scripts and styles are
 * static resources of this module ({@code META-INF/resources/console/}), served without a token: the console signs
 * its user in itself and calls the API like any other frontend.
 */
@ApplicationScoped
public class ConsoleRoutes {

    static final String PATH = "/console";

    void mount(@Observes Router router, ConsoleConfig config) {
        String settings = new JsonObject()
                .put("keycloakUrl", config.keycloakUrl().toString().replaceAll("/+$", ""))
                .put("clientId", config.clientId())
                .encode();
        // the redirect URI registered at Keycloak ends in a slash: one address for the console (Vert.x matches this
        // route with and without the slash, so the slash is the static files' business)
        router.get(PATH).handler(ctx -> {
            if (ctx.request().path().endsWith("/")) {
                ctx.next();
            } else {
                ctx.redirect(PATH + "/");
            }
        });
        router.get(PATH + "/config.json").handler(ctx -> ctx.response()
                .putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-store")
                .end(settings));
    }
}
