package eu.impala.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Exit;

/**
 * Entry point of the broker JVM: formats the KRaft storage on first start, runs {@code kafka.Kafka}, creates
 * the catalogue topics and prints the ready line the launcher waits for. Runs inside Kafka's classpath.
 */
public final class KafkaBrokerMain {

    private KafkaBrokerMain() {
    }

    public static void main(String[] args) throws Exception {
        Path config = Path.of(args[0]);
        List<String> topics = Files.readAllLines(Path.of(args[1])).stream().filter(t -> !t.isBlank()).toList();
        int partitions = Integer.parseInt(args[2]);
        Properties props = new Properties();
        try (var in = Files.newInputStream(config)) {
            props.load(in);
        }
        Path data = Path.of(props.getProperty("log.dirs"));
        if (!Files.exists(data.resolve("meta.properties"))) {
            format(config);
        }
        Thread topicCreator = new Thread(() -> createTopics(props, topics, partitions), "impala-topic-creator");
        topicCreator.setDaemon(true);
        topicCreator.start();
        runMain("kafka.Kafka", config.toString());
    }

    /** StorageTool ends with Exit.exit; intercept it so the same JVM can go on to run the broker. */
    private static void format(Path config) {
        int[] status = {-1};
        Exit.setExitProcedure((code, message) -> {
            status[0] = code;
            throw new FormatFinished();
        });
        try {
            runMain("kafka.tools.StorageTool", "format", "-t", org.apache.kafka.common.Uuid.randomUuid().toString(),
                    "-c", config.toString());
        } catch (FormatFinished expected) {
            // StorageTool is done
        } catch (Exception e) {
            throw new IllegalStateException("kafka storage format failed", e);
        } finally {
            Exit.resetExitProcedure();
        }
        if (status[0] != 0 && status[0] != -1) {
            throw new IllegalStateException("kafka storage format failed with status " + status[0]);
        }
    }

    /** Kafka's entry points are Scala objects; calling them reflectively keeps Scala off our compile path. */
    private static void runMain(String className, String... args) throws Exception {
        try {
            Class.forName(className).getMethod("main", String[].class).invoke(null, (Object) args);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private static void createTopics(Properties brokerProps, List<String> topics, int partitions) {
        String bootstrap = brokerProps.getProperty("advertised.listeners").replace("PLAINTEXT://", "");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 120_000))) {
            admin.describeCluster().nodes().get(120, TimeUnit.SECONDS);
            for (String topic : topics) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(60, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            System.out.println(KafkaBroker.READY_LINE + " topics=" + topics.size());
            System.out.flush();
        } catch (Exception e) {
            System.out.println("IMPALA-KAFKA-FAILED to create topics: " + e);
            e.printStackTrace(System.out);
            Exit.halt(3);
        }
    }

    private static final class FormatFinished extends RuntimeException {
        FormatFinished() {
            super(null, null, false, false);
        }
    }
}
