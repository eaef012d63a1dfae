package eu.impala.notifications.rule;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.ObjectMapper;

import eu.impala.commons.events.CloudEvent;
import eu.impala.commons.events.MalformedEventException;
import eu.impala.commons.inbox.BatchConsumer;
import eu.impala.commons.inbox.Inbox;
import eu.impala.notifications.notification.NotificationWriter;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * What campaigns' events tell people:
 * <ul>
 * <li>{@code campaign.published} → an email, in their language, to every contact of an eligible ACTIVE member who
 * consented to campaign news and has not switched campaign emails off (at the time of their digest, if they chose
 * one), and an in-app notice for all;</li>
 * <li>{@code signature.added} → a confirmation: in-app to the user who signed, by email to the member's primary
 * contact (transactional);</li>
 * <li>{@code campaign.goal-reached} → an in-app notice to every signatory member.</li>
 * </ul>
 */
@ApplicationScoped
public class CampaignRules {

    public static final String PUBLISHED = "campaignPublished";
    public static final String SIGNATURE_CONFIRMED = "signatureConfirmed";
    public static final String GOAL_REACHED = "goalReached";
    static final String CAMPAIGNS_CONSUMER = "notifications.campaign-rules";
    static final String SIGNATURES_CONSUMER = "notifications.signature-rules";

    private final Inbox inbox;
    private final ObjectMapper json;
    private final NotificationWriter writer;
    // campaign events are few and each is already a set-based fan-out: applied in turn, a batch in one transaction
    private final BatchConsumer<CampaignEvent> campaigns;
    private final BatchConsumer<CampaignEvent> signatures;

    public CampaignRules(Inbox inbox, ObjectMapper json, NotificationWriter writer) {
        this.inbox = inbox;
        this.json = json;
        this.writer = writer;
        this.campaigns = BatchConsumer.eachInTurn(CAMPAIGNS_CONSUMER, CampaignEvent.class, this::apply);
        this.signatures = BatchConsumer.eachInTurn(SIGNATURES_CONSUMER, CampaignEvent.class, this::apply);
    }

    @Incoming("campaigns-campaigns")
    public Uni<Void> campaigns(ConsumerRecords<String, String> records) {
        return inbox.receive(records, json, campaigns);
    }

    @Incoming("campaigns-signatures")
    public Uni<Void> signatures(ConsumerRecords<String, String> records) {
        return inbox.receive(records, json, signatures);
    }

    Uni<?> apply(SqlConnection conn, CloudEvent event, CampaignEvent e) {
        if (e.campaignId() == null) {
            throw new MalformedEventException(event.type() + " without campaignId");
        }
        return switch (event.type()) {
            case CampaignEvent.PUBLISHED -> published(conn, event, e);
            case CampaignEvent.SIGNATURE_ADDED -> signed(conn, event, e);
            case CampaignEvent.SIGNATURE_WITHDRAWN -> e.memberId() == null ? Uni.createFrom().voidItem()
                    : conn.preparedQuery("delete from campaign_signatory where campaign_id = $1 and member_id = $2")
                    .execute(Tuple.of(e.campaignId(), e.memberId()));
            case CampaignEvent.GOAL_REACHED -> goalReached(conn, event, e);
            default -> Uni.createFrom().voidItem();
        };
    }

