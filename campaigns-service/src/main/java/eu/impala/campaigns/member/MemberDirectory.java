package eu.impala.campaigns.member;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** Reads of the member read model. */
@ApplicationScoped
public class MemberDirectory {

    public static final String COLUMNS = "member_id, kind, display_name, country, category, represented_by, status, size_class";

    /** The member, or null when no membership event has told us of it (yet). */
    public Uni<MemberSnapshot> find(SqlClient sql, UUID memberId) {
        return sql.preparedQuery("select " + COLUMNS + " from member_view where member_id = $1")
                .execute(Tuple.of(memberId))
                .map(rows -> rows.size() == 0 ? null : of(rows.iterator().next()));
    }

    public static MemberSnapshot of(Row r) {
        return new MemberSnapshot(r.getUUID("member_id"), r.getString("kind"), r.getString("display_name"),
                r.getString("country"), r.getString("category"), r.getUUID("represented_by"), r.getString("status"),
                r.getString("size_class"));
    }
}
