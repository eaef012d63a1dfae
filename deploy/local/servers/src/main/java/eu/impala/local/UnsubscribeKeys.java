package eu.impala.local;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The key notifications signs unsubscribe links with on this machine: the local platform's, and the same as its
 * dev and test profiles' default. It is derived from a fixed phrase, so links in emails of a kept local run still work
 * after a restart, and it is nobody's secret: a cluster gets its own from a Kubernetes Secret (the chart), and no
 * deployment starts without one.
 */
public final class UnsubscribeKeys {

    private UnsubscribeKeys() {
    }

    /** {@code impala.notifications.unsubscribe.key} for local runs and tests: base64 of 32 bytes. */
    public static String local() {
        return Base64.getEncoder().encodeToString(localBytes());
    }

    /** The same key as bytes, for tests that sign a link themselves (an expired one, say). */
    public static byte[] localBytes() {
        try {
            return MessageDigest.getInstance("SHA-256").digest(
                    "IMPALA local platform and tests: unsubscribe links, never a cluster's".getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
