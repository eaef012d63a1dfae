package eu.impala.local.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;

import eu.impala.local.KeycloakTokens;

/**
 * The access matrix's world, made once through the gateway the way its users would: each association syncs its
 * member (the French a label, the German an artist) with a primary contact, the demo member-admins are bound to
 * those members, the secretariat publishes two campaigns and drafts one, each member signs, each association
 * subscribes a webhook; the secretariat and each association's admin draft an announcement to nobody (a segment
 * no member is in). Then it turns the placeholders of a table row into the ids one cell addresses.
 */
final class AccessFixtures {

    private final String gateway;
    private final KeycloakTokens keycloak;
    private final Map<Tenant.Side, Tenant> tenants = new EnumMap<>(Tenant.Side.class);
    private final String tag = UUID.randomUUID().toString().substring(0, 8);
    private String published;
    private String publishedSlug;
    private String withdrawable;
    private String draft;
    private String draftSlug;
    private String noticeToAll;
    private String secretariatAnnouncement;

    AccessFixtures(String gateway, String keycloakUrl) {
        this.gateway = gateway;
        this.keycloak = new KeycloakTokens(keycloakUrl);
    }

    AccessFixtures create(KeycloakAdmin admin) {
        Map<Tenant.Side, String[]> synced = new EnumMap<>(Tenant.Side.class);
        for (Tenant.Side side : Tenant.Side.values()) {
            JsonNode run = sync(side, side == Tenant.Side.FR ? "LABEL" : "ARTIST", side.kind, true);
            String member = run.path("results").get(0).path("memberId").asText();
            // the matrix binds the demo member-admins to members their associations synced, each with a run of its
            // own, rather than to the demo data's members (DemoDataTest binds those back for its own checks)
            admin.setUserAttribute(side.memberAdmin, "member_id", member);
            synced.put(side, new String[] {member, run.path("runId").asText()});
        }
        String secretariat = token(Who.SECRETARIAT);
        publishedSlug = "matrix-" + tag;
        published = campaign(publishedSlug, true);
        withdrawable = campaign("matrix-withdrawals-" + tag, true);
        draftSlug = "matrix-draft-" + tag;
        draft = campaign(draftSlug, false);
        secretariatAnnouncement = announcement(Who.SECRETARIAT);
        for (Tenant.Side side : Tenant.Side.values()) {
            String member = synced.get(side)[0];
            String memberAdmin = keycloak.demoUser(side.memberAdmin);
            await("campaigns knows member " + member, () -> Api.send("POST", gateway + "/api/v1/campaigns/" + published
                    + "/signatures", memberAdmin, "{\"showName\":true}", Map.of()).statusCode() == 201);
            String contact = Api.expect(200, "GET", gateway + "/api/v1/members/" + member + "/contacts", secretariat, null)
                    .get(0).path("id").asText();
            String webhook = freshWebhook(side);
            await("notifications knows contact " + contact, () -> Api.send("GET", gateway + "/api/v1/notifications/"
                    + "preferences/" + contact, secretariat, null, Map.of()).statusCode() == 200);
            String delivery = awaitFirst("a notification about " + member, secretariat,
                    "/api/v1/notifications/deliveries?memberId=" + member);
            tenants.put(side, new Tenant(side, member, contact, synced.get(side)[1], webhook, delivery,
                    ownNotice(side.admin, side.other().admin), ownNotice(side.memberAdmin, side.other().memberAdmin),
                    announcement(admin(side))));
        }
        noticeToAll = awaitFirst("a notice to all", secretariat, "/api/v1/notifications/inbox");
        return this;
    }

    Tenant tenant(Tenant.Side side) {
        return tenants.get(side);
    }

    /** The draft campaign's id and slug, and the secretariat's announcement: only the secretariat may read them. */
    List<String> draftMarkers() {
        return List.of(draft, draftSlug, secretariatAnnouncement);
    }

    String token(Who who) {
        return who.token(keycloak);
    }

