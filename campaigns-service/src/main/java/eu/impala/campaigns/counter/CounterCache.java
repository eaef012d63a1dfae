package eu.impala.campaigns.counter;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import eu.impala.campaigns.CampaignsConfig;
import io.smallrye.mutiny.Uni;

/**
 * Public counters served from memory: the counter page is the most read page of a campaign, and counting
 * thousands of signatures on every read would cost the database more than the signing itself. A signature
 * on this replica evicts its campaign at once; other replicas' count shows after the TTL.
 */
@ApplicationScoped
public class CounterCache {

    /** A rendered counter page: the campaign it counts, its JSON and its ETag. */
    public record Page(UUID campaignId, byte[] json, String etag) {
    }

    private record Entry(Page page, long expiresAt) {
    }

    private final Map<String, Entry> bySlug = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private final long ttlNanos;

    public CounterCache(CampaignsConfig config) {
        this.ttlNanos = config.countersTtl().toNanos();
    }

    /** The cached page of {@code slug}, or the one {@code load} renders (null when there is no such campaign). */
    public Uni<Page> get(String slug, Supplier<Uni<Page>> load) {
        Entry entry = bySlug.get(slug);
        if (entry != null && entry.expiresAt() - System.nanoTime() > 0) {
            return Uni.createFrom().item(entry.page());
        }
        long seen = generation.get();
        return load.get().invoke(page -> {
            // a signature committed while we counted must not be hidden behind the older count
            if (page != null && generation.get() == seen) {
                bySlug.put(slug, new Entry(page, System.nanoTime() + ttlNanos));
            }
        });
    }

    /** Forgets a campaign's counts after one of its signatures changed. */
    public void evict(UUID campaignId) {
        generation.incrementAndGet();
        bySlug.values().removeIf(e -> e.page().campaignId().equals(campaignId));
    }
}