    private Uni<?> published(SqlConnection conn, CloudEvent event, CampaignEvent e) {
        if (e.slug() == null || e.title() == null || e.language() == null) {
            throw new MalformedEventException("campaign.published " + e.campaignId() + " lacks slug, title or language");
        }
        Map<String, String> titles = new HashMap<>();
        Map<String, String> summaries = new HashMap<>();
        titles.put(e.language(), e.title());
        summaries.put(e.language(), e.summary() == null ? "" : e.summary());
        if (e.translations() != null) {
            e.translations().forEach((lang, t) -> {
                titles.put(lang, t.title());
                summaries.put(lang, t.summary());
            });
        }
        Map<String, Object> model = Map.of("campaignId", e.campaignId().toString(), "slug", e.slug(),
                "language", e.language(), "titles", titles, "summaries", summaries);
        CampaignEvent.Eligibility rules = e.eligibility() == null ? new CampaignEvent.Eligibility(null, null, null)
                : e.eligibility();
        return conn.preparedQuery("insert into campaign_info (campaign_id, slug, language, titles) values ($1, $2, $3, "
                        + "$4::text::jsonb) on conflict (campaign_id) do update set slug = excluded.slug, "
                        + "language = excluded.language, titles = excluded.titles")
                .execute(Tuple.of(e.campaignId(), e.slug(), e.language(), writer.write(titles)))
                // one statement fans out to every addressee: thousands of rows without a round trip each
                .chain(() -> conn.preparedQuery(NotificationWriter.INSERT + "select gen_random_uuid(), $1, $2, 'EMAIL', "
                                + "'contact:' || c.contact_id, c.member_id, $3::text::jsonb, 'PENDING', "
                                + "case coalesce(p.digest, 'IMMEDIATE') "
                                + "when 'DAILY' then date_trunc('day', now()) + interval '1 day 8 hours' "
                                + "when 'WEEKLY' then date_trunc('week', now()) + interval '7 days 8 hours' else now() end, "
                                + "nullif(coalesce(p.digest, 'IMMEDIATE'), 'IMMEDIATE'), now(), null "
                                + "from recipient_contact c join recipient_member m on m.member_id = c.member_id "
                                + "left join preference p on p.contact_id = c.contact_id "
                                + "where m.status = 'ACTIVE' and c.email is not null "
                                + "and coalesce((c.consents ->> 'campaigns')::boolean, false) "
                                + "and (p.channels is null or jsonb_exists(p.channels -> 'CAMPAIGNS', 'EMAIL')) "
                                + "and (cardinality($4::text[]) = 0 or m.kind = any($4::text[])) "
                                + "and (cardinality($5::text[]) = 0 or m.category = any($5::text[])) "
                                + "and (cardinality($6::text[]) = 0 or m.country = any($6::text[])) "
                                + "on conflict do nothing")
                        .execute(Tuple.of(event.id(), PUBLISHED, writer.write(model), array(rules.memberKinds()),
                                array(rules.categories()), array(rules.countries()))))
                .chain(() -> writer.inApp(conn, event.id(), PUBLISHED, "all", null, model));
    }

    private Uni<?> signed(SqlConnection conn, CloudEvent event, CampaignEvent e) {
        if (e.memberId() == null) {
            throw new MalformedEventException("signature.added without memberId");
        }
        return conn.preparedQuery("insert into campaign_signatory (campaign_id, member_id) values ($1, $2) "
                        + "on conflict do nothing")
                .execute(Tuple.of(e.campaignId(), e.memberId()))
                .chain(() -> conn.preparedQuery("select m.display_name, c.titles, c.language from campaign_signatory s "
                                + "left join recipient_member m on m.member_id = s.member_id "
                                + "left join campaign_info c on c.campaign_id = s.campaign_id "
                                + "where s.campaign_id = $1 and s.member_id = $2")
                        .execute(Tuple.of(e.campaignId(), e.memberId())))
                .chain(rows -> {
                    var row = rows.iterator().next();
                    Map<String, Object> model = new HashMap<>();
                    model.put("campaignId", e.campaignId().toString());
                    model.put("slug", e.campaignSlug() == null ? "" : e.campaignSlug());
                    model.put("member", row.getString("display_name") == null ? "" : row.getString("display_name"));
                    Object titles = row.getValue("titles");
                    model.put("titles", titles == null ? Map.of() : ((io.vertx.core.json.JsonObject) titles).getMap());
                    model.put("language", row.getString("language") == null ? "en" : row.getString("language"));
                    Uni<?> toSigner = e.signedBy() == null ? Uni.createFrom().voidItem()
                            : writer.inApp(conn, event.id(), SIGNATURE_CONFIRMED, "user:" + e.signedBy(), e.memberId(), model);
                    return toSigner.chain(() -> writer.email(conn, event.id(), SIGNATURE_CONFIRMED,
                            "primary-contact:" + e.memberId(), e.memberId(), model));
                });
    }

    private Uni<?> goalReached(SqlConnection conn, CloudEvent event, CampaignEvent e) {
        Map<String, Object> model = new HashMap<>();
        model.put("campaignId", e.campaignId().toString());
        model.put("slug", e.slug() == null ? "" : e.slug());
        model.put("goal", e.goal() == null ? 0 : e.goal());
        return conn.preparedQuery(NotificationWriter.INSERT + "select gen_random_uuid(), $1, $2, 'IN_APP', "
                        + "'member:' || s.member_id, s.member_id, $3::text::jsonb || jsonb_build_object('titles', "
                        + "coalesce(c.titles, '{}'::jsonb), 'language', coalesce(c.language, 'en')), 'SENT', null, null, "
                        + "now(), now() from campaign_signatory s left join campaign_info c on c.campaign_id = s.campaign_id "
                        + "where s.campaign_id = $4 on conflict do nothing")
                .execute(Tuple.of(event.id(), GOAL_REACHED, writer.write(model), e.campaignId()));
    }

    private static String[] array(List<String> values) {
        return values == null ? new String[0] : values.toArray(String[]::new);
    }
}
