package org.boxrefine.io.coco;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.boxrefine.image.BinaryMask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CocoRleTest {

    /**
     * Width 3, height 2:
     * <pre>
     *   y=0: 1 1 1
     *   y=1: 1 0 1
     * </pre>
     * Column by column (y fastest): 1 1 | 1 0 | 1 1, i.e. runs: 0 zeros, 3 ones, 1 zero, 2 ones: [0, 3, 1, 2].
     * Compressed: '0'+0 = "0", '0'+3 = "3", '0'+1 = "1"; the fourth run is stored as 2 - 3 = -1, whose low five
     * bits are 31 (0x1f, sign bit 0x10 set) and the rest -1, so one group: '0'+31 = 'O'. Together "031O".
     */
    @Test
    void handCheckedThreeByTwo() {
        BinaryMask mask = mask(3, 2, "111", "101");

        assertThat(CocoRle.counts(mask)).containsExactly(0, 3, 1, 2);
        assertThat(CocoRle.encode(mask)).isEqualTo("031O");
        assertThat(CocoRle.decode("031O", 2, 3)).isEqualTo(mask);
        assertThat(CocoRle.area("031O")).isEqualTo(5);
    }

    /**
     * Count lists and their strings from the tests of an independent implementation: hoel-bagard/cocotools-rs,
     * cocotools/src/mask/conversions.rs, test {@code encode_rle}.
     */
    static Stream<Arguments> knownCountStrings() {
        return Stream.of(
                Arguments.of(4, 4, new long[] {5, 2, 2, 2, 5}, "52203"),
                Arguments.of(9, 10, new long[] {6, 1, 40, 4, 5, 4, 5, 4, 21}, "61X13mN000`0"),
                Arguments.of(40, 40, new long[] {245, 5, 35, 5, 35, 5, 35, 5, 35, 5, 1190}, "e75S10000000ST1"));
    }

    @ParameterizedTest
    @MethodSource("knownCountStrings")
    void agreesWithKnownCountStrings(int h, int w, long[] counts, String expected) {
        assertThat(CocoRle.compress(counts)).isEqualTo(expected);
        assertThat(CocoRle.decompress(expected)).containsExactly(counts);
        BinaryMask mask = CocoRle.decodeUncompressed(counts, h, w);
        assertThat(naiveCounts(mask)).containsExactly(counts);
        assertThat(CocoRle.encode(mask)).isEqualTo(expected);
    }

    /**
     * Strings written by pycocotools, from cocodataset/cocoapi (the pycocotools repository):
     * <ul>
     *   <li>annotations/stuff_examples.json, annotations with id 10000000 and 10000003 (image 934): counts, size,
     *       and "area" / "bbox" as computed by pycocotools ({@code mask.area}, {@code mask.toBbox});</li>
     *   <li>results/instances_val2014_fakesegm100_results.json, the result on image 74, category 1, score 0.611
     *       (no area given).</li>
     * </ul>
     * Backslashes below are Java escapes for the single backslash in the JSON string value.
     */
    static Stream<Arguments> pycocotoolsStrings() {
        return Stream.of(
                Arguments.of("stuff_examples.json id 10000000", 480, 640,
                        "Skh62l>6M3QBJk<:oBJo<9lBJS=9hBJY=8aBK_=l0O1N10000011OON3O0O2fN\\BU1h=O110jNWBS1l=O01O01O1O011N1"
                                + "QORBO21Mb0Y>]OkA?\\>O1B_A<b>O2N1N3JXAOk>0cmV10^RiN2O3KKZA6f>3M2O1N3N110M22N0001M2001O001"
                                + "M12OO001LlR`0",
                        1463L, new int[] {462, 287, 143, 61}),
                Arguments.of("stuff_examples.json id 10000003", 480, 640,
                        "lih61l>3NMWA3c>3]AMa>M_A;a>31NO1O1ECkAO5?o=>K1RBROg=2YBP1h=20110ON30M12O010N010O002O02N1O0]Ol"
                                + "NQC1NR1Q=POiBM20N70l0W=6iBmN0LY=V1kBhN\\=Y151O01L\\BkNb=T17N1O1001O3M0XBjNf=X101OO20OM"
                                + "30O2O101NO06K3M1O1O1O3M1OO1O1O1001OO1MhB^NX=b1hB^NX=`1gB`N^=^13bN`BZ1`=fN`B4e08P=HPC6"
                                + "S=InB3V=JmB5`P`1",
                        2798L, new int[] {462, 202, 76, 58}),
                Arguments.of("fakesegm100 image 74 score 0.611", 426, 640,
                        "YoX42V=5K3M3N2HE^C=a<72M3N1O1L4L4Khkk3", -1L, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pycocotoolsStrings")
    void agreesWithPycocotoolsStrings(String source, int h, int w, String counts, long area, int[] bbox) {
        BinaryMask mask = CocoRle.decode(counts, h, w);

        assertThat(mask.widthPx()).isEqualTo(w);
        assertThat(mask.heightPx()).isEqualTo(h);
        assertThat(mask.count()).isPositive().isEqualTo(CocoRle.area(counts));
        if (area >= 0) {
            assertThat(mask.count()).isEqualTo(area);
        }
        if (bbox != null) {
            assertThat(tightXywh(mask)).containsExactly(bbox);
        }
        assertThat(CocoRle.encode(mask)).isEqualTo(counts);
        assertThat(naiveCompress(naiveCounts(mask))).isEqualTo(counts);
    }

    @Test
    void roundTripsRandomMasksAndAgreesWithNaiveEncoder() {
        Random random = new Random(12345);
        int[][] sizes = {{0, 0}, {0, 5}, {5, 0}, {1, 1}, {1, 7}, {7, 1}, {2, 3}, {3, 2}, {31, 17}, {64, 64},
            {100, 3}, {3, 100}, {257, 129}};
        double[] densities = {0.0, 0.03, 0.5, 0.97, 1.0};
        int checked = 0;
        for (int[] size : sizes) {
            for (double density : densities) {
                for (boolean blobs : new boolean[] {false, true}) {
                    BinaryMask mask = blobs ? randomBlobs(size[0], size[1], random) : randomMask(size[0], size[1],
                            density, random);
                    assertRoundTrip(mask);
                    checked++;
                }
            }
        }
        assertThat(checked).isEqualTo(sizes.length * densities.length * 2);
    }

    @Test
    void handlesSinglePixelsAtTheCornersAndLongRuns() {
        int w = 1500;
        int h = 2000;
        int[][] corners = {{0, 0}, {w - 1, 0}, {0, h - 1}, {w - 1, h - 1}};
        for (int[] corner : corners) {
            BinaryMask mask = new BinaryMask(w, h);
            mask.set(corner[0], corner[1], true);
            long before = (long) corner[0] * h + corner[1];
            long[] expected = before + 1 == (long) w * h ? new long[] {before, 1} : new long[] {before, 1,
                (long) w * h - before - 1};

            assertThat(CocoRle.counts(mask)).containsExactly(expected);
            assertRoundTrip(mask);
        }
    }

    @Test
    void encodesAllZeroAndAllOneMasks() {
        BinaryMask zeros = new BinaryMask(4, 3);
        BinaryMask ones = new BinaryMask(4, 3, new byte[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1});

        assertThat(CocoRle.counts(zeros)).containsExactly(12);
        assertThat(CocoRle.encode(zeros)).isEqualTo("<");
        assertThat(CocoRle.counts(ones)).containsExactly(0, 12);
        assertThat(CocoRle.encode(ones)).isEqualTo("0<");
        assertThat(CocoRle.decode("0<", 3, 4)).isEqualTo(ones);
    }

    @Test
    void rejectsCountsThatDoNotCoverTheMask() {
        assertThatThrownBy(() -> CocoRle.decode("031O", 3, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("9")
                .hasMessageContaining("found a total of 6");
        assertThatThrownBy(() -> CocoRle.decodeUncompressed(new long[] {2, 3}, 2, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sum to height*width = 6")
                .hasMessageContaining("found a total of 5");
    }

    @Test
    void rejectsMalformedStrings() {
        assertThatThrownBy(() -> CocoRle.decompress("03 1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("position 2");
        assertThatThrownBy(() -> CocoRle.decompress("03P"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ends inside a number");
        assertThatThrownBy(() -> CocoRle.decompress("00O"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("length -1");
        assertThatThrownBy(() -> CocoRle.decodeUncompressed(new long[] {7, -1}, 2, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("non-negative");
    }

    private static void assertRoundTrip(BinaryMask mask) {
        long[] counts = CocoRle.counts(mask);
        assertThat(counts).containsExactly(naiveCounts(mask));
        String s = CocoRle.encode(mask);
        assertThat(s).isEqualTo(naiveCompress(counts));
        assertThat(CocoRle.decompress(s)).containsExactly(counts);
        assertThat(CocoRle.decode(s, mask.heightPx(), mask.widthPx())).isEqualTo(mask);
        assertThat(naiveDecode(counts, mask.heightPx(), mask.widthPx())).isEqualTo(mask);
        assertThat(CocoRle.area(s)).isEqualTo(mask.count());
    }

    /** Reference: one pixel at a time in column-major order, a new run at every change. */
    private static long[] naiveCounts(BinaryMask mask) {
        List<Long> runs = new ArrayList<>();
        boolean current = false;
        long run = 0;
        for (int x = 0; x < mask.widthPx(); x++) {
            for (int y = 0; y < mask.heightPx(); y++) {
                if (mask.get(x, y) != current) {
                    runs.add(run);
                    run = 0;
                    current = !current;
                }
                run++;
            }
        }
        runs.add(run);
        return runs.stream().mapToLong(Long::longValue).toArray();
    }

    /** Reference: the LEB128-like scheme written with floor division instead of shifts. */
    private static String naiveCompress(long[] counts) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < counts.length; i++) {
            long v = i > 2 ? counts[i] - counts[i - 2] : counts[i];
            while (true) {
                int group = (int) Math.floorMod(v, 32L);
                v = Math.floorDiv(v, 32L);
                boolean negative = group >= 16;
                boolean last = negative ? v == -1 : v == 0;
                sb.append((char) ('0' + group + (last ? 0 : 32)));
                if (last) {
                    break;
                }
            }
        }
        return sb.toString();
    }

    private static BinaryMask naiveDecode(long[] counts, int h, int w) {
        BinaryMask mask = new BinaryMask(w, h);
        long pos = 0;
        for (int i = 0; i < counts.length; i++) {
            for (long j = 0; j < counts[i]; j++, pos++) {
                if (i % 2 == 1) {
                    mask.set((int) (pos / h), (int) (pos % h), true);
                }
            }
        }
        return mask;
    }

    private static int[] tightXywh(BinaryMask mask) {
        int x0 = Integer.MAX_VALUE;
        int y0 = Integer.MAX_VALUE;
        int x1 = -1;
        int y1 = -1;
        for (int y = 0; y < mask.heightPx(); y++) {
            for (int x = 0; x < mask.widthPx(); x++) {
                if (mask.get(x, y)) {
                    x0 = Math.min(x0, x);
                    y0 = Math.min(y0, y);
                    x1 = Math.max(x1, x);
                    y1 = Math.max(y1, y);
                }
            }
        }
        return new int[] {x0, y0, x1 - x0 + 1, y1 - y0 + 1};
    }

    private static BinaryMask randomMask(int w, int h, double density, Random random) {
        BinaryMask mask = new BinaryMask(w, h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                mask.set(x, y, random.nextDouble() < density);
            }
        }
        return mask;
    }

    private static BinaryMask randomBlobs(int w, int h, Random random) {
        BinaryMask mask = new BinaryMask(w, h);
        if (w == 0 || h == 0) {
            return mask;
        }
        for (int k = 0; k < 4; k++) {
            int x0 = random.nextInt(w);
            int y0 = random.nextInt(h);
            int x1 = x0 + random.nextInt(w - x0) + 1;
            int y1 = y0 + random.nextInt(h - y0) + 1;
            for (int y = y0; y < y1; y++) {
                for (int x = x0; x < x1; x++) {
                    mask.set(x, y, k != 3);
                }
            }
        }
        return mask;
    }

    static BinaryMask mask(int w, int h, String... rows) {
        BinaryMask mask = new BinaryMask(w, h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                mask.set(x, y, rows[y].charAt(x) == '1');
            }
        }
        return mask;
    }
}
