package dev.accessconsole.domain.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * The order an organization's audit events are delivered in: each committed event gets the next number once a
 * dispatcher finds it; the node holding the lease numbers and delivers (another takes over when the lease lapses).
 */
@Entity
@Table(name = "webhook_streams")
public class WebhookStream {

    @Id
    @Column(name = "organization_id", length = 36)
    private String organizationId;

    @Column(name = "next_seq", nullable = false)
    private long nextSeq;

    @Column(name = "started_at", nullable = false)
    private Instant startedAt;

    @Column(name = "lease_owner", length = 128)
    private String leaseOwner;

    @Column(name = "lease_until")
    private Instant leaseUntil;

    protected WebhookStream() {
    }

    public WebhookStream(String organizationId, Instant now) {
        this.organizationId = organizationId;
        this.nextSeq = 1;
        this.startedAt = now;
    }

    public String organizationId() { return organizationId; }
    public long nextSeq() { return nextSeq; }
    public Instant startedAt() { return startedAt; }
    public String leaseOwner() { return leaseOwner; }
    public Instant leaseUntil() { return leaseUntil; }
}
