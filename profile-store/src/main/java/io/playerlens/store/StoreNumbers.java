package io.playerlens.store;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Optional;

/**
 * DynamoDB's number rules, in one place: up to 38 significant digits, magnitudes from 1E-130 to below 1E+126, and
 * finite. {@link #format} writes a number the way every writer stores it, or says why it cannot be stored.
 */
public final class StoreNumbers {
    public static final int MAX_DIGITS = 38;
    public static final BigDecimal SMALLEST = new BigDecimal("1E-130");
    public static final BigDecimal LIMIT = new BigDecimal("1E+126");

    private StoreNumbers() {
    }

    /** The number's DynamoDB string, or empty when DynamoDB cannot hold it (then {@link #problem} says why). */
    public static Optional<String> format(Number n) {
        return problem(n).isPresent() ? Optional.empty() : Optional.of(canonical(n));
    }

    /** Why DynamoDB cannot hold {@code n}, or empty. */
    public static Optional<String> problem(Number n) {
        if (n instanceof Double || n instanceof Float) {
            double d = n.doubleValue();
            if (!Double.isFinite(d)) {
                return Optional.of("is " + d + ", which no store holds");
            }
        }
        BigDecimal decimal = decimal(n);
        if (decimal.signum() == 0) {
            return Optional.empty();
        }
        BigDecimal abs = decimal.abs();
        if (abs.compareTo(SMALLEST) < 0) {
            return Optional.of("is " + shortForm(decimal) + ", smaller in magnitude than DynamoDB's 1E-130");
        }
        if (abs.compareTo(LIMIT) >= 0) {
            return Optional.of("is " + shortForm(decimal) + ", larger in magnitude than DynamoDB's 1E+126");
        }
        if (decimal.stripTrailingZeros().precision() > MAX_DIGITS) {
            return Optional.of("has " + decimal.stripTrailingZeros().precision() + " significant digits; DynamoDB keeps " + MAX_DIGITS);
        }
        return Optional.empty();
    }

    private static String canonical(Number n) {
        if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte) {
            return Long.toString(n.longValue());
        }
        BigDecimal decimal = decimal(n).stripTrailingZeros();
        return decimal.scale() <= 0 && decimal.precision() - decimal.scale() <= 19 ? decimal.toPlainString() : decimal.toString();
    }

    private static BigDecimal decimal(Number n) {
        if (n instanceof BigDecimal) {
            return (BigDecimal) n;
        }
        if (n instanceof BigInteger) {
            return new BigDecimal((BigInteger) n);
        }
        if (n instanceof Double || n instanceof Float) {
            return BigDecimal.valueOf(n.doubleValue());
        }
        return BigDecimal.valueOf(n.longValue());
    }

    private static String shortForm(BigDecimal d) {
        return d.round(new java.math.MathContext(6)).stripTrailingZeros().toString();
    }
}
