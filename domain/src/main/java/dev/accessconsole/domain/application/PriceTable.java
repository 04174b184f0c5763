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
    private static final BigDecimal HALF = new BigDecimal("0.5");
    private static final BigDecimal TWICE = BigDecimal.valueOf(2);
    private static final BigDecimal ONE_AND_A_HALF = new BigDecimal("1.5");

    public record Price(BigDecimal inputCentsPerMillion, BigDecimal outputCentsPerMillion) {
    }

    private volatile Map<String, Price> prices;

    public Price priceOf(String model) {
        Map<String, Price> table = table();
        Price price = table.get(model);
        return price != null ? price : table.getOrDefault("default", new Price(BigDecimal.ZERO, BigDecimal.ZERO));
    }

    /** The token kinds of the cost report, as the Admin API names them (its {@code token_type}). */
    public enum TokenType {
        UNCACHED_INPUT_TOKENS("uncached_input_tokens", "Input Tokens", BigDecimal.ONE, true),
        OUTPUT_TOKENS("output_tokens", "Output Tokens", BigDecimal.ONE, false),
        CACHE_READ_INPUT_TOKENS("cache_read_input_tokens", "Input Tokens, Cache Read", new BigDecimal("0.1"), true),
        CACHE_CREATION_1H("cache_creation.ephemeral_1h_input_tokens", "Input Tokens, Cache Write (1h)", new BigDecimal("2"), true),
        CACHE_CREATION_5M("cache_creation.ephemeral_5m_input_tokens", "Input Tokens, Cache Write (5m)", new BigDecimal("1.25"), true);

        private final String value;
        private final String label;
        private final BigDecimal ofPrice;
        private final boolean input;

        TokenType(String value, String label, BigDecimal ofPrice, boolean input) {
            this.value = value;
            this.label = label;
            this.ofPrice = ofPrice;
            this.input = input;
        }

        public String value() { return value; }

        /** How many tokens of this kind {@code sums} holds. */
        public long tokensIn(ReportService.Sums sums) {
            return switch (this) {
                case UNCACHED_INPUT_TOKENS -> sums.uncachedInputTokens();
                case OUTPUT_TOKENS -> sums.outputTokens();
                case CACHE_READ_INPUT_TOKENS -> sums.cacheReadTokens();
                case CACHE_CREATION_1H -> sums.cacheCreation1hTokens();
                case CACHE_CREATION_5M -> sums.cacheCreation5mTokens();
            };
        }

        /** How the cost item describes tokens of this kind of a model: "claude-x Usage - Input Tokens, Cache Read". */
        public String describe(String model) {
            return model + " Usage - " + label;
        }
    }

    /**
     * Cost in cents of tokens of one kind, as Anthropic prices them relative to a model's input and output prices: cache
     * reads a tenth of input, 5-minute cache writes 1.25 times, 1-hour writes twice; the batch tier half; a long context
     * (200k-1M) twice the input and 1.5 times the output price.
     */
    public BigDecimal tokenCost(String model, TokenType type, String serviceTier, String contextWindow, long tokens) {
        if (tokens == 0) {
            return BigDecimal.ZERO;
        }
        Price price = priceOf(model);
        BigDecimal perMillion = (type.input ? price.inputCentsPerMillion() : price.outputCentsPerMillion()).multiply(type.ofPrice);
        if ("batch".equals(serviceTier) || "flex_discount".equals(serviceTier)) {
            perMillion = perMillion.multiply(HALF);
        }
        if ("200k-1M".equals(contextWindow)) {
            perMillion = perMillion.multiply(type.input ? TWICE : ONE_AND_A_HALF);
        }
        return perMillion.multiply(BigDecimal.valueOf(tokens)).divide(MILLION);
    }

    /**
     * Cost in cents of every kind of usage in {@code sums} for one model, tier and context window: each token kind at its
     * price, and the web search requests.
     */
    public BigDecimal cost(String model, String serviceTier, String contextWindow, ReportService.Sums sums) {
        BigDecimal total = webSearchCost(sums.webSearchRequests());
        for (TokenType type : TokenType.values()) {
            total = total.add(tokenCost(model, type, serviceTier, contextWindow, type.tokensIn(sums)));
        }
        return total;
    }

    /** Cost in cents of web search requests: {@code accessconsole.web-search.cents-per-request} (default 1, $10 per thousand), read once like the price table. */
    public BigDecimal webSearchCost(long requests) {
        if (requests == 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal cents = webSearchCents;
        if (cents == null) {
            cents = ConfigProvider.getConfig().getOptionalValue("accessconsole.web-search.cents-per-request", String.class)
                    .map(v -> new BigDecimal(v.trim())).orElse(BigDecimal.ONE);
            webSearchCents = cents;
        }
        return cents.multiply(BigDecimal.valueOf(requests));
    }

    private volatile BigDecimal webSearchCents;

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
