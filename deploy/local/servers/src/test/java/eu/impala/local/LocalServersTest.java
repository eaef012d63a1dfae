package eu.impala.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launchers start real servers that answer, and leave nothing running after close. */
class LocalServersTest {

    @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS)
    Path home;

    @Test
    void postgresAndKafkaStartAnswerAndStopWithoutLeftovers() throws Exception {
        long postgresPid;
        long kafkaPid;
        int pgPort;
        int kafkaPort;
        home.toFile().setExecutable(true, false);
        home.toFile().setReadable(true, false);
        try (LocalServers servers = new LocalServers(home, LocalServers.Ports.FREE, false, List.of("test.extra.v1"))) {
            servers.ensure(EnumSet.of(LocalServers.Server.POSTGRES, LocalServers.Server.KAFKA));

            PostgresServer pg = servers.postgres();
            assertEquals("membership,campaigns,notifications",
                    pg.psql("SELECT string_agg(datname, ',' ORDER BY oid) FROM pg_database WHERE datname IN "
                            + "('membership','campaigns','notifications')").trim());
            assertEquals("127.0.0.1", pg.psql("SHOW listen_addresses").trim(), "loopback only");
            assertEquals("off", pg.psql("SHOW fsync").trim());

            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    servers.kafka().bootstrapServers()))) {
                Set<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS);
                assertTrue(topics.containsAll(Topics.all()), "catalogue topics created: " + topics);
                assertTrue(topics.contains("test.extra.v1"), "extra topic created: " + topics);
            }
            postgresPid = pg.process().pid();
            kafkaPid = servers.kafka().process().pid();
            pgPort = pg.port();
            kafkaPort = servers.kafka().port();
        }
        assertFalse(ProcessHandle.of(postgresPid).map(ProcessHandle::isAlive).orElse(false), "postgres guard gone");
        assertFalse(ProcessHandle.of(kafkaPid).map(ProcessHandle::isAlive).orElse(false), "kafka guard gone");
        assertFalse(Ports.isOpen(pgPort), "postgres port closed");
        assertFalse(Ports.isOpen(kafkaPort), "kafka port closed");
    }

    @Test
    void aBusyPortIsAClearError() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            ServerStartException e = org.junit.jupiter.api.Assertions.assertThrows(ServerStartException.class,
                    () -> Ports.claim("Kafka", taken.getLocalPort()));
            assertTrue(e.getMessage().contains("already in use"), e.getMessage());
        }
    }
}
