package org.boxrefine.io.coco;

import java.util.Arrays;
import org.boxrefine.image.BinaryMask;

/**
 * COCO run-length encoding, bit-exact with pycocotools ({@code maskApi.c}: {@code rleEncode},
 * {@code rleToString}, {@code rleFrString}, {@code rleDecode}).
 *
 * <p>Runs are taken column by column (y fastest within each column x) and alternate starting with a run of
 * 0s, possibly empty. The compressed string stores each run, from the fourth on as the difference to the run
 * two before, in 5-bit groups with a continuation bit and a sign bit, each group written as the character
 * {@code 48 + group}.
 */
public final class CocoRle {
    private static final int MAX_GROUPS = 12;

    private CocoRle() {
    }

    /** The compressed counts string of a mask, as {@code pycocotools.mask.encode} writes it. */
    public static String encode(BinaryMask mask) {
        return compress(counts(mask));
    }

    /** Decodes a compressed counts string into a mask of the given size. */
    public static BinaryMask decode(String counts, int heightPx, int widthPx) {
        return toMask(new Rle(heightPx, widthPx, decompress(counts)));
    }

    /** Decodes uncompressed counts (the JSON integer list of crowd annotations) into a mask of the given size. */
    public static BinaryMask decodeUncompressed(long[] counts, int heightPx, int widthPx) {
        return toMask(new Rle(heightPx, widthPx, counts));
    }

    /** Number of pixels set in the mask a compressed counts string describes. */
    public static long area(String counts) {
        return area(decompress(counts));
    }

    /** Number of pixels set: the sum of the odd-indexed runs. */
    public static long area(long[] counts) {
        long area = 0;
        for (int i = 1; i < counts.length; i += 2) {
            area += counts[i];
        }
        return area;
    }

    /** The uncompressed encoding of a mask. */
    public static Rle toRle(BinaryMask mask) {
        return new Rle(mask.heightPx(), mask.widthPx(), counts(mask));
    }

    /** The run lengths of a mask in column-major order, as {@code rleEncode}: always at least one run. */
    public static long[] counts(BinaryMask mask) {
        int w = mask.widthPx();
        int h = mask.heightPx();
        byte[] bits = mask.data();
        long[] cnts = new long[16];
        int k = 0;
        byte previous = 0;
        long run = 0;
        for (int x = 0; x < w; x++) {
            for (int y = 0, i = x; y < h; y++, i += w) {
                byte b = bits[i];
                if (b != previous) {
                    if (k == cnts.length) {
                        cnts = Arrays.copyOf(cnts, 2 * k);
                    }
                    cnts[k++] = run;
                    run = 0;
                    previous = b;
                }
                run++;
            }
        }
        if (k == cnts.length) {
            cnts = Arrays.copyOf(cnts, k + 1);
        }
        cnts[k++] = run;
        return Arrays.copyOf(cnts, k);
    }

    /** The compressed string of run lengths, as {@code rleToString}. */
    public static String compress(long[] counts) {
        char[] out = new char[Math.max(16, counts.length * 7)];
        int p = 0;
        for (int i = 0; i < counts.length; i++) {
            long x = counts[i];
            if (i > 2) {
                x -= counts[i - 2];
            }
            boolean more = true;
            while (more) {
                int c = (int) (x & 0x1f);
                x >>= 5;
                more = (c & 0x10) != 0 ? x != -1 : x != 0;
                if (more) {
                    c |= 0x20;
                }
                if (p == out.length) {
                    out = Arrays.copyOf(out, 2 * p);
                }
                out[p++] = (char) (c + 48);
            }
        }
        return new String(out, 0, p);
    }

    /**
     * The run lengths of a compressed string, as {@code rleFrString}.
     *
     * @throws IllegalArgumentException when a character lies outside {@code '0'..'o'}, the string ends inside a
     *                                  number, or a run comes out negative or too long
     */
    public static long[] decompress(String s) {
        if (s == null) {
            throw new IllegalArgumentException("RLE counts string must be given, found null");
        }
        int n = s.length();
        long[] cnts = new long[Math.max(1, n)];
        int m = 0;
        int p = 0;
        while (p < n) {
            long x = 0;
            int k = 0;
            boolean more = true;
            while (more) {
                if (p == n) {
                    throw new IllegalArgumentException("RLE counts string ends inside a number (last character '"
                            + s.charAt(n - 1) + "' asks for more), length " + n);
                }
                int ch = s.charAt(p);
                int c = ch - 48;
                if (c < 0 || c > 63) {
                    throw new IllegalArgumentException("RLE counts string must hold characters '0'..'o', found '"
                            + (char) ch + "' (code " + ch + ") at position " + p);
                }
                if (k == MAX_GROUPS) {
                    throw new IllegalArgumentException("RLE counts string holds a number longer than " + MAX_GROUPS
                            + " characters ending at position " + p);
                }
                x |= (long) (c & 0x1f) << (5 * k);
                more = (c & 0x20) != 0;
                p++;
                k++;
                if (!more && (c & 0x10) != 0) {
                    x |= -1L << (5 * k);
                }
            }
            if (m > 2) {
                x += cnts[m - 2];
            }
            if (x < 0 || x > 0xffffffffL) {
                throw new IllegalArgumentException("RLE counts string gives run " + m + " the length " + x
                        + ", expected 0.." + 0xffffffffL);
            }
            cnts[m++] = x;
        }
        return Arrays.copyOf(cnts, m);
    }

    /** The mask an encoding describes. */
    public static BinaryMask toMask(Rle rle) {
        int h = rle.heightPx();
        int w = rle.widthPx();
        byte[] bits = new byte[Math.multiplyExact(h, w)];
        long[] cnts = rle.counts();
        int x = 0;
        int y = 0;
        long pos = 0;
        for (int i = 0; i < cnts.length; i++) {
            long run = cnts[i];
            if ((i & 1) == 0) {
                pos += run;
                if (h > 0) {
                    x = (int) (pos / h);
                    y = (int) (pos % h);
                }
                continue;
            }
            pos += run;
            while (run > 0) {
                int take = (int) Math.min(run, h - y);
                for (int k = 0, j = y * w + x; k < take; k++, j += w) {
                    bits[j] = 1;
                }
                run -= take;
                y += take;
                if (y == h) {
                    y = 0;
                    x++;
                }
            }
        }
        return new BinaryMask(w, h, bits);
    }
}
