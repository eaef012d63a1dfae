package eu.impala.membership.duplicate;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Derives the match keys of the members that have none yet: every member that existed before migration V11, or
 * whose keys a later migration cleared (match_version null) because {@link MatchKeys} changed. Runs once when the
 * service starts, in the background, a batch at a time. A member written meanwhile has its keys from its own write:
 * a batch changes only the rows whose version is still the one it read, and none twice.
 */
@ApplicationScoped
public class MatchKeyBackfill {

    private static final Logger LOG = Logger.getLogger(MatchKeyBackfill.class);
    static final int BATCH = 1000;

    private final Pool pool;

    public MatchKeyBackfill(Pool pool) {
        this.pool = pool;
    }

    void onStart(@Observes StartupEvent start) {
        run().subscribe().with(n -> {
            if (n > 0) {
                LOG.infof("derived the match keys of %d members", n);
            }
        }, e -> LOG.warnf(e, "deriving members' match keys failed; the next start tries again"));
    }

    /** Derives the keys of every member without them; the number of members done. */
    public Uni<Long> run() {
        return batch(null, 0L);
    }

    private Uni<Long> batch(UUID after, long done) {
        return pool.preparedQuery("select id, legal_name, country, website, vat_number, erased_at, version from member "
                        + "where match_version is null and ($1::uuid is null or id > $1) order by id limit " + BATCH)
                .execute(Tuple.of(after))
                .chain(rows -> rows.size() == 0 ? Uni.createFrom().item(done)
                        : write(rows).chain(n -> rows.size() < BATCH ? Uni.createFrom().item(done + n)
                                : batch(last(rows), done + n)));
    }

    private Uni<Long> write(RowSet<Row> rows) {
        int n = rows.size();
        UUID[] ids = new UUID[n];
        Long[] versions = new Long[n];
        String[] vat = new String[n];
        String[] domain = new String[n];
        String[] name = new String[n];
        int i = 0;
        for (Row row : rows) {
            ids[i] = row.getUUID("id");
            versions[i] = row.getLong("version");
            if (row.getValue("erased_at") == null) {
                String country = row.getString("country");
                vat[i] = MatchKeys.vat(row.getString("vat_number"), country);
                domain[i] = MatchKeys.domain(row.getString("website"));
                name[i] = MatchKeys.nameAndCountry(row.getString("legal_name"), country);
            }
            i++;
        }
        return pool.preparedQuery("update member m set vat_key = u.vat, domain_key = u.domain, name_key = u.name, "
                        + "match_version = " + MatchKeys.VERSION + " from unnest($1::uuid[], $2::int8[], $3::text[], "
                        + "$4::text[], $5::text[]) as u(id, version, vat, domain, name) "
                        + "where m.id = u.id and m.version = u.version and m.match_version is null")
                .execute(Tuple.tuple(List.of(ids, versions, vat, domain, name)))
                .map(result -> (long) result.rowCount());
    }

    private static UUID last(RowSet<Row> rows) {
        UUID last = null;
        for (Row row : rows) {
            last = row.getUUID("id");
        }
        return last;
    }
}
