package eu.impala.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A real single-node Kafka broker in KRaft mode (broker and controller in one process), run from the
 * {@code org.apache.kafka:kafka_2.13} jars that Maven resolved. Topics are created before it reports ready.
 */
public final class KafkaBroker implements AutoCloseable {

    static final String READY_LINE = "IMPALA-KAFKA-READY";

    private final Path home;
    private final int port;
    private final int controllerPort;
    private final Set<String> topics;
    private ManagedProcess process;

    public KafkaBroker(Path home, int port, Collection<String> extraTopics) {
        this.home = home;
        this.port = Ports.claim("Kafka", port);
        this.controllerPort = Ports.free();
        this.topics = new LinkedHashSet<>(Topics.all());
        this.topics.addAll(extraTopics);
    }

    public KafkaBroker start() {
        try {
            Path data = home.resolve("data");
            Files.createDirectories(data);
            Path config = home.resolve("server.properties");
            Files.writeString(config, serverProperties(data), StandardCharsets.UTF_8);
            Path topicsFile = home.resolve("topics.txt");
            Files.write(topicsFile, topics);
            List<String> cmd = new ArrayList<>(List.of(javaBin(), "-Xms128m", "-Xmx512m", "-XX:+UseG1GC",
                    "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                    "-Dorg.slf4j.simpleLogger.log.kafka.server.BrokerServer=info",
                    "-cp", classpath(), KafkaBrokerMain.class.getName(), config.toString(), topicsFile.toString(),
                    Integer.toString(Topics.PARTITIONS)));
            process = ManagedProcess.start("Kafka", cmd, Map.of(), home, home.resolve("kafka.log"), "");
            process.awaitReady(() -> process.logContains(READY_LINE), Duration.ofSeconds(90));
            return this;
        } catch (IOException e) {
            throw new ServerStartException("Kafka: cannot prepare " + home + ": " + e.getMessage(), e);
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public ManagedProcess process() {
        return process;
    }

    @Override
    public void close() {
        if (process != null) {
            process.close();
            process = null;
        }
    }

    private String serverProperties(Path data) {
        return String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + data,
                "num.partitions=" + Topics.PARTITIONS,
                // Topics come from the catalogue only: a typo in a channel's topic fails instead of inventing a topic.
                "auto.create.topics.enable=false",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=3",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "log.retention.hours=168",
                "") ;
    }

    /** The broker's classpath: Kafka's jars as Maven resolved them, plus this module for the entry point. */
    private static String classpath() {
        String kafka = Dists.read("kafka.classpath");
        String self;
        try {
            self = Path.of(KafkaBroker.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return self + java.io.File.pathSeparator + kafka;
    }

    static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Reads a file that impala-server-dists generated at build time. */
    static final class Dists {
        private Dists() {
        }

        static String read(String name) {
            try (InputStream in = KafkaBroker.class.getResourceAsStream("/eu/impala/local/dists/" + name)) {
                if (in == null) {
                    throw new ServerStartException("impala-server-dists is not on the classpath (" + name
                            + " missing): build with ./mvnw install -pl deploy/local/dists first.");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            } catch (IOException e) {
                throw new ServerStartException("cannot read " + name + ": " + e.getMessage(), e);
            }
        }
    }
}
