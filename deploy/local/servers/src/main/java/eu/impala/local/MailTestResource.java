package eu.impala.local;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Gives a {@code @QuarkusTest} the real SMTP server of this JVM ({@link MailServer#forTests()}) as its mailer. */
public class MailTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        MailServer smtp = MailServer.forTests();
        return Map.of("quarkus.mailer.host", "127.0.0.1", "quarkus.mailer.port", Integer.toString(smtp.port()),
                "quarkus.mailer.mock", "false");
    }

    @Override
    public void stop() {
        // the server belongs to the JVM: stopped by its shutdown hook
    }
}
