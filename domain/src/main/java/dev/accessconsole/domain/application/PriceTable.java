package dev.accessconsole.domain.application;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

/**
 * Per-model prices from configuration, in US cents per million tokens:
 * {@code accessconsole.pricing.<model>=<input>,<output>} (MicroProfile Config of the calling module, so environment variables and
 * system properties can set them too), with {@code accessconsole.pricing.default} for models not listed.
 */
@ApplicationScoped
public class PriceTable {

    public static final String PREFIX = "accessconsole.pricing.";
    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    public record Price(BigDecimal inputCentsPerMillion, BigDecimal outputCentsPerMillion) {
    }

    private volatile Map<String, Price> prices;

    public Price priceOf(String model) {
        Map<String, Price> table = table();
        Price price = table.get(model);
        return price != null ? price : table.getOrDefault("default", new Price(BigDecimal.ZERO, BigDecimal.ZERO));
    }

    /** Cost in cents of the tokens of one kind. */
    public BigDecimal inputCost(String model, long tokens) {
        return priceOf(model).inputCentsPerMillion().multiply(BigDecimal.valueOf(tokens)).divide(MILLION);
    }

    public BigDecimal outputCost(String model, long tokens) {
        return priceOf(model).outputCentsPerMillion().multiply(BigDecimal.valueOf(tokens)).divide(MILLION);
    }

    /** The models with a price of their own, sorted. */
    public java.util.List<String> models() {
        return table().keySet().stream().filter(model -> !model.equals("default")).sorted().toList();
    }

    private Map<String, Price> table() {
        Map<String, Price> table = prices;
        if (table == null) {
            table = new HashMap<>();
            Config config = ConfigProvider.getConfig();
            for (String name : config.getPropertyNames()) {
                if (name.startsWith(PREFIX)) {
                    String model = name.substring(PREFIX.length()).replace("\"", "");
                    String[] parts = config.getValue(name, String.class).split(",");
                    table.put(model, new Price(new BigDecimal(parts[0].trim()), new BigDecimal(parts[1].trim())));
                }
            }
            prices = table;
        }
        return table;
    }
}