    /** {@code text} with its placeholders filled for {@code who} and the case of the cell. */
    String resolve(String text, Who who, AccessCase which) {
        if (text == null) {
            return null;
        }
        Tenant target = which == AccessCase.NONE ? null
                : tenants.get(which == AccessCase.FOREIGN ? who.home().other() : who.home());
        // a child resource (contact, sync run) of the other tenant under the caller's own parent
        Tenant child = which == AccessCase.MIXED ? tenants.get(who.home().other()) : target;
        String out = text;
        out = fill(out, "{uniq}", () -> UUID.randomUUID().toString().substring(0, 8));
        out = fill(out, "{kind}", () -> target == null ? "COMPANY" : target.side().kind);
        out = fill(out, "{country}", () -> target == null ? "FR" : target.side().country);
        out = fill(out, "{other-assoc}", () -> target == null ? random() : target.side().other().association);
        out = fill(out, "{assoc}", () -> target == null ? random() : target.side().association);
        out = fill(out, "{fresh-id}", AccessFixtures::random);
        out = fill(out, "{fresh-contact}", () -> child == null ? random() : freshContact(child));
        out = fill(out, "{fresh-member}", () -> target == null ? random() : freshMember(target.side(), "COMPANY"));
        out = fill(out, "{fresh-artist}", () -> target == null ? random() : freshMember(target.side(), "ARTIST"));
        out = fill(out, "{fresh-webhook}", () -> target == null ? random() : freshWebhook(target.side()));
        out = fill(out, "{fresh-draft}", () -> which == AccessCase.NONE ? random() : campaign("matrix-" + random(), false));
        out = fill(out, "{future}", () -> java.time.Instant.now().plus(Duration.ofDays(30)).toString());
        out = fill(out, "{fresh-announcement}", () -> target == null ? random() : announcement(admin(target.side())));
        out = fill(out, "{fresh-secretariat-announcement}", () -> announcement(Who.SECRETARIAT));
        out = fill(out, "{secretariat-announcement}", () -> secretariatAnnouncement);
        out = fill(out, "{announcement}", () -> target == null ? random() : target.announcement());
        out = fill(out, "{signed-campaign}", () -> target == null ? random() : signed(target));
        out = fill(out, "{member}", () -> target == null ? random() : target.member());
        out = fill(out, "{contact}", () -> child == null ? random() : child.contact());
        out = fill(out, "{run}", () -> child == null ? random() : child.run());
        out = fill(out, "{webhook}", () -> target == null ? random() : target.webhook());
        out = fill(out, "{delivery}", () -> target == null ? random() : target.delivery());
        // an email's unsubscribe link: the target's contact, a contact nobody knows, or (mixed) the other tenant's
        // contact named under the signature of the caller's own link
        out = fill(out, "{unsubscribe}", () -> which == AccessCase.MIXED
                ? UnsubscribeLinks.forged(tenants.get(who.home()).contact(), child.contact())
                : UnsubscribeLinks.campaigns(target == null ? random() : target.contact()));
        out = fill(out, "{notice}", () -> target == null ? random() : notice(who, which, target));
        out = fill(out, "{published}", () -> which == AccessCase.NONE ? random() : published);
        out = fill(out, "{campaign}", () -> which == AccessCase.NONE ? random()
                : which == AccessCase.FOREIGN ? draft : published);
        out = fill(out, "{slug}", () -> which == AccessCase.NONE ? "no-such-campaign"
                : which == AccessCase.FOREIGN ? draftSlug : publishedSlug);
        return out;
    }

    /** The secretariat reads notices to all; the others their association's or their own member's. */
    private String notice(Who who, AccessCase which, Tenant target) {
        if (who == Who.SECRETARIAT) {
            return which == AccessCase.FOREIGN ? target.associationNotice() : noticeToAll;
        }
        return who == Who.LABEL_ADMIN || who == Who.ARTIST_ADMIN ? target.memberAdminNotice() : target.associationNotice();
    }

    private JsonNode sync(Tenant.Side side, String externalId, String kind, boolean withContact) {
        String contact = withContact ? ",\"contacts\":[{\"name\":\"Primary " + externalId + "\",\"email\":\""
                + externalId.toLowerCase() + "-" + tag + "@" + side.country.toLowerCase() + ".example\",\"role\":\"PRIMARY\","
                + "\"language\":\"" + side.country.toLowerCase() + "\",\"consents\":{\"campaigns\":false}}]" : "";
        return Api.expect(200, "POST", gateway + "/api/v1/associations/" + side.association + "/sync",
                keycloak.clientCredentials(side.syncClient, side.syncClient + "-dev-secret"), "{\"records\":[{\"externalId\":\""
                        + externalId + "-" + tag + "\",\"kind\":\"" + kind + "\",\"legalName\":\"" + externalId + " " + tag
                        + "\",\"displayName\":\"" + externalId + " " + tag + "\",\"country\":\"" + side.country + "\""
                        + contact + "}]}");
    }

