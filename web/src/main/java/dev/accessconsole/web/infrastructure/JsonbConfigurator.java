package dev.accessconsole.web.infrastructure;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.config.PropertyNamingStrategy;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/**
 * JSON as the Admin API writes it: snake_case names, nulls written out (e.g. {@code "archived_at": null}); whole numbers
 * read strictly ({@link StrictIntegers}).
 */
@Provider
public class JsonbConfigurator implements ContextResolver<Jsonb> {

    private static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig()
            .withPropertyNamingStrategy(PropertyNamingStrategy.LOWER_CASE_WITH_UNDERSCORES)
            .withNullValues(true)
            .withDeserializers(new StrictIntegers.Longs(), new StrictIntegers.Integers()));

    @Override
    public Jsonb getContext(Class<?> type) {
        return JSONB;
    }
}
