package eu.impala.commons.inbox;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Consumer lag per group and partition on {@code /q/metrics}: {@code impala_consumer_lag_records{group,topic,partition}},
 * the records on the partition after the group's committed offset, read every few seconds with Kafka's admin client
 * for the groups of this service's incoming channels. (The Kafka client's own metrics give only a per-client maximum.)
 */
@ApplicationScoped
public class ConsumerLag {

    private static final Logger LOG = Logger.getLogger(ConsumerLag.class);

    private final MeterRegistry registry;
    private final Config config;
    private final Map<String, AtomicLong> lags = new ConcurrentHashMap<>();
    private volatile Admin admin;

    public ConsumerLag(MeterRegistry registry, Config config) {
        this.registry = registry;
        this.config = config;
    }

    /** The consumer groups of this service's Kafka channels ({@code mp.messaging.incoming.*.group.id}). */
    Set<String> groups() {
        Set<String> groups = new TreeSet<>();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith("mp.messaging.incoming.") && name.endsWith(".group.id")) {
                config.getOptionalValue(name, String.class).ifPresent(groups::add);
            }
        }
        return groups;
    }

    @Scheduled(every = "${impala.inbox.lag-interval:5s}", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        Set<String> groups = groups();
        if (groups.isEmpty()) {
            return;
        }
        try {
            Admin client = admin();
            for (String group : groups) {
                Map<TopicPartition, OffsetAndMetadata> committed = client.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
                Map<TopicPartition, OffsetSpec> latest = new ConcurrentHashMap<>();
                committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
                var ends = client.listOffsets(latest).all().get(5, TimeUnit.SECONDS);
                committed.forEach((tp, offset) -> {
                    if (offset != null && ends.containsKey(tp)) {
                        gauge(group, tp).set(Math.max(0, ends.get(tp).offset() - offset.offset()));
                    }
                });
            }
        } catch (Exception e) {
            LOG.debugf("consumer lag not read: %s (%s)", e.toString(), String.valueOf(e.getCause()));
        }
    }

    private AtomicLong gauge(String group, TopicPartition tp) {
        return lags.computeIfAbsent(group + "/" + tp, key -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder("impala.consumer.lag", value, AtomicLong::get).baseUnit("records")
                    .description("Records on the partition after the consumer group's committed offset")
                    .tag("group", group).tag("topic", tp.topic()).tag("partition", Integer.toString(tp.partition()))
                    .register(registry);
            return value;
        });
    }

    private Admin admin() {
        if (admin == null) {
            synchronized (this) {
                if (admin == null) {
                    admin = Admin.create(Map.of(
                            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.getValue("kafka.bootstrap.servers", String.class),
                            AdminClientConfig.CLIENT_ID_CONFIG, "impala-consumer-lag"));
                }
            }
        }
        return admin;
    }

    void stop(@jakarta.enterprise.event.Observes ShutdownEvent event) {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
    }
}
