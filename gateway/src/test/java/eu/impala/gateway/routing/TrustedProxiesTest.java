package eu.impala.gateway.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class TrustedProxiesTest {

    private static final String INGRESS = "10.42.0.17";
    private final TrustedProxies proxies = TrustedProxies.of(List.of("10.42.0.0/16", "fd00:42::/32"));

    @Test
    void byDefaultNobodyIsTrustedAndThePeerIsTheClient() {
        TrustedProxies none = TrustedProxies.of(List.of());
        assertFalse(none.trusts(INGRESS));
        assertEquals(INGRESS, none.client(INGRESS, "198.51.100.7"));
    }

    @Test
    void aPeerThatIsNotTrustedIsTheClientWhateverItsHeaderSays() {
        assertEquals("203.0.113.5", proxies.client("203.0.113.5", "198.51.100.7"));
    }

    @Test
    void behindATrustedProxyTheClientIsTheAddressItForwarded() {
        assertEquals("198.51.100.7", proxies.client(INGRESS, "198.51.100.7"));
    }

    @Test
    void whatAClientWroteLeftOfTheProxysEntryDoesNotCount() {
        assertEquals("198.51.100.7", proxies.client(INGRESS, "203.0.113.99, 198.51.100.7"));
    }

    @Test
    void trustedProxiesInTheChainAreSkippedFromTheRight() {
        assertEquals("198.51.100.7", proxies.client(INGRESS, "203.0.113.99, 198.51.100.7, 10.42.3.4"));
    }

    @Test
    void whenEveryEntryIsATrustedProxyTheLeftMostIsTheClient() {
        assertEquals("10.42.9.9", proxies.client(INGRESS, "10.42.9.9, 10.42.3.4"));
    }

    @Test
    void withoutAForwardedForTheTrustedPeerIsTheClient() {
        assertEquals(INGRESS, proxies.client(INGRESS, null));
        assertEquals(INGRESS, proxies.client(INGRESS, " "));
    }

    @Test
    void anEmptyEntryEndsTheChainAtTheNearestProxy() {
        assertEquals("10.42.3.4", proxies.client(INGRESS, "203.0.113.99, , 10.42.3.4"));
    }

    @Test
    void entriesMayCarryPortsAndIpv6Brackets() {
        assertEquals("198.51.100.7", proxies.client(INGRESS, "198.51.100.7:51234"));
        assertEquals("2001:db8::7", proxies.client(INGRESS, "[2001:db8::7]:51234"));
        assertEquals("2001:db8::7", proxies.client(INGRESS, "2001:db8::7"));
        assertEquals("198.51.100.7", proxies.client(INGRESS, "198.51.100.7, [fd00:42::1]:80"));
    }

    @Test
    void rangesMatchOnTheirPrefixOnly() {
        assertTrue(proxies.trusts("10.42.255.1"));
        assertFalse(proxies.trusts("10.43.0.1"));
        assertTrue(proxies.trusts("fd00:42:ffff::1"));
        assertFalse(proxies.trusts("fd00:43::1"));
        assertTrue(proxies.trusts("::ffff:10.42.0.1"), "an IPv4-mapped IPv6 peer is its IPv4 address");
        TrustedProxies odd = TrustedProxies.of(List.of("192.168.1.128/25", "172.16.0.9"));
        assertTrue(odd.trusts("192.168.1.200"));
        assertFalse(odd.trusts("192.168.1.100"));
        assertTrue(odd.trusts("172.16.0.9"));
        assertFalse(odd.trusts("172.16.0.10"));
    }

    @Test
    void aNameIsNeverLookedUpNorTrusted() {
        assertFalse(TrustedProxies.of(List.of("0.0.0.0/0")).trusts("localhost"));
    }

    @Test
    void aRangeThatIsNotOneFailsTheStart() {
        assertThrows(IllegalArgumentException.class, () -> TrustedProxies.of(List.of("ingress-nginx")));
        assertThrows(IllegalArgumentException.class, () -> TrustedProxies.of(List.of("10.0.0.0/33")));
        assertThrows(IllegalArgumentException.class, () -> TrustedProxies.of(List.of("10.0.0.0/")));
    }

    @Test
    void theSchemeComesFromAForwardedProtoOnlyThroughATrustedProxy() {
        assertEquals("https", proxies.scheme(INGRESS, "http", "https"));
        assertEquals("https", proxies.scheme(INGRESS, "http", "HTTPS, http"));
        assertEquals("http", proxies.scheme("203.0.113.5", "http", "https"));
        assertEquals("http", proxies.scheme(INGRESS, "http", "gopher"));
        assertEquals("http", proxies.scheme(INGRESS, "http", null));
    }
}
