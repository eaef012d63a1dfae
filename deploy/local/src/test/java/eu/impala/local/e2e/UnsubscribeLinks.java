package eu.impala.local.e2e;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import eu.impala.local.UnsubscribeKeys;

/**
 * Unsubscribe tokens as notifications signs them with the local platform's key ({@link UnsubscribeKeys}), written
 * here from the documented format (notifications README, "One-click unsubscribe") rather than borrowed from the
 * service: the payload is a version byte 1, the contact's id (16 bytes), the topic's letter ({@code M}, {@code C},
 * {@code N}) and the expiry in epoch seconds (8 bytes); the token is base64url(payload) "." base64url(HMAC-SHA256).
 * For links the tests need but no email carries: another tenant's contact, an expired one, a forged one.
 */
final class UnsubscribeLinks {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private UnsubscribeLinks() {
    }

    /** A valid link's token for campaign news of {@code contact}, for an hour. */
    static String campaigns(String contact) {
        return token(UUID.fromString(contact), 'C', Instant.now().plusSeconds(3600));
    }

    /** The token of {@code contact} with its expiry {@code expires}. */
    static String token(UUID contact, char topic, Instant expires) {
        byte[] payload = payload(contact, topic, expires);
        return B64.encodeToString(payload) + "." + B64.encodeToString(mac(payload));
    }

    /** A payload naming {@code victim}, with the signature of a genuine link of {@code own}: must be refused. */
    static String forged(String own, String victim) {
        String genuine = campaigns(own);
        byte[] payload = payload(UUID.fromString(victim), 'C', Instant.now().plusSeconds(3600));
        return B64.encodeToString(payload) + genuine.substring(genuine.indexOf('.'));
    }

    private static byte[] payload(UUID contact, char topic, Instant expires) {
        return ByteBuffer.allocate(26).put((byte) 1).putLong(contact.getMostSignificantBits())
                .putLong(contact.getLeastSignificantBits()).put((byte) topic).putLong(expires.getEpochSecond()).array();
    }

    private static byte[] mac(byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(UnsubscribeKeys.localBytes(), "HmacSHA256"));
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
