package stages;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiPredicate;
import java.util.function.ToLongFunction;

/**
 * Stable placement of items into ranges of a 64-bit hash space, the rule behind both pipelines
 * ({@link FleetSharder}) and waves ({@link PipelineWaves}).
 *
 * <p>The space starts as one range. A range whose items do not fit (more than its capacity, by the caller's rule) is
 * split at its midpoint into two halves, recursively, until every range fits. Split points are fixed binary midpoints, so a range's content depends
 * only on the items whose keys fall into it: adding or removing an item changes its own range only, and moves other
 * items only when that range crosses its capacity (it splits, and the items of its upper half move to the new range;
 * or it and its sibling fit together again, and they merge). A range is named by its start, so the lower half of a
 * split keeps its name and its items; the upper half is a new name. No state is kept between plans: the same items
 * always give the same ranges.
 */
final class HashRanges {

    /** One range: its start in the unsigned 64-bit space, its depth (size is 2^(64-depth)), and its items. */
    record Range<T>(long start, int depth, List<T> items) {

        Range {
            items = List.copyOf(items);
        }

        /** The start as hex with trailing zeros trimmed ({@code 0}, {@code 8}, {@code 4}, {@code c}, {@code 08}…). */
        String label() {
            return label(start);
        }

        static String label(long start) {
            String hex = String.format(Locale.ROOT, "%016x", start).replaceFirst("0+$", "");
            return hex.isEmpty() ? "0" : hex;
        }
    }

    private HashRanges() {
    }

    /**
     * @param fits whether a range starting at the given start can hold the given items (the caller's limits; the
     *             range starting at 0 may have other limits); must hold for the empty list and, for a range, whenever
     *             it holds for a superset
     * @return the non-empty ranges in key order; the range starting at 0 is kept even when empty if
     *         {@code keepFirst}
     */
    static <T> List<Range<T>> split(List<T> items, ToLongFunction<T> key, BiPredicate<Long, List<T>> fits,
                                    boolean keepFirst) {
        List<Range<T>> out = new ArrayList<>();
        split(items, key, fits, 0L, 0, out);
        if (keepFirst && (out.isEmpty() || out.get(0).start() != 0L)) {
            out.add(0, new Range<>(0L, 64, List.of()));
        }
        return out;
    }

    private static <T> void split(List<T> items, ToLongFunction<T> key, BiPredicate<Long, List<T>> fits, long start,
                                  int depth, List<Range<T>> out) {
        if (fits.test(start, items)) {
            if (!items.isEmpty()) {
                out.add(new Range<>(start, depth, items));
            }
            return;
        }
        if (depth == 64) {
            // Only reachable when items that share one 64-bit key do not fit together: a SHA-256 collision.
            throw new IllegalStateException("HashRanges: " + items.size() + " items share the key "
                    + Range.label(start) + " and do not fit in one range: " + items);
        }
        long bit = 1L << (63 - depth);
        List<T> low = new ArrayList<>();
        List<T> high = new ArrayList<>();
        for (T item : items) {
            (((key.applyAsLong(item) & bit) == 0) ? low : high).add(item);
        }
        split(low, key, fits, start, depth + 1, out);
        split(high, key, fits, start | bit, depth + 1, out);
    }

    /** The first 8 bytes of SHA-256 of {@code text} (UTF-8) at {@code offset}, as a long: the same on every JVM. */
    static long sha256Long(String text, int offset) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest, offset, Long.BYTES).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required on every Java platform", e);
        }
    }
}
