package functions.metering;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Splits an amount (already in cents) by weights with the largest-remainder method: each share gets the floor of
 * its exact quota in cents, and the cents left over go one each to the largest fractional remainders (ties to the
 * smaller tenant id, so a rerun splits the same way). The parts always sum exactly to the total. With no weight at
 * all (no tenant made a request), every tenant weighs the same. A negative total (a credit) is split the same way
 * and negated.
 */
final class Apportionment {

    private Apportionment() {
    }

    /** {@code total} split over {@code weights} (tenant id to weight >= 0); empty weights: IllegalArgumentException. */
    static Map<String, BigDecimal> split(BigDecimal total, Map<String, Long> weights) {
        if (weights.isEmpty()) {
            throw new IllegalArgumentException("nobody to apportion " + total + " to");
        }
        Map<String, Long> sorted = new TreeMap<>(weights);
        boolean even = sorted.values().stream().allMatch(w -> w == 0);
        sorted.replaceAll((t, w) -> {
            if (w < 0) {
                throw new IllegalArgumentException("weight of " + t + " is negative: " + w);
            }
            return even ? 1L : w;
        });
        BigInteger cents = total.setScale(Money.SCALE, RoundingMode.UNNECESSARY).unscaledValue();
        boolean negative = cents.signum() < 0;
        cents = cents.abs();
        BigInteger sum = sorted.values().stream().map(BigInteger::valueOf).reduce(BigInteger.ZERO, BigInteger::add);

        record Part(String tenant, BigInteger floor, BigInteger remainder) {
        }
        List<Part> parts = new ArrayList<>();
        BigInteger assigned = BigInteger.ZERO;
        for (var entry : sorted.entrySet()) {
            BigInteger[] division = cents.multiply(BigInteger.valueOf(entry.getValue())).divideAndRemainder(sum);
            parts.add(new Part(entry.getKey(), division[0], division[1]));
            assigned = assigned.add(division[0]);
        }
        int left = cents.subtract(assigned).intValueExact();
        List<Part> byRemainder = new ArrayList<>(parts);
        byRemainder.sort(Comparator.comparing(Part::remainder).reversed().thenComparing(Part::tenant));
        Map<String, BigInteger> result = new LinkedHashMap<>();
        parts.forEach(p -> result.put(p.tenant(), p.floor()));
        for (int i = 0; i < left; i++) {
            result.merge(byRemainder.get(i).tenant(), BigInteger.ONE, BigInteger::add);
        }
        Map<String, BigDecimal> amounts = new LinkedHashMap<>();
        result.forEach((t, c) -> amounts.put(t, new BigDecimal(negative ? c.negate() : c, Money.SCALE)));
        return amounts;
    }
}
