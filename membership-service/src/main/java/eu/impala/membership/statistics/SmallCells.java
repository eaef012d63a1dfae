package eu.impala.membership.statistics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rule that keeps small groups of members from being singled out in public counts. A count of 1 to 4 is shown as
 * {@value #FEWER_THAN_FIVE}. Anyone can learn the total (from a breakdown without hidden cells) and subtract a
 * breakdown's shown counts from it, which gives the sum of its hidden ones: when that sum would pin a hidden count to
 * one value (a single hidden count, or several that can only all be 1 or all be 4), the smallest shown counts are
 * hidden too, as {@value #FIVE_OR_MORE}, until every hidden small count could be at least two values.
 */
public final class SmallCells {

    public static final int THRESHOLD = 5;
    public static final String FEWER_THAN_FIVE = "<5";
    public static final String FIVE_OR_MORE = ">=5";

    private SmallCells() {
    }

    /** The counts as the public sees them: numbers, {@value #FEWER_THAN_FIVE} or {@value #FIVE_OR_MORE}. */
    public static Map<String, Object> suppress(Map<String, Integer> counts) {
        List<Map.Entry<String, Integer>> shown = new ArrayList<>(counts.entrySet().stream()
                .filter(e -> e.getValue() >= THRESHOLD).sorted(Map.Entry.comparingByValue(Comparator.naturalOrder()))
                .toList());
        int small = 0;
        int hiddenSum = 0;
        for (int value : counts.values()) {
            if (value > 0 && value < THRESHOLD) {
                small++;
                hiddenSum += value;
            }
        }
        List<String> alsoHidden = new ArrayList<>();
        while (small > 0 && !safe(small, alsoHidden.size(), hiddenSum) && !shown.isEmpty()) {
            Map.Entry<String, Integer> smallest = shown.remove(0);
            alsoHidden.add(smallest.getKey());
            hiddenSum += smallest.getValue();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        counts.forEach((label, value) -> out.put(label, value > 0 && value < THRESHOLD ? FEWER_THAN_FIVE
                : alsoHidden.contains(label) ? FIVE_OR_MORE : (Object) value));
        return out;
    }

    /**
     * Whether each of {@code small} hidden counts (1 to 4 each) could still be at least two values, given the sum of
     * all hidden counts and {@code large} hidden counts of at least five (with no upper bound).
     */
    static boolean safe(int small, int large, int hiddenSum) {
        if (large == 0) {
            // all hidden counts are 1 to 4: only the sums small*1 and small*4 pin them (and one alone is its sum)
            return small >= 2 && hiddenSum > small && hiddenSum < 4 * small;
        }
        // a small count could be 1 or 2 while the others take the rest: the rest must fit their lower bounds
        return hiddenSum - THRESHOLD * large - (small - 1) >= 2;
    }
}
