package eu.impala.notifications.unsubscribe;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import eu.impala.commons.problem.ProblemException;
import eu.impala.notifications.NotificationsConfig;
import eu.impala.notifications.preference.Topic;
import io.quarkus.runtime.StartupEvent;

/**
 * The tokens of unsubscribe links: {@code base64url(payload) "." base64url(HMAC-SHA256(key, payload))}, the payload
 * being a version byte, the contact's id, the topic and the expiry (epoch seconds). The link is the only authority
 * its holder has, so it names no address or name, cannot be changed without the key (a changed byte anywhere fails
 * the constant-time check), and stops working at its expiry. The contact's id is a random UUID, not personal data
 * by itself.
 */
@ApplicationScoped
public class UnsubscribeTokens {

    /**
     * What a valid token says; {@code source} is the announcement whose email carried the link (version 2 tokens),
     * null for other emails (version 1, as every link sent before announcements).
     */
    public record Claim(UUID contactId, Topic topic, Instant expires, UUID source) {

        public Claim(UUID contactId, Topic topic, Instant expires) {
            this(contactId, topic, expires, null);
        }
    }

    private static final byte VERSION = 1;
    private static final int PAYLOAD_BYTES = 1 + 16 + 1 + 8;
    /** Version 2 adds the announcement's id (16 bytes) after the expiry: its unsubscribes are counted. */
    private static final byte VERSION_WITH_SOURCE = 2;
    private static final int PAYLOAD_WITH_SOURCE_BYTES = PAYLOAD_BYTES + 16;
    private static final int MIN_KEY_BYTES = 32;
    private static final String ALGORITHM = "HmacSHA256";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final NotificationsConfig.Unsubscribe config;
    private volatile List<SecretKeySpec> keys;

    public UnsubscribeTokens(NotificationsConfig config) {
        this.config = config.unsubscribe();
    }

    /** A missing or short key stops the start, not the first campaign email. */
    void started(@Observes StartupEvent event) {
        keys();
    }

    /** A token for {@code contactId} and {@code topic}, valid until {@code expires}. */
    public String issue(UUID contactId, Topic topic, Instant expires) {
        return issue(contactId, topic, expires, null);
    }

    /** A token for {@code contactId} and {@code topic} from an email of announcement {@code source} (null: none). */
    public String issue(UUID contactId, Topic topic, Instant expires, UUID source) {
        ByteBuffer payload = ByteBuffer.allocate(source == null ? PAYLOAD_BYTES : PAYLOAD_WITH_SOURCE_BYTES);
        payload.put(source == null ? VERSION : VERSION_WITH_SOURCE).putLong(contactId.getMostSignificantBits())
                .putLong(contactId.getLeastSignificantBits()).put(code(topic)).putLong(expires.getEpochSecond());
        if (source != null) {
            payload.putLong(source.getMostSignificantBits()).putLong(source.getLeastSignificantBits());
        }
        byte[] bytes = payload.array();
        return ENCODER.encodeToString(bytes) + "." + ENCODER.encodeToString(mac(keys().get(0), bytes));
    }

    /** A token valid for the configured time from {@code now}. */
    public String issue(UUID contactId, Topic topic) {
        return issue(contactId, topic, Instant.now().plus(config.ttl()));
    }

    /** The same from an email of announcement {@code source} (null: none). */
    public String issue(UUID contactId, Topic topic, UUID source) {
        return issue(contactId, topic, Instant.now().plus(config.ttl()), source);
    }

    /**
     * What {@code token} says, if any of the keys signed it and it has not expired: else a 400 problem (malformed,
     * or not ours) or a 410 (expired), worded alike whatever the reason, so that probing learns nothing.
     */
    public Claim verify(String token, Instant now) {
        if (token == null || token.isBlank()) {
            throw invalid();
        }
        int dot = token.indexOf('.');
        if (dot < 0 || token.indexOf('.', dot + 1) >= 0) {
            throw invalid();
        }
        byte[] payload;
        byte[] signature;
        try {
            payload = DECODER.decode(token.substring(0, dot));
            signature = DECODER.decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        boolean signed = false;
        for (SecretKeySpec key : keys()) {
            // every key is tried, so the time taken says nothing about which matched
            signed |= MessageDigest.isEqual(mac(key, payload), signature);
        }
        if (!signed || payload.length == 0) {
            throw invalid();
        }
        ByteBuffer read = ByteBuffer.wrap(payload);
        byte version = read.get();
        if (!(version == VERSION && payload.length == PAYLOAD_BYTES)
                && !(version == VERSION_WITH_SOURCE && payload.length == PAYLOAD_WITH_SOURCE_BYTES)) {
            throw invalid();
        }
        UUID contact = new UUID(read.getLong(), read.getLong());
        Topic topic = topic(read.get());
        Instant expires = Instant.ofEpochSecond(read.getLong());
        UUID source = version == VERSION_WITH_SOURCE ? new UUID(read.getLong(), read.getLong()) : null;
        if (topic == null) {
            throw invalid();
        }
        if (!now.isBefore(expires)) {
            throw gone();
        }
        return new Claim(contact, topic, expires, source);
    }

    /** The answer for a link that was right once but works no more: expired, or its contact is gone. */
    static ProblemException gone() {
        return new ProblemException(410, "unsubscribe-link-expired", "Link no longer valid",
                "this unsubscribe link has expired or no longer applies; change your email preferences where you "
                + "manage your IMPALA membership");
    }

    private static ProblemException invalid() {
        return new ProblemException(400, "unsubscribe-link-invalid", "Invalid unsubscribe link",
                "this unsubscribe link is not valid: use the link exactly as the email gave it");
    }

    /** Fixed codes, so that tokens already sent keep their meaning whatever the order of {@link Topic}. */
    private static byte code(Topic topic) {
        return switch (topic) {
            case MEMBERSHIP -> 'M';
            case CAMPAIGNS -> 'C';
            case NEWSLETTERS -> 'N';
        };
    }

    private static Topic topic(byte code) {
        return switch (code) {
            case 'M' -> Topic.MEMBERSHIP;
            case 'C' -> Topic.CAMPAIGNS;
            case 'N' -> Topic.NEWSLETTERS;
            default -> null;
        };
    }

    private static byte[] mac(SecretKeySpec key, byte[] payload) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The signing key first, then the previous ones. */
    private List<SecretKeySpec> keys() {
        List<SecretKeySpec> found = keys;
        if (found == null) {
            String current = config.key().filter(k -> !k.isBlank()).orElseThrow(() -> new IllegalStateException(
                    "impala.notifications.unsubscribe.key is not set: unsubscribe links are signed with it. Set "
                    + "IMPALA_NOTIFICATIONS_UNSUBSCRIBE_KEY to 32 random bytes in base64 (openssl rand -base64 32)"));
            found = new ArrayList<>();
            found.add(key(current, "impala.notifications.unsubscribe.key"));
            for (String previous : config.previousKeys().orElse(List.of())) {
                if (!previous.isBlank()) {
                    found.add(key(previous.trim(), "impala.notifications.unsubscribe.previous-keys"));
                }
            }
            keys = found = List.copyOf(found);
        }
        return found;
    }

    private static SecretKeySpec key(String base64, String setting) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(setting + " is not base64");
        }
        if (bytes.length < MIN_KEY_BYTES) {
            throw new IllegalStateException(setting + " must be at least " + MIN_KEY_BYTES + " bytes");
        }
        return new SecretKeySpec(bytes, ALGORITHM);
    }
}
