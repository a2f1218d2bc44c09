package dev.framelift.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class CutoutTest {
    /** A red disc on a transparent square whose hidden colour is green. */
    private static BufferedImage disc(int size) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double r = Math.hypot(x - size / 2.0, y - size / 2.0);
                img.setRGB(x, y, r < size / 3.0 ? 0xFFFF0000 : 0x0000FF00);
            }
        }
        return img;
    }

    @Test
    void shouldTreatOnlyImagesWithTransparentSurroundingsAsCutouts() {
        assertThat(Cutout.of(disc(40))).isNotNull();
        assertThat(Cutout.of(new BufferedImage(40, 40, BufferedImage.TYPE_INT_RGB))).isNull();
        BufferedImage opaque = new BufferedImage(40, 40, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < 40; y++) {
            for (int x = 0; x < 40; x++) {
                opaque.setRGB(x, y, 0xFF336699);
            }
        }
        assertThat(Cutout.of(opaque)).isNull();
    }

    @Test
    void shouldCompositeTheObjectOverTheBackgroundWithoutTheHiddenColour() {
        Cutout c = Cutout.of(disc(60));
        byte[] blue = new byte[64 * 64 * 3];
        for (int i = 2; i < blue.length; i += 3) {
            blue[i] = (byte) 200;
        }
        RgbImage out = c.compositeOnto(new RgbImage(64, 64, blue), new SplittableRandom(3));
        int red = 0;
        int untouched = 0;
        for (int i = 0; i < out.pixels().length; i += 3) {
            int r = out.pixels()[i] & 0xFF;
            int g = out.pixels()[i + 1] & 0xFF;
            int b = out.pixels()[i + 2] & 0xFF;
            assertThat(g).as("the green under transparent pixels must not leak").isLessThan(8);
            if (r > 240 && b < 15) {
                red++;
            } else if (r == 0 && b == 200) {
                untouched++;
            }
        }
        int n = 64 * 64;
        // the disc covers pi/9 of a square whose side is 45-100% of the background's
        assertThat(red).isBetween(n / 40, n / 3);
        assertThat(untouched).isGreaterThan(n / 2);
    }
}