    private String freshMember(Tenant.Side side, String kind) {
        return sync(side, "FRESH-" + random(), kind, true).path("results").get(0).path("memberId").asText();
    }

    private String freshContact(Tenant target) {
        return Api.expect(201, "POST", gateway + "/api/v1/members/" + target.member() + "/contacts", token(Who.SECRETARIAT),
                "{\"name\":\"Fresh Contact\",\"email\":\"fresh-" + random() + "@matrix.example\",\"role\":\"PRESS\","
                        + "\"language\":\"en\"}").path("id").asText();
    }

    private String freshWebhook(Tenant.Side side) {
        return Api.expect(201, "POST", gateway + "/api/v1/notifications/webhooks", keycloak.demoUser(side.admin),
                "{\"url\":\"http://127.0.0.1:9/hooks/" + random() + "\",\"eventTypes\":[\"member.status-changed\"]}").path("id").asText();
    }

    /** The second published campaign, with a live signature of the target's member (given again if withdrawn). */
    private String signed(Tenant target) {
        int status = Api.send("POST", gateway + "/api/v1/campaigns/" + withdrawable + "/signatures",
                keycloak.demoUser(target.side().admin), "{\"memberId\":\"" + target.member() + "\"}", Map.of()).statusCode();
        if (status != 200 && status != 201) {
            throw new AssertionError("signing for " + target.member() + " answered " + status);
        }
        return withdrawable;
    }

    private static Who admin(Tenant.Side side) {
        return side == Tenant.Side.FR ? Who.FR_ADMIN : Who.DE_ADMIN;
    }

    /** A draft announcement by {@code author} to nobody: no member of the platform is in Iceland. */
    private String announcement(Who author) {
        return Api.expect(201, "POST", gateway + "/api/v1/notifications/announcements", token(author),
                "{\"topic\":\"NEWSLETTERS\",\"translations\":{\"en\":{\"title\":\"Matrix " + author.login() + " "
                        + tag + "\",\"body\":\"For *nobody*.\"}},\"segment\":{\"countries\":[\"IS\"]}}").path("id").asText();
    }

    private String campaign(String slug, boolean publish) {
        String secretariat = token(Who.SECRETARIAT);
        String id = Api.expect(201, "POST", gateway + "/api/v1/campaigns", secretariat, "{\"slug\":\"" + slug
                + "\",\"title\":\"Matrix " + slug + "\",\"summary\":\"S\",\"body\":\"B\",\"topic\":\"OTHER\","
                + "\"kind\":\"DECLARATION\",\"goal\":100}").path("id").asText();
        if (publish) {
            Api.expect(200, "POST", gateway + "/api/v1/campaigns/" + id + "/status", secretariat, "{\"status\":\"PUBLISHED\"}");
        }
        return id;
    }

    /** A notice in {@code login}'s inbox that is not in {@code otherLogin}'s: addressed to it, not to all. */
    private String ownNotice(String login, String otherLogin) {
        List<String> found = new ArrayList<>();
        await("a notice for " + login + " only", () -> {
            List<String> mine = inbox(login);
            mine.removeAll(inbox(otherLogin));
            found.addAll(mine);
            return !mine.isEmpty();
        });
        return found.get(0);
    }

    private List<String> inbox(String login) {
        List<String> ids = new ArrayList<>();
        Api.expect(200, "GET", gateway + "/api/v1/notifications/inbox?limit=100", keycloak.demoUser(login), null)
                .path("items").forEach(item -> ids.add(item.path("id").asText()));
        return ids;
    }

    private String awaitFirst(String what, String token, String path) {
        String[] first = new String[1];
        await(what, () -> {
            JsonNode items = Api.expect(200, "GET", gateway + path, token, null).path("items");
            first[0] = items.size() == 0 ? null : items.get(0).path("id").asText();
            return first[0] != null;
        });
        return first[0];
    }

    private static void await(String what, Supplier<Boolean> condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 60 s: " + what);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static String fill(String text, String placeholder, Supplier<String> value) {
        return text.contains(placeholder) ? text.replace(placeholder, value.get()) : text;
    }

    private static String random() {
        return UUID.randomUUID().toString();
    }
}
