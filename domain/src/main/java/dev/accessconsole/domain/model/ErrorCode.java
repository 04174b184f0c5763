package dev.accessconsole.domain.model;

import dev.accessconsole.authz.api.RefusalKind;

/**
 * Every {@code error.details.error_code} the product answers, with the kind of error it is (which fixes the HTTP
 * status and the error type). Call sites name a constant; nothing else spells a code. The authz library's own
 * refusals ({@code AccessDeniedException}, {@code ServiceUnavailable}) answer codes of the same names.
 * {@link #INVALID_FIELD} is the one family: its wire code is {@code invalid_<field>}, the field named by the refusal.
 */
public enum ErrorCode {
    // authentication and access (the guard)
    AUTHENTICATION_REQUIRED(RefusalKind.AUTHENTICATION),
    INVALID_CREDENTIAL(RefusalKind.AUTHENTICATION),
    INVALID_API_KEY(RefusalKind.AUTHENTICATION),
    SESSION_ENDED(RefusalKind.AUTHENTICATION),
    NOT_FOUND(RefusalKind.NOT_FOUND),
    RBAC_GROUP_NOT_FOUND(RefusalKind.NOT_FOUND),
    RBAC_ROLE_NOT_FOUND(RefusalKind.NOT_FOUND),
    SPEND_LIMIT_NOT_FOUND(RefusalKind.NOT_FOUND),
    FEDERATION_ISSUER_NOT_FOUND(RefusalKind.NOT_FOUND),
    FEDERATION_RULE_NOT_FOUND(RefusalKind.NOT_FOUND),
    SPEND_LIMIT_INCREASE_REQUEST_NOT_FOUND(RefusalKind.NOT_FOUND),
    WEBHOOK_ENDPOINT_NOT_FOUND(RefusalKind.NOT_FOUND),
    MISSING_PERMISSION(RefusalKind.PERMISSION),
    ORGANIZATION_REQUIRED(RefusalKind.INVALID_REQUEST),
    // restrictions of principals (roles.md, "Admin API restrictions")
    ADMIN_API_KEY_CANNOT_CREATE_KEYS(RefusalKind.PERMISSION),
    ADMIN_NOT_REMOVABLE(RefusalKind.PERMISSION),
    ADMIN_ROLE_NOT_CHANGEABLE(RefusalKind.PERMISSION),
    ADMIN_ROLE_NOT_ASSIGNABLE(RefusalKind.INVALID_REQUEST),
    EMAIL_NOT_VERIFIED(RefusalKind.PERMISSION),
    CANNOT_SIGN_OUT_PRIVILEGED_MEMBER(RefusalKind.PERMISSION),
    SIGNED_IN_ADMIN_REQUIRED(RefusalKind.PERMISSION),
    CLAUDE_CODE_DISABLED(RefusalKind.PERMISSION),
    // request shape
    INVALID_FIELD(RefusalKind.INVALID_REQUEST),
    INVALID_REQUEST(RefusalKind.INVALID_REQUEST),
    INVALID_JSON(RefusalKind.INVALID_REQUEST),
    INVALID_NUMBER(RefusalKind.INVALID_REQUEST),
    MISSING_BODY(RefusalKind.INVALID_REQUEST),
    INVALID_CURSOR(RefusalKind.INVALID_REQUEST),
    INVALID_PAGE(RefusalKind.INVALID_REQUEST),
    INVALID_LIMIT(RefusalKind.INVALID_REQUEST),
    INVALID_STATUS(RefusalKind.INVALID_REQUEST),
    INVALID_ROLE(RefusalKind.INVALID_REQUEST),
    INVALID_WORKSPACE_ROLE(RefusalKind.INVALID_REQUEST),
    INVALID_PERMISSION(RefusalKind.INVALID_REQUEST),
    PERMISSION_NOT_ASSIGNABLE(RefusalKind.INVALID_REQUEST),
    BUILT_IN_ROLE_NOT_CHANGEABLE(RefusalKind.INVALID_REQUEST),
    INVALID_TIMESTAMP(RefusalKind.INVALID_REQUEST),
    INVALID_TIME_RANGE(RefusalKind.INVALID_REQUEST),
    INVALID_BUCKET_WIDTH(RefusalKind.INVALID_REQUEST),
    INVALID_GROUP_BY(RefusalKind.INVALID_REQUEST),
    INVALID_EMAIL(RefusalKind.INVALID_REQUEST),
    INVALID_DISPLAY_COLOR(RefusalKind.INVALID_REQUEST),
    INVALID_COUNTRY(RefusalKind.INVALID_REQUEST),
    INVALID_MESSAGES(RefusalKind.INVALID_REQUEST),
    INVALID_SYSTEM(RefusalKind.INVALID_REQUEST),
    INVALID_USER_ID(RefusalKind.INVALID_REQUEST),
    UNKNOWN_API_KEY(RefusalKind.INVALID_REQUEST),
    TOO_MANY_CONTACTS(RefusalKind.INVALID_REQUEST),
    // rules of the domain
    CANNOT_REMOVE_LAST_MEMBER(RefusalKind.INVALID_REQUEST),
    CANNOT_CHANGE_OWN_ROLE(RefusalKind.INVALID_REQUEST),
    CANNOT_SIGN_OUT_SELF(RefusalKind.INVALID_REQUEST),
    LAST_ADMIN(RefusalKind.CONFLICT),
    ROLE_IN_USE(RefusalKind.CONFLICT),
    RBAC_ROLE_ALREADY_EXISTS(RefusalKind.INVALID_REQUEST),
    GROUP_MANAGED_BY_IDENTITY_PROVIDER(RefusalKind.INVALID_REQUEST),
    RBAC_GROUP_ALREADY_EXISTS(RefusalKind.INVALID_REQUEST),
    ALREADY_RBAC_GROUP_MEMBER(RefusalKind.INVALID_REQUEST),
    EMAIL_DOMAIN_TAKEN(RefusalKind.INVALID_REQUEST),
    MEMBER_SUSPENDED(RefusalKind.INVALID_REQUEST),
    ALREADY_MEMBER(RefusalKind.INVALID_REQUEST),
    NOT_AN_ORGANIZATION_MEMBER(RefusalKind.INVALID_REQUEST),
    ALREADY_WORKSPACE_MEMBER(RefusalKind.INVALID_REQUEST),
    IMPLIED_MEMBERSHIP(RefusalKind.INVALID_REQUEST),
    WORKSPACE_NOT_ACCESSIBLE_TO_ROLE(RefusalKind.INVALID_REQUEST),
    DEFAULT_WORKSPACE_HAS_NO_MEMBERS(RefusalKind.INVALID_REQUEST),
    DEFAULT_WORKSPACE_NOT_ARCHIVABLE(RefusalKind.INVALID_REQUEST),
    DEFAULT_WORKSPACE_LIMITS(RefusalKind.INVALID_REQUEST),
    WORKSPACE_NOT_RENAMABLE(RefusalKind.INVALID_REQUEST),
    WORKSPACE_ARCHIVED(RefusalKind.INVALID_REQUEST),
    WORKSPACE_LIMIT_EXCEEDED(RefusalKind.INVALID_REQUEST),
    LIMIT_EXCEEDS_ORGANIZATION(RefusalKind.INVALID_REQUEST),
    CLAUDE_CODE_WORKSPACE_KEYS(RefusalKind.INVALID_REQUEST),
    API_KEY_ARCHIVED(RefusalKind.INVALID_REQUEST),
    INVITE_ALREADY_EXISTS(RefusalKind.INVALID_REQUEST),
    INVITE_ALREADY_ACCEPTED(RefusalKind.INVALID_REQUEST),
    INVITE_EXPIRED(RefusalKind.INVALID_REQUEST),
    INVITE_DELETED(RefusalKind.INVALID_REQUEST),
    SERVICE_ACCOUNT_ARCHIVED(RefusalKind.INVALID_REQUEST),
    SERVICE_ACCOUNT_ROLE(RefusalKind.INVALID_REQUEST),
    SERVICE_ACCOUNT_WORKSPACE(RefusalKind.INVALID_REQUEST),
    // workload federation
    FEDERATION_ISSUER_ARCHIVED(RefusalKind.INVALID_REQUEST),
    // a webhook URL naming a private, loopback, link-local or metadata address (or resolving to one)
    WEBHOOK_URL_NOT_ALLOWED(RefusalKind.INVALID_REQUEST),
    FEDERATION_RULE_ARCHIVED(RefusalKind.INVALID_REQUEST),
    // spend limits (roles.md, "Spend limits")
    // the official API's code for a key stopped by a spend limit (429, as its ErrorHandler maps it)
    ENFORCED_SPEND_LIMIT_REACHED(RefusalKind.RATE_LIMIT),
    NO_SPEND_LIMIT_APPLIES(RefusalKind.INVALID_REQUEST),
    SPEND_LIMIT_INCREASE_REQUEST_RESOLVED(RefusalKind.INVALID_REQUEST),
    SPEND_LIMIT_INCREASE_REQUEST_PENDING(RefusalKind.INVALID_REQUEST),
    CONFLICT(RefusalKind.CONFLICT),
    // transport
    REQUEST_TOO_LARGE(RefusalKind.REQUEST_TOO_LARGE),
    RATE_LIMITED(RefusalKind.RATE_LIMIT),
    // a dependency that cannot answer (api.md): the official client's codes, 503 with Retry-After
    AUTHORIZATION_CHECK_UNAVAILABLE(RefusalKind.SERVICE_UNAVAILABLE),
    CHANGE_OUTCOME_UNKNOWN(RefusalKind.SERVICE_UNAVAILABLE),
    SERVICE_UNAVAILABLE(RefusalKind.SERVICE_UNAVAILABLE),
    INTERNAL_ERROR(RefusalKind.INTERNAL);

    private final RefusalKind kind;

    ErrorCode(RefusalKind kind) {
        this.kind = kind;
    }

    /** What kind of error the code is (the authz library's kinds: a transport maps each to one status). */
    public RefusalKind kind() {
        return kind;
    }

    /** The wire value: the constant's name in lower case. */
    public String value() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public String toString() {
        return value();
    }
}
