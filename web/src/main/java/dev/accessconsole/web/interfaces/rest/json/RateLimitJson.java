package dev.accessconsole.web.interfaces.rest.json;

import dev.accessconsole.domain.application.RateLimitService;

import java.util.List;

/** Rate-limit entries in the Admin API's shapes: the organization's ({@code rate_limit}) and a workspace's ({@code workspace_rate_limit}). */
public final class RateLimitJson {

    private RateLimitJson() {
    }

    public record Group(String type, String id, String displayName) {
        static final Group ALL_MODELS = new Group("model_group", RateLimitService.GROUP_ID, RateLimitService.GROUP_NAME);
    }

    public record Value(String type, long value) {
    }

    public record Source(String type) {
    }

    public record WorkspaceValue(String type, long value, Long orgLimit, Source source) {
    }

    public record Organization(String type, String id, Group group, List<String> models, List<Value> limits) {
        public static Organization of(RateLimitService.Entry entry) {
            return new Organization("rate_limit", entry.rateLimitId(), Group.ALL_MODELS, entry.models(),
                    entry.limits().stream().map(v -> new Value(v.type(), v.value())).toList());
        }
    }

    public record Workspace(String type, String rateLimitId, String workspaceId, Group group, List<String> models, List<WorkspaceValue> limits) {
        public static Workspace of(RateLimitService.Entry entry) {
            return new Workspace("workspace_rate_limit", entry.rateLimitId(), entry.workspaceId(), Group.ALL_MODELS, entry.models(),
                    entry.limits().stream().map(v -> new WorkspaceValue(v.type(), v.value(), v.organizationValue(),
                            new Source(v.fromWorkspace() ? "workspace" : "organization"))).toList());
        }
    }

    /** A list of entries: all of them on one page (an organization has one group). */
    public record Page<T>(List<T> data, boolean hasMore, String nextPage) {
        public static <T> Page<T> of(List<T> data) {
            return new Page<>(data, false, null);
        }
    }
}
