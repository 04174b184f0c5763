package dev.accessconsole.domain.model;

/**
 * Cursor pagination as the Admin API documents it: at most one of {@code afterId} / {@code beforeId},
 * and {@code limit} from 1 to 1000 (default 20).
 */
public record PageRequest(String afterId, String beforeId, int limit) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 1000;

    public PageRequest {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw DomainException.invalid(ErrorCode.INVALID_LIMIT, "limit must be between 1 and " + MAX_LIMIT + ".");
        }
        if (afterId != null && beforeId != null) {
            throw DomainException.invalid(ErrorCode.INVALID_CURSOR, "Send at most one of after_id and before_id.");
        }
    }

    public static PageRequest firstPage() {
        return new PageRequest(null, null, DEFAULT_LIMIT);
    }
}
