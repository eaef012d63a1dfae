package eu.impala.local;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Gives notifications' {@code @QuarkusTest}s the local webhook key ({@link WebhookKeys#local()}). */
public class WebhookKeysTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("impala.notifications.webhooks.secret-keys", WebhookKeys.local());
    }

    @Override
    public void stop() {
        // nothing runs
    }
}
