package eu.impala.notifications;

import java.time.OffsetDateTime;
import java.util.UUID;

import eu.impala.commons.events.CloudEvent;
import eu.impala.local.KafkaProbe;

/** The events of membership and campaigns, sent to their real topics for the service to consume. */
public final class TestEvents {

    public static final UUID FR = UUID.fromString("0a5f0000-0000-4000-8000-000000000001");
    public static final UUID LABEL = UUID.fromString("0b5f0000-0000-4000-8000-000000000101");

    private TestEvents() {
    }

    public static CloudEvent memberRegistered(UUID member, String name, String kind, String country, UUID representedBy,
                                              String status) {
        return send("membership.members.v1", "/membership-service", "eu.impala.membership.member.registered.v1", member,
                "{\"memberId\":\"" + member + "\",\"kind\":\"" + kind + "\",\"displayName\":\"" + name + "\",\"country\":\""
                        + country + "\",\"category\":\"" + (representedBy == null ? "DIRECT" : "REPRESENTED")
                        + "\",\"representedBy\":" + (representedBy == null ? "null" : "\"" + representedBy + "\"")
                        + ",\"status\":\"" + status + "\",\"sizeClass\":null}");
    }

    public static CloudEvent statusChanged(UUID member, String from, String to) {
        return send("membership.members.v1", "/membership-service", "eu.impala.membership.member.status-changed.v1", member,
                "{\"memberId\":\"" + member + "\",\"from\":\"" + from + "\",\"to\":\"" + to + "\",\"reason\":\"test\"}");
    }

    public static CloudEvent renewalDue(UUID member, UUID representedBy, java.time.LocalDate due, int daysBefore) {
        return send("membership.members.v1", "/membership-service", "eu.impala.membership.member.renewal-due.v1", member,
                renewalDueData(member, representedBy, due, daysBefore));
    }

    public static String renewalDueData(UUID member, UUID representedBy, java.time.LocalDate due, int daysBefore) {
        return "{\"memberId\":\"" + member + "\",\"representedBy\":" + (representedBy == null ? "null"
                : "\"" + representedBy + "\"") + ",\"renewalDueOn\":\"" + due + "\",\"daysBefore\":" + daysBefore + "}";
    }

    public static CloudEvent memberErased(UUID member) {
        return send("membership.members.v1", "/membership-service", "eu.impala.membership.member.erased.v1", member,
                "{\"memberId\":\"" + member + "\"}");
    }

    public static CloudEvent contactAdded(UUID member, UUID contact, String name, String email, String language,
                                          String role, boolean campaigns) {
        return send("membership.contacts.v1", "/membership-service", "eu.impala.membership.contact.added.v1", member,
                contactAddedData(member, contact, name, email, language, role, campaigns));
    }

    public static String contactAddedData(UUID member, UUID contact, String name, String email, String language,
                                          String role, boolean campaigns) {
        return ("{\"memberId\":\"" + member + "\",\"contactId\":\"" + contact + "\",\"name\":\"" + name + "\",\"email\":\""
                        + email + "\",\"language\":\"" + language + "\",\"role\":\"" + role
                        + "\",\"consents\":{\"campaigns\":" + campaigns + ",\"newsletters\":false}}");
    }

    public static CloudEvent contactErased(UUID member, UUID contact) {
        return send("membership.contacts.v1", "/membership-service", "eu.impala.membership.contact.erased.v1", member,
                "{\"memberId\":\"" + member + "\",\"contactId\":\"" + contact + "\"}");
    }

    /** A campaign published in English with a French translation, open to {@code kinds} (JSON array). */
    public static CloudEvent campaignPublished(UUID campaign, String slug, String title, String kinds) {
        return send("campaigns.campaigns.v1", "/campaigns-service", "eu.impala.campaigns.campaign.published.v1", campaign,
                campaignPublishedData(campaign, slug, title, kinds));
    }

    public static String campaignPublishedData(UUID campaign, String slug, String title, String kinds) {
        return ("{\"campaignId\":\"" + campaign + "\",\"slug\":\"" + slug + "\",\"title\":\"" + title
                        + "\",\"summary\":\"Fair terms now.\",\"language\":\"en\",\"translations\":{\"fr\":{\"title\":\""
                        + title + " (FR)\",\"summary\":\"Des conditions justes.\"}},\"topic\":\"DIGITAL_MARKETS\","
                        + "\"kind\":\"DECLARATION\",\"goal\":2,\"eligibility\":{\"memberKinds\":" + kinds
                        + ",\"categories\":[],\"countries\":[]},\"publishedAt\":\"2026-11-24T10:00:00Z\"}");
    }

    public static CloudEvent signatureAdded(UUID campaign, String slug, UUID member, String signedBy) {
        return send("campaigns.signatures.v1", "/campaigns-service", "eu.impala.campaigns.signature.added.v1", campaign,
                "{\"signatureId\":\"" + UUID.randomUUID() + "\",\"campaignId\":\"" + campaign + "\",\"campaignSlug\":\""
                        + slug + "\",\"memberId\":\"" + member + "\",\"signedBy\":\"" + signedBy
                        + "\",\"viaAssociation\":null,\"showName\":true,\"signedAt\":\"2026-11-24T11:00:00Z\",\"signatureCount\":1}");
    }

    public static CloudEvent goalReached(UUID campaign, String slug) {
        return send("campaigns.campaigns.v1", "/campaigns-service", "eu.impala.campaigns.campaign.goal-reached.v1", campaign,
                "{\"campaignId\":\"" + campaign + "\",\"slug\":\"" + slug + "\",\"goal\":2,\"signatureCount\":2,"
                        + "\"reachedAt\":\"2026-11-24T11:00:00Z\"}");
    }

    public static CloudEvent send(String topic, String source, String type, UUID subject, String data) {
        return resend(topic, new CloudEvent(UUID.randomUUID(), source, type, OffsetDateTime.now(), subject.toString(), data));
    }

    /** Sends {@code event} (again: a redelivery keeps its ce_id). */
    public static CloudEvent resend(String topic, CloudEvent event) {
        KafkaProbe.send(NotificationsTestServers.kafka(), topic, event.subject(), event.headers(), event.data());
        return event;
    }
}
