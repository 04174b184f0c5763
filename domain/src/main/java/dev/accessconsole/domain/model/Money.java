package dev.accessconsole.domain.model;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * US dollars as the spend-limit API writes them: decimal strings ({@code "1.00"}, {@code "250"}), kept as whole cents.
 * More than two decimals, a sign, an exponent or more than a billion dollars is refused, never rounded.
 */
public final class Money {

    /** A billion dollars, in cents: no cap above it is meaningful, and the sums stay far from overflow. */
    public static final long MAX_CENTS = 100_000_000_000L;

    private Money() {
    }

    /** Whole cents from a decimal string; {@code field} names the field in the refusal. */
    public static long parseCents(String amount, String field) {
        if (amount == null || amount.length() > 20 || !amount.matches("\\d+(\\.\\d{1,2})?")) {
            throw DomainException.invalidField(field, field + " is an amount of US dollars as a decimal string with at most two decimals, such as \"25.00\".");
        }
        BigDecimal cents = new BigDecimal(amount).movePointRight(2);
        if (cents.compareTo(BigDecimal.valueOf(MAX_CENTS)) > 0) {
            throw DomainException.invalidField(field, field + " cannot exceed 1000000000.00.");
        }
        return cents.longValueExact();
    }

    /** Cents as the API shows them: {@code "1.00"}; null stays null. */
    public static String format(Long cents) {
        return cents == null ? null : BigDecimal.valueOf(cents, 2).toPlainString();
    }

    /** A cost in (fractional) cents as the API shows spend: dollars with two decimals, rounded half up. */
    public static String format(BigDecimal cents) {
        return cents.movePointLeft(2).setScale(2, RoundingMode.HALF_UP).toPlainString();
    }
}
