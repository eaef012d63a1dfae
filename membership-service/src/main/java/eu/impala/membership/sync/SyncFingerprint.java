package eu.impala.membership.sync;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A digest of a record as read: stored with the member's version when a sync writes or confirms the record,
 * so that a resync of the same record on the same version is known to be unchanged without comparing it.
 * The prefix changes whenever what a record means changes, so old digests simply stop matching.
 */
final class SyncFingerprint {

    private static final byte[] PREFIX = "impala-sync-record-v1\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    /** Looking the algorithm up costs more than digesting a record: each digest starts from a clone of this one. */
    private static final MessageDigest PREFIXED;

    static {
        try {
            PREFIXED = MessageDigest.getInstance("SHA-256");
            PREFIXED.update(PREFIX);
        } catch (NoSuchAlgorithmException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private SyncFingerprint() {
    }

    /** 16 bytes of the SHA-256 of the record written out as JSON: a CSV record as mapped. */
    static byte[] of(ObjectMapper json, Object record) {
        try {
            return digest(json.writeValueAsBytes(record));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The same digest of a JSON record's own text, {@code body[start, end)}: a compact record digests exactly as
     * written out, and a record spelt differently (spaces, field order) is not taken for unchanged, only compared.
     */
    static byte[] ofText(String body, int start, int end) {
        return digest(body.substring(start, end).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static byte[] digest(byte[] bytes) {
        try {
            MessageDigest digest = (MessageDigest) PREFIXED.clone();
            return Arrays.copyOf(digest.digest(bytes), 16);
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }
}
