package eu.impala.local;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Gives a {@code @QuarkusTest} the real SMTP server of this JVM ({@link MailServer#forTests()}) as its mailer, and its
 * IMAP account as the unsubscribe mailbox.
 */
public class MailTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        MailServer smtp = MailServer.forTests();
        Map<String, String> config = new java.util.HashMap<>(Map.of("quarkus.mailer.host", "127.0.0.1",
                "quarkus.mailer.port", Integer.toString(smtp.port()), "quarkus.mailer.mock", "false"));
        // the unsubscribe mailbox on the same server's IMAP port
        smtp.unsubscribeMailboxEnv().forEach((env, value) -> config.put(
                env.toLowerCase(java.util.Locale.ROOT).replace('_', '.'), value));
        return config;
    }

    @Override
    public void stop() {
        // the server belongs to the JVM: stopped by its shutdown hook
    }
}
