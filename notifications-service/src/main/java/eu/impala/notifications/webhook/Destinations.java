package eu.impala.notifications.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import eu.impala.notifications.NotificationsConfig;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Where a webhook may go: a public host, never an address inside our network. The host is resolved and refused if
 * any of its addresses is loopback, private, link-local, unique-local, carrier-grade NAT, multicast, unspecified,
 * reserved, or in the configured deny list; host names that only mean something inside a network (one label,
 * {@code localhost}, {@code .local}, {@code .internal}, configured suffixes) and numeric hosts in any form but the
 * plain dotted quad ({@code 2130706433}, {@code 0x7f000001}, {@code 127.1}) are refused before any lookup. The
 * caller connects to the address that was checked, so a second lookup cannot send it elsewhere (DNS rebinding).
 * Checked when a subscription is made and again before every delivery.
 */
@ApplicationScoped
public class Destinations {

    private static final Logger LOG = Logger.getLogger(Destinations.class);

    /** A host that passed: connect to {@code address}, present {@code host} (Host header, TLS name). */
    public record Checked(URI url, String host, int port, boolean tls, InetAddress address) {

        /** Path and query as the request line carries them. */
        public String requestUri() {
            String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
            return url.getRawQuery() == null ? path : path + "?" + url.getRawQuery();
        }
    }

    /** The destination is not one we send to; the message is for our logs and the subscriber's 400, not for a delivery log. */
    public static final class Refused extends RuntimeException {
        public Refused(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * The host's name did not resolve: unknown, or the resolver failed for now (the JDK does not tell the two apart).
     * Refused at subscription; at delivery an attempt that failed, tried again later.
     */
    public static final class Unresolved extends RuntimeException {
        public Unresolved(String message) {
            super(message, null, false, false);
        }
    }

    private static final Pattern DOTTED_QUAD =
            Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    /** A label a URL parser may read as a number (decimal, octal, hex): a host ending in one is an IPv4 address. */
    private static final Pattern NUMERIC_LABEL = Pattern.compile("(0x[0-9a-f]*|[0-9]+)");
    private static final Pattern HOST_NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+");
    private static final List<String> INTERNAL_SUFFIXES = List.of("localhost", "local", "internal", "intranet", "lan",
            "home.arpa", "localdomain", "corp", "home", "private");

    private final List<String> deniedHosts = new ArrayList<>();
    private final List<Network> deniedNetworks = new ArrayList<>();
    private final boolean allowLoopback;

    public Destinations(NotificationsConfig config) {
        NotificationsConfig.Webhooks webhooks = config.webhooks();
        webhooks.denyHosts().ifPresent(hosts -> hosts.forEach(h -> deniedHosts.add(normalised(h))));
        webhooks.denyNetworks().ifPresent(networks -> networks.forEach(n -> deniedNetworks.add(Network.parse(n))));
        this.allowLoopback = webhooks.allowLoopback();
    }

    void started(@jakarta.enterprise.event.Observes StartupEvent event) {
        if (allowLoopback) {
            LOG.warn("impala.notifications.webhooks.allow-loopback is on: webhooks may be sent to this machine's own "
                    + "loopback addresses. It exists for tests and the local platform only; never turn it on in a cluster.");
        }
    }

    /** The checks that need no lookup: scheme and form are the caller's; this is the host alone. */
    public void checkName(URI url) {
        host(url);
    }

    /** Resolves the URL's host off the event loop and checks every address it has. */
    public Uni<Checked> check(URI url) {
        return Uni.createFrom().item(() -> resolve(url)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /** Blocking: resolves and checks. */
    public Checked resolve(URI url) {
        String host = host(url);
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host.contains(":") ? "[" + host + "]" : host);
        } catch (UnknownHostException e) {
            throw new Unresolved("the host " + host + " does not resolve");
        }
        for (InetAddress address : addresses) {
            String why = internal(address);
            if (why != null) {
                throw new Refused("the host " + host + " is " + why);
            }
        }
        boolean tls = "https".equalsIgnoreCase(url.getScheme());
        int port = url.getPort() > 0 ? url.getPort() : tls ? 443 : 80;
        return new Checked(url, host, port, tls, addresses[0]);
    }

    private String host(URI url) {
        String raw = url.getHost();
        if (raw == null || raw.isEmpty()) {
            throw new Refused("the URL has no host");
        }
        if (raw.startsWith("[")) {
            String literal = raw.substring(1, raw.length() - 1);
            if (literal.contains("%")) {
                throw new Refused("an address with a zone is local to a machine");
            }
            return literal; // parsed and checked as an address
        }
        String host = normalised(raw);
        String[] labels = host.split("\\.");
        if (NUMERIC_LABEL.matcher(labels[labels.length - 1]).matches() && !DOTTED_QUAD.matcher(host).matches()) {
            throw new Refused("a numeric host must be a plain dotted IPv4 address");
        }
        if (DOTTED_QUAD.matcher(host).matches()) {
            return host;
        }
        if (!HOST_NAME.matcher(host).matches()) {
            throw new Refused("the host must be a public DNS name with at least two labels");
        }
        for (String suffix : INTERNAL_SUFFIXES) {
            if (host.equals(suffix) || host.endsWith("." + suffix)) {
                throw new Refused("the host " + host + " is a name of a local or internal network");
            }
        }
        for (String denied : deniedHosts) {
            if (denied.startsWith(".") ? host.endsWith(denied) || host.equals(denied.substring(1)) : host.equals(denied)) {
                throw new Refused("the host " + host + " is in the deny list");
            }
        }
        return host;
    }

    private static String normalised(String host) {
        String h = host.strip().toLowerCase(Locale.ROOT);
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }

    /** Why {@code address} is not a public destination, or null when it is. */
    String internal(InetAddress address) {
        for (Network network : deniedNetworks) {
            if (network.contains(address)) {
                return "in the deny list";
            }
        }
        if (address.isLoopbackAddress()) {
            return allowLoopback ? null : "a loopback address";
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return internal4(b);
        }
        if (address instanceof Inet6Address) {
            return internal6(b);
        }
        return "not an IP address";
    }

    private String internal4(byte[] b) {
        for (Network network : deniedNetworks) {
            if (network.contains(b)) { // also an IPv4 address inside an IPv6 one
                return "in the deny list";
            }
        }
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        int a2 = b[2] & 0xff;
        if (a0 == 127) {
            return allowLoopback ? null : "a loopback address";
        }
        if (a0 == 0) {
            return "an unspecified address";
        }
        if (a0 == 10 || (a0 == 172 && a1 >= 16 && a1 <= 31) || (a0 == 192 && a1 == 168)) {
            return "a private address";
        }
        if (a0 == 169 && a1 == 254) {
            return "a link-local address";
        }
        if (a0 == 100 && a1 >= 64 && a1 <= 127) {
            return "a carrier-grade NAT address";
        }
        if (a0 >= 224 && a0 <= 239) {
            return "a multicast address";
        }
        if (a0 >= 240) {
            return "a reserved address";
        }
        if ((a0 == 192 && a1 == 0 && (a2 == 0 || a2 == 2)) || (a0 == 198 && a1 == 51 && a2 == 100)
                || (a0 == 203 && a1 == 0 && a2 == 113) || (a0 == 198 && (a1 == 18 || a1 == 19))
                || (a0 == 192 && a1 == 88 && a2 == 99)) {
            return "a reserved address";
        }
        return null;
    }

    private String internal6(byte[] b) {
        boolean zeroPrefix = true;
        for (int i = 0; i < 10; i++) {
            zeroPrefix &= b[i] == 0;
        }
        if (zeroPrefix && ((b[10] == 0 && b[11] == 0) || (b[10] == (byte) 0xff && b[11] == (byte) 0xff))) {
            // ::a.b.c.d and ::ffff:a.b.c.d carry an IPv4 address (:: and ::1 included)
            boolean allZero = b[12] == 0 && b[13] == 0 && b[14] == 0 && (b[15] == 0 || b[15] == 1) && b[10] == 0;
            if (allZero) {
                return b[15] == 0 ? "an unspecified address" : allowLoopback ? null : "a loopback address";
            }
            return internal4(new byte[] {b[12], b[13], b[14], b[15]});
        }
        int first = ((b[0] & 0xff) << 8) | (b[1] & 0xff);
        if (first == 0x0064 && b[2] == (byte) 0xff && b[3] == (byte) 0x9b) {
            return internal4(new byte[] {b[12], b[13], b[14], b[15]}); // NAT64 64:ff9b::/96
        }
        if (first == 0x2002) {
            return internal4(new byte[] {b[2], b[3], b[4], b[5]}); // 6to4
        }
        if ((b[0] & 0xfe) == 0xfc) {
            return "a unique-local address";
        }
        if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0x80) {
            return "a link-local address";
        }
        if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0xc0) {
            return "a site-local address";
        }
        if ((b[0] & 0xff) == 0xff) {
            return "a multicast address";
        }
        if (first == 0x2001 && b[2] == 0x0d && b[3] == (byte) 0xb8) {
            return "a documentation address";
        }
        if (first == 0x2001 && b[2] == 0 && b[3] == 0) {
            return "a Teredo address";
        }
        if (first == 0x0100 && b[2] == 0 && b[3] == 0 && b[4] == 0 && b[5] == 0 && b[6] == 0 && b[7] == 0) {
            return "a discard-only address";
        }
        return null;
    }

