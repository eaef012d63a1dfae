package eu.impala.commons.testapp;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import eu.impala.commons.outbox.Outbox;
import eu.impala.commons.outbox.OutgoingEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** Writes a note and its event in one transaction, as the services do, optionally failing after both were written. */
@ApplicationScoped
public class NoteService {

    public static final String TOPIC = "commons.test-out.v1";
    public static final String TYPE = "eu.impala.test.note.written.v1";

    public record NoteWritten(UUID noteId, String text) {
    }

    private final Outbox outbox;

    public NoteService(Outbox outbox) {
        this.outbox = outbox;
    }

    /** Publishes a further event about an existing note: same aggregate, so the same partition. */
    public Uni<Void> amend(UUID id, String text) {
        return outbox.inTransaction(conn -> outbox.append(conn,
                List.of(new OutgoingEvent(TOPIC, TYPE, id.toString(), new NoteWritten(id, text)))));
    }

    public Uni<UUID> write(UUID id, String text, boolean failAfterWriting) {
        return outbox.inTransaction(conn -> write(conn, id, text)
                .chain(() -> failAfterWriting
                        ? Uni.createFrom().failure(new IllegalStateException("failing on purpose after writing"))
                        : Uni.createFrom().item(id)));
    }

    public Uni<UUID> write(SqlConnection conn, UUID id, String text) {
        return conn.preparedQuery("insert into test_note (id, text) values ($1, $2)").execute(Tuple.of(id, text))
                .chain(() -> outbox.append(conn, List.of(new OutgoingEvent(TOPIC, TYPE, id.toString(), new NoteWritten(id, text)))))
                .replaceWith(id);
    }
}
