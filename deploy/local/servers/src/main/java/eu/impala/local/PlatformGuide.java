package eu.impala.local;

import java.io.PrintStream;

/** What {@code ./run.sh} prints once everything is up: where things are, who can log in, a first call. */
final class PlatformGuide {

    private PlatformGuide() {
    }

    static void print(Platform platform, PrintStream out) {
        String gateway = platform.url(PlatformService.GATEWAY);
        String keycloak = platform.servers().keycloak().url();
        out.println("  gateway (the API)     " + gateway + "/api/v1/...");
        out.println("  console               " + gateway + "/console/   (sign in as a demo user below)");
        out.println("  API docs              " + gateway + "/q/swagger-ui   (merged OpenAPI at " + gateway + "/q/openapi)");
        for (PlatformService service : PlatformService.startOrder()) {
            if (service != PlatformService.GATEWAY) {
                out.printf("  %-21s %s   (OpenAPI %s/q/openapi)%n", service.module(), platform.url(service),
                        platform.url(service));
            }
        }
        for (PlatformService service : PlatformService.startOrder()) {
            out.printf("  %-21s %s/q/health/ready, %s/q/metrics   (health and metrics: the management interface)%n",
                    service.module(), platform.managementUrl(service), platform.managementUrl(service));
        }
        out.println("  Keycloak              " + keycloak + "/admin   (admin / admin)");
        out.println("  PostgreSQL          127.0.0.1:" + platform.servers().postgres().port() + "   (impala / impala; "
                + "databases membership, campaigns, notifications)");
        out.println("  Kafka                 " + platform.servers().kafka().bootstrapServers());
        if (platform.mail() != null) {
            out.println("  SMTP                  127.0.0.1:" + platform.mail().port()
                    + "   (a real SMTP server in this JVM: every email notifications sends lands here)");
        }
        out.println();
        out.println("  Demo users (password = user name + '-demo'): secretariat (platform-admin), fr-admin and de-admin");
        out.println("  (association-admin), label-admin and artist-admin (member-admin); sync clients (client credentials):");
        out.println("  sync-fr / sync-fr-dev-secret, sync-de / sync-de-dev-secret. Each sees demo data: the FR and DE");
        out.println("  associations, label-admin's label (represented by FR) and artist-admin's artist (by DE).");
        out.println();
        out.println("  Try it:");
        out.println("  TOKEN=$(curl -s -d grant_type=password -d client_id=" + KeycloakTokens.FRONTEND_CLIENT
                + " -d username=secretariat -d password=secretariat-demo " + keycloak + "/realms/" + KeycloakServer.REALM
                + "/protocol/openid-connect/token | sed -E 's/.*\"access_token\":\"([^\"]+)\".*/\\1/')");
        out.println("  curl -s -H \"Authorization: Bearer $TOKEN\" -H 'Content-Type: application/json' "
                + "-d '{\"kind\":\"COMPANY\",\"legalName\":\"Beggars Group Ltd\",\"displayName\":\"Beggars\","
                + "\"country\":\"GB\"}' " + gateway + "/api/v1/members");
        out.println();
        out.println("  Ctrl-C stops everything.");
    }
}
