package dev.framelift.enhancer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.framelift.enhancer.image.ContainerFormat;
import dev.framelift.enhancer.testing.TestPayloads;
import dev.framelift.model.testing.TestModels;

/** {@code framelift enhance} on files and folders, with real tiny models and no Kafka. */
class EnhanceCommandTest {
    @TempDir
    static Path work;
    static Path models;

    @BeforeAll
    static void writeModels() throws IOException {
        models = TestModels.writeAll(Files.createDirectories(work.resolve("models")));
    }

    @Test
    void shouldEnhanceAFolderKeepingItsSubfolders(@TempDir Path dir) throws IOException {
        Path in = Files.createDirectories(dir.resolve("in/nested"));
        Files.write(dir.resolve("in/a.png"), TestPayloads.png(20, 10, false, 1));
        Files.write(in.resolve("b.jpg"), TestPayloads.jpeg(16, 12, 2));
        Files.writeString(dir.resolve("in/notes.txt"), "not an image");

        int exit = Main.commandLine().execute("enhance", "--task", "sr-x2", "--models", models.toString(),
                dir.resolve("in").toString(), dir.resolve("out").toString());

        assertThat(exit).isZero();
        assertThat(size(dir.resolve("out/a.png"))).containsExactly(40, 20);
        assertThat(size(dir.resolve("out/nested/b.png"))).containsExactly(32, 24);
        assertThat(dir.resolve("out/notes.png")).doesNotExist();
    }

    @Test
    void shouldColorizeOneFileIntoTheGivenPath(@TempDir Path dir) throws IOException {
        Files.write(dir.resolve("old.png"), TestPayloads.png(24, 18, true, 3));

        int exit = Main.commandLine().execute("enhance", "--task", "colorize", "--models", models.toString(),
                dir.resolve("old.png").toString(), dir.resolve("new.png").toString());

        assertThat(exit).isZero();
        BufferedImage out = ImageIO.read(dir.resolve("new.png").toFile());
        assertThat(out.getColorModel().getNumColorComponents()).isEqualTo(3);
        assertThat(new int[] {out.getWidth(), out.getHeight()}).containsExactly(24, 18);
    }

