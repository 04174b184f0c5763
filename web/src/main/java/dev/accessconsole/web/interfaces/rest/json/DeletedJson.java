package dev.accessconsole.web.interfaces.rest.json;

/** The answer to a deletion, e.g. {@code {"id":"user_…","type":"user_deleted"}}. */
public record DeletedJson(String id, String type) {
}