    /** An address range in CIDR notation, IPv4 or IPv6. */
    record Network(byte[] base, int bits) {

        static Network parse(String cidr) {
            String text = cidr.strip();
            int slash = text.indexOf('/');
            try {
                if (!text.matches("[0-9a-fA-F:.]+(/\\d{1,3})?")) {
                    throw new IllegalArgumentException(); // a literal only: a name would be looked up
                }
                InetAddress address = InetAddress.getByName(slash < 0 ? text : text.substring(0, slash));
                int bits = slash < 0 ? address.getAddress().length * 8 : Integer.parseInt(text.substring(slash + 1));
                if (bits < 0 || bits > address.getAddress().length * 8) {
                    throw new IllegalArgumentException();
                }
                return new Network(address.getAddress(), bits);
            } catch (UnknownHostException | IllegalArgumentException e) {
                throw new IllegalArgumentException("impala.notifications.webhooks.deny-networks: '" + cidr
                        + "' is not an address range such as 10.96.0.0/12 or fd00::/8");
            }
        }

        boolean contains(InetAddress address) {
            return contains(address.getAddress());
        }

        boolean contains(byte[] a) {
            if (a.length != base.length) {
                return false;
            }
            for (int i = 0; i < bits; i++) {
                int mask = 0x80 >> (i % 8);
                if ((a[i / 8] & mask) != (base[i / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
