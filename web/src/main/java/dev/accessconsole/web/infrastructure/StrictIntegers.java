package dev.accessconsole.web.infrastructure;

import jakarta.json.bind.JsonbException;
import jakarta.json.bind.serializer.DeserializationContext;
import jakarta.json.bind.serializer.JsonbDeserializer;
import jakarta.json.stream.JsonParser;

import java.lang.reflect.Type;
import java.math.BigDecimal;

/**
 * Whole numbers in request bodies, read strictly: a JSON number that is not whole (1.7, 1e400 as 0, 1.5) or does not
 * fit (18446744073709551716) is refused instead of being truncated or wrapped; so is a string posing as a number.
 * Registered for {@code Long} and {@code Integer}, the types of every whole-number field of the API's bodies.
 */
public final class StrictIntegers {

    private StrictIntegers() {
    }

    /** The message of the refusal; the JSON error mapper turns the failure into a 400. */
    public static final String MESSAGE = "Whole-number fields take a JSON integer within range (no fraction, no exponent that leaves one, no string).";

    static BigDecimal whole(JsonParser parser) {
        BigDecimal value;
        try {
            value = parser.getBigDecimal(); // refuses anything but a JSON number (a string, a boolean) with IllegalStateException
        } catch (IllegalStateException | NumberFormatException notANumber) {
            throw new JsonbException(MESSAGE);
        }
        if (value.signum() != 0 && value.stripTrailingZeros().scale() > 0) {
            throw new JsonbException(MESSAGE);
        }
        return value;
    }

    public static final class Longs implements JsonbDeserializer<Long> {
        @Override
        public Long deserialize(JsonParser parser, DeserializationContext context, Type type) {
            try {
                return whole(parser).longValueExact();
            } catch (ArithmeticException outOfRange) {
                throw new JsonbException(MESSAGE);
            }
        }
    }

    public static final class Integers implements JsonbDeserializer<Integer> {
        @Override
        public Integer deserialize(JsonParser parser, DeserializationContext context, Type type) {
            try {
                return whole(parser).intValueExact();
            } catch (ArithmeticException outOfRange) {
                throw new JsonbException(MESSAGE);
            }
        }
    }
}
