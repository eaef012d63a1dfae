package eu.impala.gateway.routing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.netty.util.NetUtil;
import io.vertx.core.http.HttpServerRequest;

/**
 * The proxies in front of the gateway (the ingress controller) whose forwarded headers it believes, and what it
 * concludes from them: the client's address and the scheme the client used. From anyone else the headers are
 * ignored: the client is the TCP peer, the scheme the connection's.
 *
 * <p>The client is read from X-Forwarded-For, right to left: ingress-nginx sends it (by default only the address it
 * saw; with {@code compute-full-forwarded-for} that address appended to what it received) and X-Real-IP, but no
 * RFC 7239 Forwarded. X-Real-IP cannot describe a chain of proxies; the right-most X-Forwarded-For entry that is not
 * itself a trusted proxy was written by a trusted proxy, whatever a client put to its left. Quarkus' own forwarded
 * handling is not used: it takes the left-most entry, which a client writes.
 */
public final class TrustedProxies {

    private final List<Range> ranges;

    private TrustedProxies(List<Range> ranges) {
        this.ranges = ranges;
    }

    /** From addresses and CIDR ranges ({@code 10.0.0.0/8}, {@code 10.1.2.3}, {@code fd00::/8}); empty trusts nobody. */
    public static TrustedProxies of(List<String> entries) {
        List<Range> ranges = new ArrayList<>();
        for (String entry : entries) {
            if (!entry.isBlank()) {
                ranges.add(Range.parse(entry.trim()));
            }
        }
        return new TrustedProxies(List.copyOf(ranges));
    }

    public boolean trusts(String address) {
        byte[] bytes = literal(address);
        return bytes != null && ranges.stream().anyMatch(r -> r.contains(bytes));
    }

    /**
     * The client's address: the peer's, or, when the peer is a trusted proxy, the right-most X-Forwarded-For entry
     * that is not one (the left-most when all are).
     */
    public String client(String peer, String forwardedFor) {
        if (peer == null || !trusts(peer) || forwardedFor == null || forwardedFor.isBlank()) {
            return peer;
        }
        String[] entries = forwardedFor.split(",");
        String client = peer;
        for (int i = entries.length - 1; i >= 0; i--) {
            String entry = host(entries[i].trim());
            if (entry.isEmpty()) {
                break; // malformed: the nearest proxy that was vouched for stands in for the client
            }
            client = entry;
            if (!trusts(client)) {
                break;
            }
        }
        return client;
    }

    /** The scheme the client used: the connection's, or a trusted proxy's X-Forwarded-Proto ({@code http/https}). */
    public String scheme(String peer, String connectionScheme, String forwardedProto) {
        if (peer == null || forwardedProto == null || !trusts(peer)) {
            return connectionScheme;
        }
        String proto = forwardedProto.split(",")[0].trim().toLowerCase(Locale.ROOT);
        return proto.equals("https") || proto.equals("http") ? proto : connectionScheme;
    }

    public String client(HttpServerRequest request) {
        // every X-Forwarded-For line, in order: a proxy that adds a line of its own leaves the client's first
        List<String> lines = request.headers().getAll("X-Forwarded-For");
        return client(peer(request), lines.isEmpty() ? null : String.join(",", lines));
    }

    public String scheme(HttpServerRequest request) {
        return scheme(peer(request), request.scheme(), request.getHeader("X-Forwarded-Proto"));
    }

    private static String peer(HttpServerRequest request) {
        return request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
    }

    /** An X-Forwarded-For entry without its port or IPv6 brackets ({@code [::1]:80}, {@code 1.2.3.4:80}). */
    static String host(String entry) {
        if (entry.startsWith("[") && entry.indexOf(']') > 0) {
            return entry.substring(1, entry.indexOf(']'));
        }
        int colon = entry.indexOf(':');
        return colon > 0 && colon == entry.lastIndexOf(':') ? entry.substring(0, colon) : entry;
    }

    /** The address's bytes (an IPv4-mapped IPv6 address as IPv4), or null if it is no IP literal; never asks DNS. */
    static byte[] literal(String address) {
        byte[] bytes = address == null ? null : NetUtil.createByteArrayFromIpAddressString(address);
        if (bytes != null && bytes.length == 16 && isIpv4Mapped(bytes)) {
            return Arrays.copyOfRange(bytes, 12, 16);
        }
        return bytes;
    }

    private static boolean isIpv4Mapped(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
    }

    /** A network: its address and how many leading bits of it count. */
    private record Range(byte[] network, int bits) {

        static Range parse(String entry) {
            int slash = entry.indexOf('/');
            byte[] network = literal(slash < 0 ? entry : entry.substring(0, slash));
            if (network == null) {
                throw new IllegalArgumentException("impala.gateway.trusted-proxies: not an address or CIDR range: " + entry);
            }
            int bits = network.length * 8;
            if (slash >= 0) {
                try {
                    bits = Integer.parseInt(entry.substring(slash + 1));
                } catch (NumberFormatException e) {
                    bits = -1;
                }
                if (bits < 0 || bits > network.length * 8) {
                    throw new IllegalArgumentException("impala.gateway.trusted-proxies: bad prefix length in " + entry);
                }
            }
            return new Range(network, bits);
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int whole = bits / 8;
            for (int i = 0; i < whole; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            int mask = (0xff << (8 - rest)) & 0xff;
            return rest == 0 || (address[whole] & mask) == (network[whole] & mask);
        }
    }
}
