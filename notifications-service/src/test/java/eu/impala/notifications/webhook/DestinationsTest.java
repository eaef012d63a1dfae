package eu.impala.notifications.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import eu.impala.notifications.NotificationsConfig;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * The destination rules with the settings a deployment has: no loopback exception (the tests' and local platform's
 * setting is off unless set), the deny lists as configured. Only literal addresses and names refused before any
 * lookup are used, so the outcome does not depend on this machine's DNS.
 */
class DestinationsTest {

    private static Destinations destinations(Map<String, String> settings) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(NotificationsConfig.class)
                .withConverter(java.time.Duration.class, 100, new io.quarkus.runtime.configuration.DurationConverter())
                .withDefaultValues(settings).build();
        return new Destinations(config.getConfigMapping(NotificationsConfig.class));
    }

    private static final Destinations DEPLOYED = destinations(Map.of(
            "impala.notifications.webhooks.deny-hosts", ".corp.example,hooks.partner.example",
            "impala.notifications.webhooks.deny-networks", "93.184.0.0/16,2a00:1450::/32"));

    @ParameterizedTest
    @ValueSource(strings = {
        "https://127.0.0.1/hook", "https://127.8.9.10/", "https://2130706433/", "https://0x7f000001/",
        "https://0177.0.0.1/", "https://127.1/", "https://[::1]/", "https://[::ffff:127.0.0.1]/", "https://[::127.0.0.1]/",
        "https://localhost/", "https://localhost./", "https://app.localhost/", "https://LOCALHOST:8443/",
        "https://169.254.169.254/latest/meta-data/", "https://10.0.0.5/", "https://172.16.4.4/", "https://192.168.1.1/",
        "https://100.64.0.1/", "https://0.0.0.0/", "https://[::]/", "https://224.0.0.1/", "https://255.255.255.255/",
        "https://[fe80::1]/", "https://[fd00::1]/", "https://[ff02::1]/", "https://[::ffff:10.0.0.5]/",
        "https://[64:ff9b::a00:5]/", "https://[2002:a00:5::1]/", "https://keycloak:8443/realms", "https://keycloak/",
        "https://keycloak.impala.svc.cluster.local/", "https://metadata.google.internal/", "https://printer.local/",
        "https://db.corp.example/", "https://hooks.partner.example/in", "https://93.184.216.34/",
        "https://[2a00:1450:4001::1]/", "https://[64:ff9b::5db8:d822]/", "https://[::ffff:93.184.216.34]/"})
    void internalDestinationsAreRefused(String url) {
        assertThrows(Destinations.Refused.class, () -> DEPLOYED.resolve(URI.create(url)), url);
    }

    @Test
    void aPublicAddressPassesAndIsTheAddressConnectedTo() {
        Destinations.Checked checked = DEPLOYED.resolve(URI.create("https://93.185.0.1:8443/in?x=1"));
        assertEquals("93.185.0.1", checked.address().getHostAddress());
        assertEquals(8443, checked.port());
        assertEquals("/in?x=1", checked.requestUri());
        Destinations.Checked v6 = DEPLOYED.resolve(URI.create("https://[2a01:4f8::1]/"));
        assertEquals(443, v6.port());
    }

    @Test
    void aNameThatDoesNotResolveIsUnresolvedNotRefused() {
        // .invalid never resolves (RFC 6761): at delivery this is a failed attempt, tried again later
        assertThrows(Destinations.Unresolved.class, () -> DEPLOYED.resolve(URI.create("https://hooks.nothing.invalid/in")));
    }

    @Test
    void theLoopbackExceptionOfTestsAllowsLoopbackOnly() {
        Map<String, String> settings = new HashMap<>();
        settings.put("impala.notifications.webhooks.allow-loopback", "true");
        Destinations local = destinations(settings);
        assertEquals("127.0.0.1", local.resolve(URI.create("http://127.0.0.1:9/hook")).address().getHostAddress());
        for (String url : new String[] {"https://10.0.0.5/", "https://169.254.169.254/", "https://2130706433/",
            "https://localhost/", "https://[fd00::1]/"}) {
            assertThrows(Destinations.Refused.class, () -> local.resolve(URI.create(url)), url);
        }
    }

    @Test
    void aMalformedDenyNetworkStopsTheStart() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> destinations(Map.of("impala.notifications.webhooks.deny-networks", "10.0.0.0/99")));
        assertEquals(true, e.getMessage().contains("10.0.0.0/99"), e.getMessage());
    }
}
