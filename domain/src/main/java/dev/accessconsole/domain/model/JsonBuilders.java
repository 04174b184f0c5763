package dev.accessconsole.domain.model;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObjectBuilder;

import java.util.Collection;
import java.util.Map;

/**
 * JSON builders from one factory. {@code Json.createObjectBuilder()} looks the JSON-P provider up (a class-path
 * service scan) on every call: on WildFly a 9,000-row usage report spent 90 % of its time there.
 */
public final class JsonBuilders {

    private static final JsonBuilderFactory FACTORY = Json.createBuilderFactory(Map.of());
    private static final jakarta.json.JsonReaderFactory READERS = Json.createReaderFactory(Map.of());

    private JsonBuilders() {
    }

    public static JsonObjectBuilder object() {
        return FACTORY.createObjectBuilder();
    }

    /** A builder starting from an object's members. */
    public static JsonObjectBuilder object(jakarta.json.JsonObject start) {
        return FACTORY.createObjectBuilder(start);
    }

    public static JsonArrayBuilder array() {
        return FACTORY.createArrayBuilder();
    }

    public static JsonArrayBuilder array(Collection<?> values) {
        return FACTORY.createArrayBuilder(values);
    }

    /** A reader of JSON text from the same provider (callers close it). */
    public static jakarta.json.JsonReader reader(String json) {
        return READERS.createReader(new java.io.StringReader(json));
    }

    /** A JSON string value. */
    public static jakarta.json.JsonString string(String value) {
        return FACTORY.createArrayBuilder().add(value).build().getJsonString(0);
    }

    /** A JSON object this application wrote (stored text), read back. */
    public static jakarta.json.JsonObject readObject(String json) {
        try (var reader = READERS.createReader(new java.io.StringReader(json))) {
            return reader.readObject();
        }
    }
}
