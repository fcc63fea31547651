package functions.metering;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/** An amount in a currency, exact: Cost Explorer's decimal strings are read into BigDecimal, never a double. */
public record Money(BigDecimal amount, String currency) {

    /** Records are kept to the cent. */
    static final int SCALE = 2;

    public Money {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
    }

    static Money parse(String amount, String currency) {
        return new Money(new BigDecimal(amount), currency);
    }

    /** Rounded half-up to the cent (the only rounding before apportioning). */
    Money toCents() {
        return new Money(amount.setScale(SCALE, RoundingMode.HALF_UP), currency);
    }

    /** The plain decimal string a record stores, e.g. {@code 12.30}. */
    String text() {
        return amount.toPlainString();
    }
}
