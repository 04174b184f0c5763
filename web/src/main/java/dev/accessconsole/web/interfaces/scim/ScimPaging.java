package dev.accessconsole.web.interfaces.scim;

import dev.accessconsole.domain.model.JsonBuilders;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;

import java.util.List;

/** SCIM's index paging (RFC 7644 §3.4.2.4): 1-based {@code startIndex}, {@code count} (0: the total only), a ListResponse. */
final class ScimPaging {

    private ScimPaging() {
    }

    /** Below 1 counts as 1 (as the RFC says); not a number: 400. */
    static int startIndex(String value) {
        int index = number(value, 1, "startIndex");
        return Math.max(1, index);
    }

    /** Negative counts as 0; above the maximum, the maximum. */
    static int count(String value) {
        int count = number(value, Scim.DEFAULT_COUNT, "count");
        return Math.max(0, Math.min(Scim.MAX_RESULTS, count));
    }

    private static int number(String value, int absent, String name) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            long parsed = Long.parseLong(value.trim());
            return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, parsed));
        } catch (NumberFormatException notANumber) {
            throw Scim.invalidValue(name + " must be a whole number.");
        }
    }

    static JsonObject list(List<JsonObject> resources, long total, int startIndex) {
        JsonArrayBuilder found = JsonBuilders.array();
        resources.forEach(found::add);
        return JsonBuilders.object().add("schemas", JsonBuilders.array().add(Scim.LIST_SCHEMA))
                .add("totalResults", total).add("startIndex", startIndex).add("itemsPerPage", resources.size())
                .add("Resources", found).build();
    }
}
