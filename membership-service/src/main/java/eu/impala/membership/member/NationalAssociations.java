package eu.impala.membership.member;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import eu.impala.commons.problem.Problem;
import eu.impala.commons.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The national associations, which are members of kind NATIONAL_ASSOCIATION: the association id of a token, of a sync
 * URL or of a member's representedBy names one. Only an ACTIVE one syncs, has a feed or represents new members.
 */
@ApplicationScoped
public class NationalAssociations {

    private static final String FIND = "select " + MemberStore.COLUMNS + " from member where id = $1 "
            + "and kind = 'NATIONAL_ASSOCIATION' and erased_at is null";

    private final Pool pool;

    public NationalAssociations(Pool pool) {
        this.pool = pool;
    }

    /** The national association with this id, whatever its status; a 404 problem naming the id when there is none. */
    public Uni<Member> find(UUID id) {
        return pool.preparedQuery(FIND).execute(Tuple.of(id))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw unknown(id);
                    }
                    return MemberStore.member(rows.iterator().next());
                });
    }

    /**
     * Checks that an association named in a URL is an ACTIVE national association: a 404 problem naming the id
     * otherwise (the caller's authority over the id is checked before, so this says nothing about another's).
     */
    public Uni<Void> requireActive(UUID id) {
        return active(pool, id).invoke(active -> {
            if (!active) {
                throw new ProblemException(404, "not-found", "Not Found",
                        "no ACTIVE national association has the id " + id);
            }
        }).replaceWithVoid();
    }

    /**
     * Checks that a member's representedBy names an ACTIVE national association, and that a national association is
     * represented by no one (one represented by another would be read, edited and lapsed by the other's staff and
     * syncs): a 422 problem on that field otherwise, as for any reference a request makes to something that cannot
     * take it.
     */
    public Uni<Void> requireRepresentable(SqlClient client, MemberProfile profile) {
        UUID representedBy = profile.representedBy();
        if (representedBy == null) {
            return Uni.createFrom().voidItem();
        }
        if (profile.kind() == MemberKind.NATIONAL_ASSOCIATION) {
            String message = "a national association is represented by no one";
            throw new ProblemException(422, "unknown-association", "Unprocessable Content",
                    "representedBy: " + message, List.of(new Problem.FieldError("representedBy", message)));
        }
        return active(client, representedBy).invoke(active -> {
            if (!active) {
                String message = representedBy + " is not an ACTIVE national association";
                throw new ProblemException(422, "unknown-association", "Unprocessable Content",
                        "representedBy: " + message, List.of(new Problem.FieldError("representedBy", message)));
            }
        }).replaceWithVoid();
    }

    private static Uni<Boolean> active(SqlClient client, UUID id) {
        return client.preparedQuery(FIND + " and status = 'ACTIVE'").execute(Tuple.of(id)).map(rows -> rows.size() > 0);
    }

    private static ProblemException unknown(UUID id) {
        return ProblemException.notFound("national association " + id);
    }
}
