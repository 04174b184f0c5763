package dev.accessconsole.domain.model;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/**
 * Spend and rate limits; null means "no limit of its own". Used by organizations and workspaces alike. The rate limits are
 * columns of the organization's or workspace's row; the monthly spend limit lives in the spend-limit store (one place for
 * every cap) and is carried here for the limits page, never stored with the row.
 */
@Embeddable
public class Limits {

    @jakarta.persistence.Transient
    private Long monthlySpendCents;

    @Column(name = "limit_requests_per_minute")
    private Long requestsPerMinute;

    @Column(name = "limit_input_tokens_per_minute")
    private Long inputTokensPerMinute;

    @Column(name = "limit_output_tokens_per_minute")
    private Long outputTokensPerMinute;

    protected Limits() {
    }

    public Limits(Long monthlySpendCents, Long requestsPerMinute, Long inputTokensPerMinute, Long outputTokensPerMinute) {
        this.monthlySpendCents = monthlySpendCents;
        this.requestsPerMinute = requestsPerMinute;
        this.inputTokensPerMinute = inputTokensPerMinute;
        this.outputTokensPerMinute = outputTokensPerMinute;
    }

    public static Limits none() {
        return new Limits(null, null, null, null);
    }

    public Long monthlySpendCents() { return monthlySpendCents; }

    /** These limits with the monthly spend limit read from the spend-limit store. */
    public Limits withMonthlySpend(Long cents) {
        return new Limits(cents, requestsPerMinute, inputTokensPerMinute, outputTokensPerMinute);
    }
    public Long requestsPerMinute() { return requestsPerMinute; }
    public Long inputTokensPerMinute() { return inputTokensPerMinute; }
    public Long outputTokensPerMinute() { return outputTokensPerMinute; }

    /** The name of the first limit that exceeds the ceiling's, or null when all fit. */
    public String firstAbove(Limits ceiling) {
        if (above(monthlySpendCents, ceiling.monthlySpendCents)) {
            return "monthly_spend_limit_cents";
        }
        if (above(requestsPerMinute, ceiling.requestsPerMinute)) {
            return "requests_per_minute";
        }
        if (above(inputTokensPerMinute, ceiling.inputTokensPerMinute)) {
            return "input_tokens_per_minute";
        }
        if (above(outputTokensPerMinute, ceiling.outputTokensPerMinute)) {
            return "output_tokens_per_minute";
        }
        return null;
    }

    /** A workspace without a limit of its own inherits the ceiling, so only explicit values can exceed it. */
    private static boolean above(Long value, Long ceiling) {
        return value != null && ceiling != null && value > ceiling;
    }

    /** These limits with every value above the ceiling's lowered to it (a value the ceiling leaves open stays). */
    public Limits cappedAt(Limits ceiling) {
        return new Limits(cap(monthlySpendCents, ceiling.monthlySpendCents), cap(requestsPerMinute, ceiling.requestsPerMinute),
                cap(inputTokensPerMinute, ceiling.inputTokensPerMinute), cap(outputTokensPerMinute, ceiling.outputTokensPerMinute));
    }

    private static Long cap(Long value, Long ceiling) {
        return above(value, ceiling) ? ceiling : value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Limits that && java.util.Objects.equals(monthlySpendCents, that.monthlySpendCents)
                && java.util.Objects.equals(requestsPerMinute, that.requestsPerMinute)
                && java.util.Objects.equals(inputTokensPerMinute, that.inputTokensPerMinute)
                && java.util.Objects.equals(outputTokensPerMinute, that.outputTokensPerMinute);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(monthlySpendCents, requestsPerMinute, inputTokensPerMinute, outputTokensPerMinute);
    }
}
