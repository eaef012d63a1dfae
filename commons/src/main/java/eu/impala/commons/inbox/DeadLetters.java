package eu.impala.commons.inbox;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jboss.logging.Logger;

import eu.impala.commons.outbox.OutboxRelay;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaProducer;

/**
 * Sends a record that can never be applied to the service's dead-letter topic, as it came (key, value, headers) plus
 * {@code dead-letter-reason}, {@code dead-letter-cause}, {@code dead-letter-consumer} and where it was read
 * ({@code dead-letter-topic}, {@code -partition}, {@code -offset}). It goes through the outbox's producer
 * (idempotent, acks=all), and the batch that held it is acknowledged only once the broker has it.
 */
@ApplicationScoped
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    private final KafkaClientService kafka;
    private final InboxConfig config;

    public DeadLetters(KafkaClientService kafka, InboxConfig config) {
        this.kafka = kafka;
        this.config = config;
    }

    public Uni<Void> send(String consumer, ConsumerRecord<String, String> record, Throwable reason) {
        String topic = config.deadLetterTopic().orElseThrow(() -> new IllegalStateException(
                "impala.inbox.dead-letter-topic is not set, so " + consumer + " cannot set a record aside"));
        // the reason names the fault, never the data: a record may carry personal data
        LOG.warnf("%s could not apply the record at %s-%d@%d (it goes to %s): %s", consumer, record.topic(),
                record.partition(), record.offset(), topic, reason.toString());
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        headers.add("dead-letter-reason", bytes(reason.getMessage() == null ? reason.toString() : reason.getMessage()));
        if (reason.getCause() != null && reason.getCause() != reason) {
            headers.add("dead-letter-cause", bytes(String.valueOf(reason.getCause().getMessage())));
        }
        headers.add("dead-letter-consumer", bytes(consumer));
        headers.add("dead-letter-topic", bytes(record.topic()));
        headers.add("dead-letter-partition", bytes(Integer.toString(record.partition())));
        headers.add("dead-letter-offset", bytes(Long.toString(record.offset())));
        ProducerRecord<String, String> letter = new ProducerRecord<>(topic, null, record.key(), record.value(), headers);
        KafkaProducer<String, String> producer = kafka.getProducer(OutboxRelay.CHANNEL);
        if (producer == null) {
            return Uni.createFrom().failure(new IllegalStateException("the service's producer is not connected yet"));
        }
        return producer.runOnSendingThread(p -> {
            CompletableFuture<Void> acknowledged = new CompletableFuture<>();
            p.send(letter, (metadata, failure) -> {
                if (failure != null) {
                    acknowledged.completeExceptionally(failure);
                } else {
                    acknowledged.complete(null);
                }
            });
            return acknowledged;
        }).chain(acknowledged -> Uni.createFrom().completionStage(acknowledged));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