    @Test
    void shouldExitNonZeroAndSayWhyForAFileItCannotRead(@TempDir Path dir) throws IOException {
        Files.write(dir.resolve("broken.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});

        int exit = Main.commandLine().execute("enhance", "--task", "sr-x2", "--models", models.toString(),
                dir.resolve("broken.png").toString(), dir.resolve("out.png").toString());

        assertThat(exit).isEqualTo(1);
        assertThat(dir.resolve("out.png")).doesNotExist();
    }

    @Test
    void shouldRefuseATaskWithoutAModel(@TempDir Path dir) throws IOException {
        Files.write(dir.resolve("a.png"), TestPayloads.png(8, 8, false, 1));

        int exit = Main.commandLine().execute("enhance", "--task", "sr-x8", "--models", models.toString(),
                dir.resolve("a.png").toString(), dir.resolve("b.png").toString());

        assertThat(exit).isEqualTo(2);
    }

    @Test
    void shouldSelfEnsembleSoThatAMirroredImageComesOutMirrored(@TempDir Path dir) throws IOException {
        java.util.Random random = new java.util.Random(7);
        BufferedImage image = new BufferedImage(24, 16, BufferedImage.TYPE_INT_RGB);
        BufferedImage mirror = new BufferedImage(24, 16, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 24; x++) {
                int rgb = random.nextInt(1 << 24);
                image.setRGB(x, y, rgb);
                mirror.setRGB(23 - x, y, rgb);
            }
        }
        Path in = Files.createDirectories(dir.resolve("in"));
        ImageIO.write(image, "png", in.resolve("a.png").toFile());
        ImageIO.write(mirror, "png", in.resolve("b.png").toFile());

        // the shipped model: a trained network answers each orientation a little differently
        String shipped = Path.of("..", "models").toString();
        assertThat(Main.commandLine().execute("enhance", "--task", "sr-x2", "--self-ensemble", "--models", shipped,
                in.toString(), dir.resolve("ensemble").toString())).isZero();
        assertThat(Main.commandLine().execute("enhance", "--task", "sr-x2", "--models", shipped,
                in.toString(), dir.resolve("plain").toString())).isZero();

        BufferedImage a = ImageIO.read(dir.resolve("ensemble/a.png").toFile());
        BufferedImage b = ImageIO.read(dir.resolve("ensemble/b.png").toFile());
        BufferedImage plain = ImageIO.read(dir.resolve("plain/a.png").toFile());
        assertThat(new int[] {a.getWidth(), a.getHeight()}).containsExactly(48, 32);
        int mirrorDiff = 0;
        int plainDiff = 0;
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 48; x++) {
                mirrorDiff = Math.max(mirrorDiff, channelDiff(a.getRGB(x, y), b.getRGB(47 - x, y)));
                plainDiff = Math.max(plainDiff, channelDiff(a.getRGB(x, y), plain.getRGB(x, y)));
            }
        }
        assertThat(mirrorDiff).as("the ensemble of a mirrored image is the mirrored ensemble").isLessThanOrEqualTo(1);
        assertThat(plainDiff).as("the ensemble differs from one pass").isGreaterThan(1);
    }

    @Test
    void shouldRefuseSelfEnsembleForColorize(@TempDir Path dir) throws IOException {
        Files.write(dir.resolve("old.png"), TestPayloads.png(24, 18, true, 3));

        int exit = Main.commandLine().execute("enhance", "--task", "colorize", "--self-ensemble", "--models", models.toString(),
                dir.resolve("old.png").toString(), dir.resolve("new.png").toString());

        assertThat(exit).isEqualTo(2);
        assertThat(dir.resolve("new.png")).doesNotExist();
    }

    @Test
    void shouldMuteTheColoursByTheColourStrengthDownToGray(@TempDir Path dir) throws IOException {
        BufferedImage gray = new BufferedImage(64, 48, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 64; x++) {
                int level = (int) (128 + 60 * Math.sin(x / 5.0) + 40 * Math.cos(y / 7.0));
                gray.getRaster().setSample(x, y, 0, level);
            }
        }
        ImageIO.write(gray, "png", dir.resolve("old.png").toFile());
        String shipped = Path.of("..", "models").toString();
        for (String strength : new String[] {"1", "0.5", "0"}) {
            assertThat(Main.commandLine().execute("enhance", "--task", "colorize", "--colour-strength", strength,
                    "--models", shipped, dir.resolve("old.png").toString(), dir.resolve(strength + ".png").toString()))
                    .isZero();
        }

        BufferedImage full = ImageIO.read(dir.resolve("1.png").toFile());
        BufferedImage half = ImageIO.read(dir.resolve("0.5.png").toFile());
        BufferedImage none = ImageIO.read(dir.resolve("0.png").toFile());
        int mostColour = 0;
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 64; x++) {
                int[] f = rgb(full.getRGB(x, y));
                int[] h = rgb(half.getRGB(x, y));
                int[] n = rgb(none.getRGB(x, y));
                double luma = 0.299 * f[0] + 0.587 * f[1] + 0.114 * f[2];
                for (int c = 0; c < 3; c++) {
                    mostColour = Math.max(mostColour, (int) Math.abs(f[c] - luma));
                    assertThat((double) h[c]).as("half the colour at (%d, %d)", x, y)
                            .isCloseTo(luma + 0.5 * (f[c] - luma), org.assertj.core.data.Offset.offset(1.5));
                    assertThat(n[c]).as("gray at (%d, %d)", x, y).isEqualTo(n[0]);
                }
            }
        }
        assertThat(mostColour).as("the model coloured something").isGreaterThan(10);
    }

    @Test
    void shouldRefuseAColourStrengthForSuperResolutionOrOutOfRange(@TempDir Path dir) throws IOException {
        Files.write(dir.resolve("old.png"), TestPayloads.png(24, 18, true, 3));

        assertThat(Main.commandLine().execute("enhance", "--task", "sr-x2", "--colour-strength", "0.5", "--models",
                models.toString(), dir.resolve("old.png").toString(), dir.resolve("sr.png").toString())).isEqualTo(2);
        assertThat(Main.commandLine().execute("enhance", "--task", "colorize", "--colour-strength", "3", "--models",
                models.toString(), dir.resolve("old.png").toString(), dir.resolve("loud.png").toString())).isNotZero();
        assertThat(dir.resolve("sr.png")).doesNotExist();
        assertThat(dir.resolve("loud.png")).doesNotExist();
    }

    private static int[] rgb(int p) {
        return new int[] {(p >> 16) & 0xFF, (p >> 8) & 0xFF, p & 0xFF};
    }

    private static int channelDiff(int p, int q) {
        int d = 0;
        for (int shift = 0; shift < 24; shift += 8) {
            d = Math.max(d, Math.abs(((p >> shift) & 0xFF) - ((q >> shift) & 0xFF)));
        }
        return d;
    }

    private static int[] size(Path png) throws IOException {
        BufferedImage image = ImageIO.read(png.toFile());
        return new int[] {image.getWidth(), image.getHeight()};
    }

    @Test
    void shouldRefuseToWriteTwoInputsToOneOutput(@TempDir Path dir) throws IOException {
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.write(in.resolve("a.png"), TestPayloads.png(8, 8, false, 1));
        Files.write(in.resolve("a.jpg"), TestPayloads.jpeg(8, 8, 2));

        int exit = Main.commandLine().execute("enhance", "--task", "sr-x2", "--models", models.toString(),
                in.toString(), dir.resolve("out").toString());

        assertThat(exit).isEqualTo(2);
        assertThat(dir.resolve("out/a.png")).doesNotExist();
    }

    @Test
    void shouldNeverReplaceAnInput(@TempDir Path dir) throws IOException {
        Path in = Files.createDirectories(dir.resolve("photos"));
        byte[] original = TestPayloads.png(8, 8, false, 3);
        Files.write(in.resolve("a.png"), original);

        int exit = Main.commandLine().execute("enhance", "--task", "sr-x2", "--models", models.toString(), "--overwrite",
                in.toString(), in.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(in.resolve("a.png")).hasBinaryContent(original);
    }

    @Test
    void shouldReplaceAnExistingOutputOnlyWithOverwrite(@TempDir Path dir) throws IOException {
        Files.write(dir.resolve("a.png"), TestPayloads.png(8, 8, false, 4));
        byte[] existing = TestPayloads.png(4, 4, false, 5);
        Files.write(dir.resolve("b.png"), existing);
        String[] args = {"enhance", "--task", "sr-x2", "--models", models.toString(),
                dir.resolve("a.png").toString(), dir.resolve("b.png").toString()};

        assertThat(Main.commandLine().execute(args)).isEqualTo(2);
        assertThat(dir.resolve("b.png")).hasBinaryContent(existing);

        String[] again = java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.stream.Stream.of("--overwrite"))
                .toArray(String[]::new);
        assertThat(Main.commandLine().execute(again)).isZero();
        assertThat(size(dir.resolve("b.png"))).containsExactly(16, 16);
    }

    @Test
    void shouldWriteAJpegForAnOutputNamedJpg(@TempDir Path dir) throws IOException {
        Files.write(dir.resolve("a.png"), TestPayloads.png(8, 8, false, 6));

        int exit = Main.commandLine().execute("enhance", "--task", "sr-x2", "--models", models.toString(),
                dir.resolve("a.png").toString(), dir.resolve("a-big.jpg").toString());

        assertThat(exit).isZero();
        byte[] written = Files.readAllBytes(dir.resolve("a-big.jpg"));
        assertThat(ContainerFormat.sniff(written).name()).isEqualTo("JPEG");
    }

    @Test
    void shouldLabelAFrameByItsBytesAndByTheFileNameOnlyWhenTheBytesSayNothing() {
        final byte[] png = TestPayloads.png(4, 4, false, 6);
        final byte[] junk = {'j', 'u', 'n', 'k'};

        assertThat(EnhanceCommand.labelOf(Path.of("scan.jpg"), png).name()).isEqualTo("PNG");
        assertThat(EnhanceCommand.labelOf(Path.of("scan.JPEG"), junk).name()).isEqualTo("JPEG");
        assertThat(EnhanceCommand.labelOf(Path.of("scan.png"), junk).name()).isEqualTo("PNG");
    }
}
