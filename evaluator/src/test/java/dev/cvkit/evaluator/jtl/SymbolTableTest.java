package dev.cvkit.evaluator.jtl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Labels and thread names numbered by their bytes: one id per distinct name, whatever the bytes around it, and the
 * same id as the name looked up as a String.
 */
class SymbolTableTest {

    /** Looks {@code name} up as the fast reader does: its bytes inside a larger buffer, at {@code at}. */
    private static int idInBuffer(SymbolTable table, String name, int at, int trailing, byte filler) {
        byte[] key = name.getBytes(StandardCharsets.UTF_8);
        byte[] buf = new byte[at + key.length + trailing];
        java.util.Arrays.fill(buf, filler);
        System.arraycopy(key, 0, buf, at, key.length);
        return table.id(buf, at, key.length);
    }

    @Test
    void namesThatShareTheirFirstAndLastEightBytesAreStillTold() {
        SymbolTable table = new SymbolTable();
        // Same head, same tail, same length; only the middle differs (16 < length).
        String a = "HTTP Request - Checkout step A - final";
        String b = "HTTP Request - Checkout step B - final";
        String c = "HTTP Request - Checkout step A - final and more";
        int ia = idInBuffer(table, a, 3, 5, (byte) ',');
        int ib = idInBuffer(table, b, 0, 0, (byte) 0);
        int ic = idInBuffer(table, c, 7, 1, (byte) 'x');
        assertThat(List.of(ia, ib, ic)).doesNotHaveDuplicates();
        assertThat(idInBuffer(table, a, 0, 0, (byte) 0)).isEqualTo(ia);
        assertThat(idInBuffer(table, b, 11, 40, (byte) 'A')).isEqualTo(ib);
        assertThat(table.name(ia)).isEqualTo(a);
        assertThat(table.intern(b)).isEqualTo(ib);
    }

    @Test
    void shortNamesAreTheSameWhateverBytesFollowThemOrWhenNothingDoes() {
        SymbolTable table = new SymbolTable();
        List<String> names = List.of("", "a", "ab", "Login", "Login-0", "Login-00", "12345678", "123456789", "é",
                "Shoppers 1-1", "Shoppers 1-10");
        Map<String, Integer> ids = new LinkedHashMap<>();
        for (String n : names) {
            ids.put(n, idInBuffer(table, n, 2, 30, (byte) 'z'));
        }
        assertThat(new ArrayList<>(ids.values())).doesNotHaveDuplicates();
        for (String n : names) {
            // At the very end of the array (fewer than eight bytes after the start), and with other bytes after it.
            assertThat(idInBuffer(table, n, 0, 0, (byte) 0)).as(n).isEqualTo(ids.get(n));
            assertThat(idInBuffer(table, n, 5, 3, (byte) 'L')).as(n).isEqualTo(ids.get(n));
            assertThat(table.intern(n)).as(n).isEqualTo(ids.get(n));
        }
        assertThat(table.size()).isEqualTo(names.size());
    }

    @Test
    void manyRandomNamesGetOneIdEachAcrossGrowth() {
        SymbolTable table = new SymbolTable();
        SplittableRandom random = new SplittableRandom(3);
        Map<String, Integer> ids = new LinkedHashMap<>();
        for (int i = 0; i < 5_000; i++) {
            int len = random.nextInt(0, 40);
            StringBuilder sb = new StringBuilder();
            for (int k = 0; k < len; k++) {
                // A small alphabet: many names share heads and tails.
                sb.append((char) ('a' + random.nextInt(3)));
            }
            String name = sb.toString();
            int id = idInBuffer(table, name, random.nextInt(0, 9), random.nextInt(0, 9), (byte) random.nextInt(256));
            Integer before = ids.putIfAbsent(name, id);
            assertThat(id).as(name).isEqualTo(before == null ? id : before);
        }
        assertThat(table.size()).isEqualTo(ids.size());
        ids.forEach((name, id) -> assertThat(table.name(id)).isEqualTo(name));
    }
}
