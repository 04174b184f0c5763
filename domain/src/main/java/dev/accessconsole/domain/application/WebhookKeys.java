package dev.accessconsole.domain.application;

import dev.accessconsole.domain.infrastructure.webhooks.SecretBox;
import dev.accessconsole.domain.model.Time;
import dev.accessconsole.domain.model.WebhookRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.Base64;
import java.util.Optional;

/**
 * The key webhook signing secrets are sealed with: {@code ACCESSCONSOLE_WEBHOOK_KEY} (32 bytes, base64; production sets
 * it, so that a copy of the database alone opens no secret), else one the server generates once and keeps in the
 * database for every node (a development server's convenience: there it protects nothing the database does not).
 */
@ApplicationScoped
public class WebhookKeys {

    @Inject
    WebhookRepository webhooks;

    @Inject
    WebhookKeys self;

    public byte[] key(String name) {
        Optional<String> configured = ConfigProvider.getConfig().getOptionalValue("accessconsole.webhook.key", String.class);
        if (configured.isPresent() && !configured.get().isBlank()) {
            return Base64.getDecoder().decode(configured.get().strip());
        }
        try {
            return self.stored(name);
        } catch (RuntimeException raced) {
            // another node stored its key first: read that one
            return self.stored(name);
        }
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public byte[] stored(String name) {
        Optional<String> stored = webhooks.serverKey(name);
        if (stored.isPresent()) {
            return Base64.getDecoder().decode(stored.get());
        }
        byte[] key = SecretBox.newKey();
        webhooks.addServerKey(name, Base64.getEncoder().encodeToString(key), Time.now());
        return key;
    }
}
