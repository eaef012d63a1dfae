package eu.impala.commons.inbox;

import org.apache.kafka.clients.consumer.ConsumerRecords;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;

/**
 * The common part of a service's batch consumer: its inbox name and reader type, and {@link #receive} for its
 * {@code @Incoming} method, which hands each poll to the {@link Inbox}. A subclass adds {@code check}, {@code apply}
 * and, where needed, {@code orderKey}.
 */
public abstract class InboxConsumer<T> implements BatchConsumer<T> {

    private String name;
    private Class<T> type;
    private Inbox inbox;
    private ObjectMapper json;

    /** For the container's client proxy of a normal-scoped subclass only. */
    protected InboxConsumer() {
    }

    protected InboxConsumer(String name, Class<T> type, Inbox inbox, ObjectMapper json) {
        this.name = name;
        this.type = type;
        this.inbox = inbox;
        this.json = json;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Class<T> type() {
        return type;
    }

    /** Applies one poll's records, once each; completes after the commit, when the channel may acknowledge them. */
    protected Uni<Void> receive(ConsumerRecords<String, String> records) {
        return inbox.receive(records, json, this);
    }
}
