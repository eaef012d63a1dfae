package eu.impala.notifications.preference;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import jakarta.validation.constraints.NotNull;

import eu.impala.notifications.notification.Channel;

/**
 * A contact's choices: the channels per topic and the digest of campaign news. Consents given to membership
 * decide whether campaign news is sent at all; these decide how. Transactional messages always go.
 */
public record Preferences(@NotNull(message = "channels per topic are required") Map<Topic, Set<Channel>> channels,
                          @NotNull(message = "a digest setting is required") Digest digest) {

    /** Everything on, at once: what a contact has until it chooses. */
    public static Preferences defaults() {
        Map<Topic, Set<Channel>> all = new EnumMap<>(Topic.class);
        for (Topic t : Topic.values()) {
            all.put(t, EnumSet.allOf(Channel.class));
        }
        return new Preferences(all, Digest.IMMEDIATE);
    }

    /** Topics left out keep every channel. */
    public Preferences complete() {
        Map<Topic, Set<Channel>> all = new EnumMap<>(Topic.class);
        for (Topic t : Topic.values()) {
            Set<Channel> chosen = channels.get(t);
            all.put(t, chosen == null ? EnumSet.allOf(Channel.class) : Set.copyOf(chosen));
        }
        return new Preferences(all, digest);
    }
}
