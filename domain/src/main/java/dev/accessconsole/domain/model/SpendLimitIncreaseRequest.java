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
 * A member's request for more spend (roles.md, "Spend limits"): the limit that capped them when they asked, what they had
 * spent against it then, and how an admin resolved it (approved with a new amount, or denied).
 */
@Entity
@Table(name = "spend_limit_increase_requests")
public class SpendLimitIncreaseRequest {

    public enum Status {
        PENDING, APPROVED, DENIED;

        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Status> fromValue(String value) {
            return Arrays.stream(values()).filter(s -> s.value().equals(value)).findFirst();
        }
    }

    @Converter
    public static class StatusColumn extends LowerCaseEnumColumn<Status> {
        public StatusColumn() {
            super(Status.class);
        }
    }

    @Id
    @Column(length = 40)
    private String id;

    @Column(name = "organization_id", nullable = false, length = 36)
    private String organizationId;

    @Column(name = "requester_id", nullable = false, length = 40)
    private String requesterId;

    @Column(name = "spend_limit_id", nullable = false, length = 40)
    private String spendLimitId;

    @Convert(converter = SpendLimit.PeriodColumn.class)
    @Column(name = "period", nullable = false, length = 10)
    private SpendPeriod period;

    @Column(name = "requested_amount_cents")
    private Long requestedAmountCents;

    @Column(name = "reason", length = 1000)
    private String reason;

    @Column(name = "spend_cents", nullable = false)
    private long spendCents;

    @Convert(converter = StatusColumn.class)
    @Column(name = "status", nullable = false, length = 10)
    private Status status;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "resolved_at")
    private Instant resolvedAt;

    @Column(name = "resolved_by_kind", length = 20)
    private String resolvedByKind;

    @Column(name = "resolved_by_id", length = 40)
    private String resolvedById;

    @Column(name = "approved_amount_cents")
    private Long approvedAmountCents;

    protected SpendLimitIncreaseRequest() {
    }

    public SpendLimitIncreaseRequest(String organizationId, String requesterId, SpendLimit limit, long spendCents, Long requestedAmountCents,
                                     String reason, Instant now) {
        this.id = Ids.spendLimitIncreaseRequest();
        this.organizationId = organizationId;
        this.requesterId = requesterId;
        this.spendLimitId = limit.id();
        this.period = limit.period();
        this.spendCents = spendCents;
        this.requestedAmountCents = requestedAmountCents;
        this.reason = reason;
        this.status = Status.PENDING;
        this.createdAt = now;
    }

    public void approve(Actor by, long amountCents, Instant now) {
        resolve(Status.APPROVED, by, now);
        this.approvedAmountCents = amountCents;
    }

    public void deny(Actor by, Instant now) {
        resolve(Status.DENIED, by, now);
    }

    private void resolve(Status outcome, Actor by, Instant now) {
        if (status != Status.PENDING) {
            throw DomainException.invalid(ErrorCode.SPEND_LIMIT_INCREASE_REQUEST_RESOLVED, "This request was already " + status.value() + ".");
        }
        this.status = outcome;
        this.resolvedByKind = by.kindName();
        this.resolvedById = by.id();
        this.resolvedAt = now;
    }

    public String id() { return id; }
    public String organizationId() { return organizationId; }
    public String requesterId() { return requesterId; }
    public String spendLimitId() { return spendLimitId; }
    public SpendPeriod period() { return period; }
    public Long requestedAmountCents() { return requestedAmountCents; }
    public String reason() { return reason; }
    public long spendCents() { return spendCents; }
    public Status status() { return status; }
    public Instant createdAt() { return createdAt; }
    public Instant resolvedAt() { return resolvedAt; }
    /** Who resolved it; null while pending. */
    public Actor resolvedBy() { return resolvedById == null ? null : new Actor(resolvedByKind, resolvedById); }
    public Long approvedAmountCents() { return approvedAmountCents; }
}
