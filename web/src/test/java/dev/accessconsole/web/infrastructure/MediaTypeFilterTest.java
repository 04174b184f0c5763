package dev.accessconsole.web.infrastructure;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The media types MediaTypeFilter reads before JAX-RS does (RFC 9110 §8.3.1, §12.4.2, §12.5.1), without a container. */
class MediaTypeFilterTest {

    @Test
    void whenAnAcceptHeaderIsWellFormedThenItPasses() {
        for (String accept : new String[]{"*/*", "application/json", "application/json;q=1", "application/json;q=1.000", "*/*;q=0.5",
                "application/*", "text/html;q=0.1, application/json", "application/json; charset=\"utf-8\"", "application/json ;q=0.2",
                "application/json;;q=0.5", ", application/json", "application/scim+json, application/json;q=0.9", "*/*;q=0"}) {
            assertThat(MediaTypeFilter.acceptable(accept)).as(accept).isTrue();
        }
    }

    @Test
    void whenAnAcceptHeaderIsMalformedThenItIsRefused() {
        for (String accept : new String[]{"*/*;q=abc", "application/json;q=", "*/*;q=1.0.0", "application/json;q=2", "application/json;q=-1",
                "/", "application/", "json", "*/json", "application/json;=", "application/json; charset", "text/html, application/json;q=x",
                "application/json;q=0.1234", "app lication/json", "application/json;a=\"unterminated", "application/json/x"}) {
            assertThat(MediaTypeFilter.acceptable(accept)).as(accept).isFalse();
        }
    }

    @Test
    void whenAContentTypeIsReadThenWildcardsParseAsWildcardsAndJunkAsNothing() {
        assertThat(MediaTypeFilter.parse("*/*").isWildcardType()).isTrue();
        assertThat(MediaTypeFilter.parse("application/*").isWildcardSubtype()).isTrue();
        assertThat(MediaTypeFilter.parse("application/json; charset=utf-8").getParameters()).containsEntry("charset", "utf-8");
        assertThat(MediaTypeFilter.parse("application/scim+json").getSubtype()).isEqualTo("scim+json");
        for (String junk : new String[]{";", "", "application/json; charset", "application/json/x", "app lication/json", "a/b;c=d e"}) {
            assertThat(MediaTypeFilter.parse(junk)).as(junk).isNull();
        }
    }

    @Test
    void whenLanguagesCharsetsOrEncodingsAreWeightedThenEachQIsAQvalue() {
        for (String fine : new String[]{"en-US,en;q=0.9", "*", "gzip, br;q=1.0, *;q=0", "utf-8, iso-8859-1;q=0.5", "de-CH;q=0.5, fr"}) {
            assertThat(MediaTypeFilter.weighted(fine)).as(fine).isTrue();
        }
        for (String junk : new String[]{"*;q=zz", "en;q=", "gzip;q=abc", "br;q=1.5", "en;;=", "utf-8;q=0.1234", "a b"}) {
            assertThat(MediaTypeFilter.weighted(junk)).as(junk).isFalse();
        }
    }
}
