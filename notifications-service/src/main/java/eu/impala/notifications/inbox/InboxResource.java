package eu.impala.notifications.inbox;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.vertx.core.json.JsonObject;

import eu.impala.commons.paging.Cursor;
import eu.impala.commons.paging.CursorPage;
import eu.impala.commons.paging.TimeCursor;
import eu.impala.commons.problem.Problem;
import eu.impala.commons.problem.ProblemException;
import eu.impala.commons.tenant.Caller;
import eu.impala.commons.tenant.Callers;
import eu.impala.commons.tenant.Role;
import eu.impala.notifications.notification.Msg;
import eu.impala.notifications.notification.Templates;
import eu.impala.notifications.rule.CampaignRules;
import eu.impala.notifications.rule.MembershipRules;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The caller's in-app inbox: notices to them as a user, to their member or association, and to everyone. Read
 * state is per user, so the staff of one member each keep their own.
 */
@Path("/api/v1/notifications/inbox")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Inbox", description = "The caller's in-app notices: to them, to their member or association, and to "
        + "everyone; read state per user.")
@RolesAllowed({Role.PLATFORM_ADMIN, Role.ASSOCIATION_ADMIN, Role.MEMBER_ADMIN})
@APIResponse(responseCode = "401", description = "No valid bearer token.",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "The token has none of the platform's staff roles.",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class InboxResource {

    /** Counts of the caller's inbox. */
    public record UnreadCount(long unread) {
    }

    private final Pool pool;
    private final Callers callers;

    public InboxResource(Pool pool, Callers callers) {
        this.pool = pool;
        this.callers = callers;
    }

    @GET
    @Operation(operationId = "listInboxNotices", summary = "The caller's inbox", description = "Newest first with "
            + "cursor pagination; unread=true for unread only. Titles in the first language of Accept-Language we write "
            + "(en, fr, de, es, it), else English.")
    @APIResponse(responseCode = "200", description = "A page; next, when present, is the cursor of the following one.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CursorPage.class,
                            properties = @SchemaProperty(name = "items", type = SchemaType.ARRAY,
                                    implementation = InboxItem.class)),
                    examples = @ExampleObject(name = "page", value = InboxExamples.PAGE)))
    @APIResponse(responseCode = "400", description = "A foreign cursor or a limit out of 1..500.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<CursorPage<InboxItem>> list(@QueryParam("unread") Boolean unread, @QueryParam("cursor") String cursor,
                                           @QueryParam("limit") Integer limit,
                                           @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        int pageSize = Cursor.limit(limit);
        Caller caller = callers.current();
        List<Object> params = new ArrayList<>(List.of(recipients(caller), caller.subject()));
        StringBuilder where = new StringBuilder("n.channel = 'IN_APP' and n.recipient = any($1)");
        if (Boolean.TRUE.equals(unread)) {
            where.append(" and r.read_at is null");
        }
        TimeCursor after = TimeCursor.decode(cursor);
        if (after != null) {
            params.add(after.at());
            params.add(after.id());
            where.append(" and (n.created_at, n.id) < ($3, $4)");
        }
        params.add(pageSize + 1);
        Msg msg = Templates.msg(language(acceptLanguage));
        String lang = language(acceptLanguage);
        // campaign titles are read now: the campaign's announcement may have come after the notice was written
        return pool.preparedQuery("select n.id, n.kind, n.member_id, case when c.campaign_id is null then n.model "
                        + "else n.model || jsonb_build_object('titles', c.titles, 'language', c.language) end as model, "
                        + "n.created_at, r.read_at from notification n "
                        + "left join campaign_info c on c.campaign_id::text = n.model ->> 'campaignId' "
                        + "left join inbox_read r on r.notification_id = n.id and r.reader = $2 where " + where
                        + " order by n.created_at desc, n.id desc limit $" + params.size())
                .execute(Tuple.from(params))
                .map(rows -> {
                    List<InboxItem> items = new ArrayList<>();
                    for (Row r : rows) {
                        JsonObject model = (JsonObject) r.getValue("model");
                        items.add(new InboxItem(r.getUUID("id"), r.getString("kind"), title(msg, lang, r.getString("kind"), model),
                                r.getUUID("member_id"), model.getString("slug"), r.getOffsetDateTime("created_at"),
                                r.getOffsetDateTime("read_at") != null));
                    }
                    return CursorPage.of(items, pageSize, i -> TimeCursor.key(i.at(), i.id()));
                });
    }

    @GET
    @Path("/unread-count")
    @Operation(operationId = "countUnreadNotices", summary = "How many notices the caller has not read")
    @APIResponse(responseCode = "200", description = "The count.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = UnreadCount.class),
                    examples = @ExampleObject(name = "count", value = InboxExamples.UNREAD)))
    public Uni<UnreadCount> unread() {
        Caller caller = callers.current();
        return pool.preparedQuery("select count(*) from notification n where n.channel = 'IN_APP' and n.recipient = any($1) "
                        + "and not exists (select 1 from inbox_read r where r.notification_id = n.id and r.reader = $2)")
                .execute(Tuple.of(recipients(caller), caller.subject()))
                .map(rows -> new UnreadCount(rows.iterator().next().getLong(0)));
    }

    @POST
    @Path("/{id}/read")
    @Operation(operationId = "markNoticeRead", summary = "Mark a notice read", description = "For the caller only; "
            + "404 for a notice not in their inbox. Marking it again changes nothing.")
    @APIResponse(responseCode = "204", description = "Read.")
    @APIResponse(responseCode = "404", description = "No notice with this id is in the caller's inbox.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> markRead(@PathParam("id") UUID id) {
        Caller caller = callers.current();
        return pool.preparedQuery("insert into inbox_read (notification_id, reader, read_at) select id, $3, $4 "
                        + "from notification where id = $1 and channel = 'IN_APP' and recipient = any($2) "
                        + "on conflict do nothing returning notification_id")
                .execute(Tuple.of(id, recipients(caller), caller.subject(), OffsetDateTime.now()))
                .chain(rows -> rows.rowCount() == 1 ? Uni.createFrom().item(Response.noContent().build())
                        : pool.preparedQuery("select 1 from notification n join inbox_read r on r.notification_id = n.id "
                                        + "and r.reader = $3 where n.id = $1 and n.recipient = any($2)")
                                .execute(Tuple.of(id, recipients(caller), caller.subject()))
                                .map(read -> {
                                    if (read.size() == 0) {
                                        throw ProblemException.notFound("notification " + id);
                                    }
                                    return Response.noContent().build();
                                }));
    }

    /** The recipients whose notices the caller reads: itself, its member or association, everyone. */
    static String[] recipients(Caller caller) {
        List<String> recipients = new ArrayList<>(List.of("user:" + caller.subject(), "all"));
        caller.memberId().filter(m -> caller.actsForMember()).ifPresent(m -> recipients.add("member:" + m));
        caller.associationId().filter(a -> caller.actsForAssociation()).ifPresent(a -> recipients.add("association:" + a));
        return recipients.toArray(String[]::new);
    }

    private static String title(Msg msg, String lang, String kind, JsonObject model) {
        String campaign = titleOf(model, lang);
        return switch (kind) {
            case MembershipRules.MEMBER_JOINED -> msg.memberJoined_title(model.getString("member", ""));
            case MembershipRules.STATUS_CHANGED -> msg.statusChanged_subject(model.getString("member", ""),
                    model.getString("to", ""));
            case MembershipRules.RENEWAL_DUE -> msg.renewalDue_subject(model.getString("member", ""),
                    model.getString("renewalDueOn", ""));
            case CampaignRules.PUBLISHED -> msg.campaignPublished_subject(campaign);
            case CampaignRules.SIGNATURE_CONFIRMED -> msg.signatureConfirmed_subject(campaign);
            case CampaignRules.GOAL_REACHED -> msg.goalReached_title(campaign, model.getInteger("goal", 0));
            // an announcement's own title, in the reader's language when it has one
            case eu.impala.notifications.announcement.AnnouncementSender.KIND -> campaign;
            default -> kind;
        };
    }

    private static String titleOf(JsonObject model, String lang) {
        JsonObject titles = model.getJsonObject("titles", new JsonObject());
        String title = titles.getString(lang, titles.getString(model.getString("language", "en")));
        return title == null ? model.getString("slug", "") : title;
    }

    private static String language(String header) {
        if (header == null || header.isBlank()) {
            return Templates.FALLBACK;
        }
        try {
            for (Locale.LanguageRange range : Locale.LanguageRange.parse(header)) {
                String primary = range.getRange().split("-")[0].toLowerCase(Locale.ROOT);
                if (Templates.LANGUAGES.contains(primary)) {
                    return primary;
                }
            }
        } catch (IllegalArgumentException ignored) {
            // a malformed header is no error for a reader
        }
        return Templates.FALLBACK;
    }

}
