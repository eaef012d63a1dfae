package eu.impala.commons.testapp;

import java.net.URI;
import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import eu.impala.commons.idempotency.Idempotency;
import eu.impala.commons.outbox.Outbox;
import io.smallrye.mutiny.Uni;

/** Creates notes with an Idempotency-Key, the way services create their aggregates. */
@Path("/test/notes")
public class NoteResource {

    private final Outbox outbox;
    private final Idempotency idempotency;
    private final NoteService notes;

    public NoteResource(Outbox outbox, Idempotency idempotency, NoteService notes) {
        this.outbox = outbox;
        this.idempotency = idempotency;
        this.notes = notes;
    }

    @POST
    @Consumes(MediaType.TEXT_PLAIN)
    public Uni<Response> create(@HeaderParam(Idempotency.HEADER) String key, String text) {
        return outbox.inTransaction(conn -> idempotency.once(conn, "test:create-note", key, Idempotency.fingerprint(text),
                        () -> notes.write(conn, UUID.randomUUID(), text)
                                .map(id -> new Idempotency.StoredResponse(201, "{\"id\":\"" + id + "\"}", "/test/notes/" + id))))
                .map(stored -> Response.status(stored.status()).type(MediaType.APPLICATION_JSON)
                        .location(URI.create(stored.location())).entity(stored.body()).build());
    }
}
