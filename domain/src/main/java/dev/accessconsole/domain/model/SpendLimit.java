package dev.accessconsole.domain.model;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Converter;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * A cap on spend (roles.md, "Spend limits"): an organization's, a workspace's or a member's, per UTC day, ISO week or
 * month, in US cents; a null amount keeps the limit without enabling it. One per scope and period.
 */
@Entity
@Table(name = "spend_limits")
public class SpendLimit {

    /** What a limit caps: the whole organization, one workspace, or one member's own (Claude Code) keys. */
    public enum ScopeType {
        ORGANIZATION, WORKSPACE, USER;

        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<ScopeType> fromValue(String value) {
            return Arrays.stream(values()).filter(t -> t.value().equals(value)).findFirst();
        }
    }

    /** A limit's scope: its type and the id of what it caps (the organization's own id for the organization). */
    public record Scope(ScopeType type, String id) {
        public static Scope organization(String organizationId) {
            return new Scope(ScopeType.ORGANIZATION, organizationId);
        }

        public static Scope workspace(String workspaceId) {
            return new Scope(ScopeType.WORKSPACE, workspaceId);
        }

        public static Scope user(String userId) {
            return new Scope(ScopeType.USER, userId);
        }
    }

    @Converter
    public static class ScopeTypeColumn extends LowerCaseEnumColumn<ScopeType> {
        public ScopeTypeColumn() {
            super(ScopeType.class);
        }
    }

    @Converter
    public static class PeriodColumn extends LowerCaseEnumColumn<SpendPeriod> {
        public PeriodColumn() {
            super(SpendPeriod.class);
        }
    }

    @Id
    @Column(length = 40)
    private String id;

    @Column(name = "organization_id", nullable = false, length = 36)
    private String organizationId;

    @Convert(converter = ScopeTypeColumn.class)
    @Column(name = "scope_type", nullable = false, length = 20)
    private ScopeType scopeType;

    @Column(name = "scope_id", nullable = false, length = 40)
    private String scopeId;

    @Convert(converter = PeriodColumn.class)
    @Column(name = "period", nullable = false, length = 10)
    private SpendPeriod period;

    @Column(name = "amount_cents")
    private Long amountCents;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected SpendLimit() {
    }

    public SpendLimit(String organizationId, Scope scope, SpendPeriod period, Long amountCents, Instant now) {
        this.id = Ids.spendLimit();
        this.organizationId = organizationId;
        this.scopeType = scope.type();
        this.scopeId = scope.id();
        this.period = period;
        this.amountCents = amountCents;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public void amountCents(Long cents, Instant now) {
        this.amountCents = cents;
        this.updatedAt = now;
    }

    public String id() { return id; }
    public String organizationId() { return organizationId; }
    public Scope scope() { return new Scope(scopeType, scopeId); }
    public SpendPeriod period() { return period; }
    /** The cap in cents; null: not enabled. */
    public Long amountCents() { return amountCents; }
    public boolean enabled() { return amountCents != null; }
    public Instant createdAt() { return createdAt; }
    public Instant updatedAt() { return updatedAt; }
}
