package dev.accessconsole.web.interfaces.scim;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SCIM PATCH request (RFC 7644 §3.5.2) read into operations: {@code add}, {@code replace}, {@code remove} in any case
 * (Microsoft Entra ID writes {@code Replace}), with a path, or without one and a value object naming the attributes
 * (Okta's {@code {"op":"replace","value":{"active":false}}}). A path of the form {@code members[value eq "…"]} names one
 * member.
 */
final class ScimPatch {

    enum Op { ADD, REPLACE, REMOVE }

    /** One operation on one attribute: {@code attribute} canonical lower case, {@code memberFilter} for {@code members[value eq …]}. */
    record Operation(Op op, String attribute, String memberFilter, JsonValue value) {
    }

    private static final Pattern MEMBER = Pattern.compile("^members\\[\\s*value\\s+eq\\s+\"((?:[^\"\\\\]|\\\\.)*)\"\\s*\\]$", Pattern.CASE_INSENSITIVE);

    private ScimPatch() {
    }

    static List<Operation> read(JsonObject body) {
        JsonValue operations = Scim.get(body, "Operations");
        if (!(operations instanceof JsonArray list)) {
            throw Scim.invalidSyntax("A PATCH body needs Operations: an array of {op, path, value}.");
        }
        List<Operation> read = new ArrayList<>();
        for (JsonValue item : list) {
            if (!(item instanceof JsonObject operation)) {
                throw Scim.invalidSyntax("Each operation must be an object.");
            }
            Op op = op(Scim.text(Scim.get(operation, "op"), "op"));
            String path = Scim.text(Scim.get(operation, "path"), "path");
            JsonValue value = Scim.get(operation, "value");
            if (path == null || path.isBlank()) {
                if (op == Op.REMOVE) {
                    throw new Scim.Error(400, "noTarget", "A remove operation needs a path.");
                }
                if (!(value instanceof JsonObject attributes)) {
                    throw Scim.invalidValue("An operation without a path needs a value object of attributes.");
                }
                for (var attribute : attributes.entrySet()) {
                    String name = ScimFilter.normalize(attribute.getKey());
                    if (attribute.getValue() instanceof JsonObject nested && (name.equals("name") || name.startsWith("urn:"))) {
                        // {"name":{"givenName":…}} and an extension's attributes by their own names
                        for (var inner : nested.entrySet()) {
                            read.add(new Operation(op, (name.startsWith("urn:") ? "" : name + ".") + ScimFilter.normalize(inner.getKey()), null, inner.getValue()));
                        }
                    } else {
                        read.add(new Operation(op, name, null, attribute.getValue()));
                    }
                }
                continue;
            }
            Matcher member = MEMBER.matcher(path.trim());
            if (member.matches()) {
                read.add(new Operation(op, "members", member.group(1).replaceAll("\\\\(.)", "$1"), value));
            } else {
                read.add(new Operation(op, ScimFilter.normalize(path.trim()), null, value));
            }
        }
        return read;
    }

    private static Op op(String name) {
        if (name == null) {
            throw Scim.invalidSyntax("Each operation needs op: add, replace or remove.");
        }
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "add" -> Op.ADD;
            case "replace" -> Op.REPLACE;
            case "remove" -> Op.REMOVE;
            default -> throw Scim.invalidSyntax("op must be add, replace or remove, not " + name + ".");
        };
    }

    /** The member ids of a value: an array of {value} objects (or one such object). */
    static List<String> memberIds(JsonValue value) {
        List<String> ids = new ArrayList<>();
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return ids;
        }
        List<JsonValue> items = value instanceof JsonArray array ? array : List.of(value);
        for (JsonValue item : items) {
            if (!(item instanceof JsonObject member) || !(Scim.get(member, "value") instanceof jakarta.json.JsonString id)) {
                throw Scim.invalidValue("members must be objects with a value (the member's id).");
            }
            ids.add(id.getString());
        }
        return ids;
    }
}
