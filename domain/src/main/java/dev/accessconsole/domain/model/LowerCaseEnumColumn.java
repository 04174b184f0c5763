package dev.accessconsole.domain.model;

import jakarta.persistence.AttributeConverter;

import java.util.Locale;

/** Stores an enum as its constant's name in lower case, the way the API writes it ({@code daily}, {@code workspace}). */
public abstract class LowerCaseEnumColumn<E extends Enum<E>> implements AttributeConverter<E, String> {

    private final Class<E> type;

    protected LowerCaseEnumColumn(Class<E> type) {
        this.type = type;
    }

    @Override
    public String convertToDatabaseColumn(E value) {
        return value == null ? null : value.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public E convertToEntityAttribute(String value) {
        return value == null ? null : Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
    }
}
