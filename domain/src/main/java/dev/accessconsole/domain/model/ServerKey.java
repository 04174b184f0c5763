package dev.accessconsole.domain.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A key the server generated for itself, shared by every node through the database (one row per name). */
@Entity
@Table(name = "server_keys")
public class ServerKey {

    @Id
    @Column(length = 64)
    private String name;

    @Column(name = "key_value", nullable = false, length = 128)
    private String keyValue;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected ServerKey() {
    }

    public ServerKey(String name, String keyValue, Instant createdAt) {
        this.name = name;
        this.keyValue = keyValue;
        this.createdAt = createdAt;
    }
}
