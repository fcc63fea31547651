package functions.metering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The largest-remainder split: exact to the cent, deterministic, defined for zero usage and for credits. */
class ApportionmentTest {

    private static Map<String, String> split(String total, Map<String, Long> weights) {
        Map<String, String> out = new LinkedHashMap<>();
        Apportionment.split(new BigDecimal(total), weights).forEach((t, a) -> out.put(t, a.toPlainString()));
        return out;
    }

    @Test
    void leftOverCentsGoToTheLargestRemaindersAndTiesToTheSmallerTenantId() {
        // 10.00 over 1:1:1 -> 3.333.. each: the one cent left goes to the first tenant id.
        assertEquals(Map.of("a", "3.34", "b", "3.33", "c", "3.33"), split("10.00", Map.of("c", 1L, "a", 1L, "b", 1L)));
        // 7.01 over 2:1 -> 467.33 and 233.67 cents: the larger remainder (y) takes the cent left over.
        assertEquals(Map.of("x", "4.67", "y", "2.34"), split("7.01", Map.of("x", 2000L, "y", 1000L)));
    }

    @Test
    void partsAlwaysSumExactlyToTheTotal() {
        Random random = new Random(17);
        for (int round = 0; round < 500; round++) {
            Map<String, Long> weights = new LinkedHashMap<>();
            int tenants = 1 + random.nextInt(40);
            for (int t = 0; t < tenants; t++) {
                weights.put("t" + t, (long) random.nextInt(1_000_000));
            }
            BigDecimal total = BigDecimal.valueOf(random.nextInt(10_000_000), 2);
            BigDecimal sum = Apportionment.split(total, weights).values().stream()
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            assertEquals(total, sum, "round " + round + ": " + weights);
        }
    }

    @Test
    void aTenantWithoutRequestsPaysNothingUnlessNobodyMadeAny() {
        assertEquals(Map.of("a", "5.00", "b", "0.00"), split("5.00", Map.of("a", 10L, "b", 0L)));
        assertEquals(Map.of("a", "2.50", "b", "2.50"), split("5.00", Map.of("a", 0L, "b", 0L)));
    }

    @Test
    void aCreditIsSplitLikeACharge() {
        assertEquals(Map.of("a", "-3.34", "b", "-3.33", "c", "-3.33"),
                split("-10.00", Map.of("a", 1L, "b", 1L, "c", 1L)));
    }

    @Test
    void refusesAnAmountNotInCentsAndAnEmptyTier() {
        assertThrows(ArithmeticException.class, () -> split("1.005", Map.of("a", 1L)));
        assertThrows(IllegalArgumentException.class, () -> split("1.00", Map.of()));
        assertThrows(IllegalArgumentException.class, () -> split("1.00", Map.of("a", -1L)));
    }
}
