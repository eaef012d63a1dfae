package eu.impala.commons.testapp;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import eu.impala.commons.outbox.Outbox;
import eu.impala.commons.outbox.OutgoingEvent;
import io.smallrye.mutiny.Uni;

/** Writes a note and its event in one transaction, optionally failing after both were written. */
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
        return outbox.transactional(() -> outbox.append(
                new OutgoingEvent(TOPIC, TYPE, id.toString(), new NoteWritten(id, text))));
    }

    public Uni<UUID> write(UUID id, String text, boolean failAfterWriting) {
        return outbox.transactional(() -> writeInCurrentTransaction(id, text)
                .chain(() -> failAfterWriting
                        ? Uni.createFrom().failure(new IllegalStateException("failing on purpose after writing"))
                        : Uni.createFrom().item(id)));
    }

    public Uni<UUID> writeInCurrentTransaction(UUID id, String text) {
        TestNote note = new TestNote();
        note.id = id;
        note.text = text;
        return note.persist()
                .chain(() -> outbox.append(new OutgoingEvent(TOPIC, TYPE, id.toString(), new NoteWritten(id, text))))
                .replaceWith(id);
    }
}
