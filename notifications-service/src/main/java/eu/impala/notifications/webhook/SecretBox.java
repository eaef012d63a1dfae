package eu.impala.notifications.webhook;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import eu.impala.notifications.NotificationsConfig;

/**
 * Webhook secrets at rest: AES-256-GCM under a key from configuration ({@code impala.notifications.webhooks.secret-keys}).
 * A sealed secret is a random 12-byte nonce followed by the ciphertext and tag; the subscription's id is the
 * associated data, so a sealed secret copied to another row does not open. The key's id is stored beside it, which
 * is what lets the keys be rotated: a new first key seals from then on, and the old one opens what it sealed until
 * {@link SecretSealer} has sealed it again.
 */
@ApplicationScoped
public class SecretBox {

    /** A secret as stored: which key sealed it, and the sealed bytes. */
    public record Sealed(String keyId, byte[] bytes) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;

    private final Map<String, SecretKeySpec> keys = new LinkedHashMap<>();
    private final String current;

    public SecretBox(NotificationsConfig config) {
        String text = config.webhooks().secretKeys().orElseThrow(() -> new IllegalStateException(
                "impala.notifications.webhooks.secret-keys is not set: webhook secrets are stored encrypted with it. "
                        + "Give id:key pairs, a key being 32 random bytes in base64 (openssl rand -base64 32)"));
        for (String pair : text.split(",")) {
            String entry = pair.strip();
            int colon = entry.indexOf(':');
            byte[] key;
            try {
                key = colon <= 0 ? null : Base64.getDecoder().decode(entry.substring(colon + 1).strip());
            } catch (IllegalArgumentException e) {
                key = null;
            }
            if (key == null || key.length != 32) {
                throw new IllegalStateException("impala.notifications.webhooks.secret-keys: each entry is id:key with a "
                        + "32-byte key in base64; entry " + (keys.size() + 1) + " is not");
            }
            String id = entry.substring(0, colon).strip();
            if (!id.matches("[A-Za-z0-9_.-]{1,40}") || keys.containsKey(id)) {
                throw new IllegalStateException("impala.notifications.webhooks.secret-keys: key ids are unique words of "
                        + "letters, digits, '.', '_' or '-'; '" + id + "' is not");
            }
            keys.put(id, new SecretKeySpec(key, "AES"));
        }
        this.current = keys.keySet().iterator().next();
    }

    /** The id of the key that seals new secrets. */
    public String currentKey() {
        return current;
    }

    public Sealed seal(UUID subscription, String secret) {
        byte[] nonce = new byte[NONCE];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(current), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad(subscription));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return new Sealed(current, ByteBuffer.allocate(NONCE + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal a webhook secret", e);
        }
    }

    /** The secret; fails when its key is no longer configured or the bytes were tampered with. */
    public String open(UUID subscription, Sealed sealed) {
        SecretKeySpec key = keys.get(sealed.keyId());
        if (key == null) {
            throw new IllegalStateException("the webhook secret of subscription " + subscription + " is sealed with key '"
                    + sealed.keyId() + "', which impala.notifications.webhooks.secret-keys no longer lists");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed.bytes(), 0, NONCE));
            cipher.updateAAD(aad(subscription));
            byte[] plain = cipher.doFinal(sealed.bytes(), NONCE, sealed.bytes().length - NONCE);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the webhook secret of subscription " + subscription + " does not open", e);
        }
    }

    private static byte[] aad(UUID subscription) {
        return ByteBuffer.allocate(16).putLong(subscription.getMostSignificantBits())
                .putLong(subscription.getLeastSignificantBits()).array();
    }
}
