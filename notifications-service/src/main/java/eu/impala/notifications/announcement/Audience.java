package eu.impala.notifications.announcement;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Who an announcement reaches, as SQL over the recipient directory, the same for its preview and its fan-out so that
 * the preview counts what is then sent. The parameters are always $1..$9 in this order: kinds, categories, size
 * classes, countries, statuses, associations, contact roles, the topic, the announcement's languages.
 * <ul>
 * <li>{@link #MEMBERS}: the members of the segment (each gets one in-app notice);</li>
 * <li>{@link #CONTACTS}: their contacts of the roles asked, with whether each gets an email ({@code email}: an
 * address, the newsletters consent for NEWSLETTERS (MEMBERSHIP needs none, as membership's own messages), and EMAIL
 * among its channels for the topic, all on without a preference), the language it gets ({@code lang}: its own when
 * the announcement has it, else the default, which is $10) and its digest.</li>
 * </ul>
 */
final class Audience {

    static final String MEMBERS = "select m.member_id from recipient_member m "
            + "where (cardinality($1::text[]) = 0 or m.kind = any($1::text[])) "
            + "and (cardinality($2::text[]) = 0 or m.category = any($2::text[])) "
            + "and (cardinality($3::text[]) = 0 or m.size_class = any($3::text[])) "
            + "and (cardinality($4::text[]) = 0 or m.country = any($4::text[])) "
            + "and m.status = any($5::text[]) "
            + "and (cardinality($6::uuid[]) = 0 or m.represented_by = any($6::uuid[]))";

    static final String CONTACTS = "select c.contact_id, c.member_id, "
            + "case when c.language::text = any($9::text[]) then c.language::text else $10::text end as lang, "
            + "coalesce(p.digest, 'IMMEDIATE') as digest, "
            + "(c.email is not null and ($8::text <> 'NEWSLETTERS' or coalesce((c.consents ->> 'newsletters')::boolean, false)) "
            + "and (p.channels is null or jsonb_exists(coalesce(p.channels -> $8::text, '[\"EMAIL\"]'::jsonb), 'EMAIL'))) as email "
            + "from recipient_contact c join (" + MEMBERS + ") s on s.member_id = c.member_id "
            + "left join preference p on p.contact_id = c.contact_id "
            + "where (cardinality($7::text[]) = 0 or c.role = any($7::text[]))";

    private Audience() {
    }

    /** $1..$10 for {@code segment}, {@code topic} and the announcement's languages, default first. */
    static List<Object> parameters(Segment segment, String topic, List<String> languages) {
        List<Object> params = new ArrayList<>();
        params.add(segment.memberKinds().toArray(String[]::new));
        params.add(segment.categories().toArray(String[]::new));
        params.add(segment.sizeClasses().toArray(String[]::new));
        params.add(segment.countries().toArray(String[]::new));
        params.add(segment.statuses().toArray(String[]::new));
        params.add(segment.associations().toArray(UUID[]::new));
        params.add(segment.contactRoles().toArray(String[]::new));
        params.add(topic);
        params.add(languages.toArray(String[]::new));
        params.add(languages.get(0));
        return params;
    }

    /** $1..$6 of {@link #MEMBERS} alone. */
    static List<Object> memberParameters(Segment segment) {
        return new ArrayList<>(parameters(segment, "", List.of("en")).subList(0, 6));
    }

    static Tuple tuple(List<Object> params, Object... more) {
        List<Object> all = new ArrayList<>(params);
        all.addAll(List.of(more));
        return Tuple.tuple(all);
    }
}
