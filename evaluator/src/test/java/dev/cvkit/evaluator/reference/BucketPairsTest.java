package dev.cvkit.evaluator.reference;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A buckets string read as its two columns, or the first pair that does not read. */
class BucketPairsTest {

    private static BucketPairs parse(String text) {
        // Offset into a larger array, as the JSON parser hands its buffer over.
        char[] held = ("xx" + text + "yy").toCharArray();
        return new BucketPairs.Parser().parse(held, 2, text.length());
    }

    @Test
    void pairsAreReadInOrder() {
        BucketPairs pairs = parse("1:3 255:40 1536:420");
        assertThat(pairs.problem()).isNull();
        assertThat(pairs.bucketMillis()).containsExactly(1, 255, 1536);
        assertThat(pairs.counts()).containsExactly(3, 40, 420);
        assertThat(parse("7:1").bucketMillis()).containsExactly(7);
        assertThat(parse("").bucketMillis()).isEmpty();
        assertThat(parse("").counts()).isEmpty();
    }

    @Test
    void manyShortPairsGrowTheColumns() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 5_000; i++) {
            text.append(i == 0 ? "" : " ").append(i % 10).append(':').append(1);
        }
        BucketPairs pairs = parse(text.toString());
        assertThat(pairs.problem()).isNull();
        assertThat(pairs.bucketMillis()).hasSize(5_000);
        assertThat(pairs.bucketMillis()[4_999]).isEqualTo(9);
        assertThat(pairs.counts()).containsOnly(1);
    }

    @Test
    void theFirstPairThatDoesNotReadIsNamed() {
        assertThat(parse("1:3 ").problem()).endsWith("pair 2 is \"\"");
        assertThat(parse("1:3  2:4").problem()).endsWith("pair 2 is \"\"");
        assertThat(parse("1:3 2:").problem()).endsWith("pair 2 is \"2:\"");
        assertThat(parse("1:3 2").problem()).endsWith("pair 2 is \"2\"");
        assertThat(parse("x:1").problem()).endsWith("pair 1 is \"x:1\"");
        assertThat(parse("1:3,2:4").problem()).endsWith("pair 1 is \"1:3,2:4\"");
        assertThat(parse("1:3 1234567890123456789:1").problem()).endsWith("pair 2 is \"1234567890123456789:1\"");
        assertThat(parse(" 1:3").problem()).endsWith("pair 1 is \"\"");
        assertThat(parse("1:3 2:4").problem()).isNull();
    }

    @Test
    void oneParserReadsStringAfterStringIntoColumnsOfTheirOwn() {
        BucketPairs.Parser parser = new BucketPairs.Parser();
        StringBuilder longer = new StringBuilder("1:1");
        for (int i = 2; i <= 700; i++) {
            longer.append(' ').append(i).append(':').append(i * 2);
        }
        char[] first = longer.toString().toCharArray();
        BucketPairs a = parser.parse(first, 0, first.length);
        char[] second = "9:4 10:5".toCharArray();
        BucketPairs b = parser.parse(second, 0, second.length);
        char[] bad = "9:4 x".toCharArray();
        BucketPairs c = parser.parse(bad, 0, bad.length);
        assertThat(a.bucketMillis()).hasSize(700);
        assertThat(a.counts()[699]).isEqualTo(1400);
        assertThat(b.bucketMillis()).containsExactly(9, 10);
        assertThat(b.counts()).containsExactly(4, 5);
        assertThat(c.problem()).endsWith("pair 2 is \"x\"");
        assertThat(a.bucketMillis()[0]).as("the first string's columns are its own").isEqualTo(1);
    }
}
