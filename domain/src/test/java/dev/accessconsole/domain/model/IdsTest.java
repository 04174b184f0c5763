package dev.accessconsole.domain.model;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ids are unpredictable (api.md): ids made in the same millisecond do not follow one another. With a counter in the
 * random part (as before), every id of a millisecond was its predecessor plus one.
 */
class IdsTest {

    private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    @Test
    void whenManyIdsAreMadeInOneMillisecondThenNoneIsItsPredecessorPlusOne() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            ids.add(Ids.next());
        }
        int sameMillisecond = 0;
        int successors = 0;
        for (int i = 1; i < ids.size(); i++) {
            String previous = ids.get(i - 1);
            String current = ids.get(i);
            if (previous.substring(0, 10).equals(current.substring(0, 10))) {
                sameMillisecond++;
                if (randomPart(current).subtract(randomPart(previous)).equals(BigInteger.ONE)) {
                    successors++;
                }
            }
        }
        assertThat(sameMillisecond).as("the loop makes many ids per millisecond").isGreaterThan(1000);
        assertThat(successors).isZero();
        Set<String> unique = new HashSet<>(ids);
        assertThat(unique).hasSameSizeAs(ids);
    }

    private static BigInteger randomPart(String id) {
        BigInteger value = BigInteger.ZERO;
        for (char c : id.substring(10).toCharArray()) {
            value = value.shiftLeft(5).add(BigInteger.valueOf(ALPHABET.indexOf(c)));
        }
        return value;
    }
}
