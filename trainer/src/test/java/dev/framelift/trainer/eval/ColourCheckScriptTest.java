package dev.framelift.trainer.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.framelift.trainer.data.PhotoSet;

/**
 * {@code scripts/colour-check.py}, the independent recomputation of a colorizer's numbers, against
 * the Java evaluation whose saved pixels it reads: the shipped colorizer on three photos of two
 * sources. Needs python3 with numpy ({@code .ci/run} installs python3-numpy).
 */
class ColourCheckScriptTest {
    private static final Path SCRIPT = Path.of("scripts", "colour-check.py");
    private static final Path COLORIZER = Path.of("..", "models", "colorize");
    private static final List<Double> SCALES = List.of(0.8, 1.0, 1.2);

    @TempDir
    Path tmp;

    @Test
    void shouldPrintTheFrontierTheJavaEvaluationMeasured() throws Exception {
        assumeTrue(run("python3", "-c", "import numpy").exit() == 0,
                "python3 with numpy is needed (.ci/run installs python3-numpy)");
        final Path data = tmp.resolve("photos");
        TinyModels.photo(data, "pkg-a--one.png", 64, 48, 1, false);
        TinyModels.photo(data, "pkg-a--two.png", 57, 61, 2, false);
        TinyModels.photo(data, "pkg-b--three.png", 80, 40, 3, false);
        final Path saved = tmp.resolve("saved");
        final ChromaFrontier java = new ChromaFrontier(SCALES);
        Evaluator.evaluate(COLORIZER, PhotoSet.list(data), EvalOptions.defaults(), data, (d, t, n) -> { },
                PhotoSink.both(new ImageDump(saved), java));

        final Run py = run("python3", SCRIPT.toString(), saved.toString(), "--chroma-scale", "0.8,1.2");

        assertThat(py.exit()).as(py.out()).isZero();
        assertThat(py.out()).contains("pkg-a ", "pkg-b ", "mean of 3 photos and of 2 sources");
        final List<ChromaFrontier.Point> expected = java.points();
        final List<String[]> rows = frontierLines(py.out()).stream().map(l -> l.trim().split("\\s+")).toList();
        assertThat(rows).hasSize(SCALES.size());
        for (int k = 0; k < rows.size(); k++) {
            final String[] r = rows.get(k);
            final ChromaFrontier.Point p = expected.get(k);
            assertThat(Double.parseDouble(r[0])).isEqualTo(p.scale());
            assertThat(Double.parseDouble(r[1])).as("gain over photos at %s", p.scale()).isCloseTo(p.photoGain(), within(6e-4));
            assertThat(percent(r[2])).as("colour over photos at %s", p.scale()).isCloseTo(100 * p.photoRatio(), within(0.06));
            assertThat(Double.parseDouble(r[3])).as("gain over sources at %s", p.scale()).isCloseTo(p.sourceGain(), within(6e-4));
            assertThat(percent(r[4])).as("colour over sources at %s", p.scale()).isCloseTo(100 * p.sourceRatio(), within(0.06));
        }
        // the colorizer does colour these photos: the numbers compared are not all zero
        assertThat(expected.get(1).photoRatio()).isGreaterThan(0.05);

        final Run twice = run("python3", SCRIPT.toString(), saved.toString(), saved.toString(), "--chroma-scale", "0.8,1.2");
        assertThat(twice.exit()).as(twice.out()).isZero();
        assertThat(frontierLines(twice.out())).as("an ensemble of one model with itself is that model")
                .isEqualTo(frontierLines(py.out()));

        final Run flat = run("python3", SCRIPT.toString(), saved.toString(), "--chroma-scale", "0.8,1.2", "--vibrance", "1");
        assertThat(frontierLines(flat.out())).as("a curve of exponent 1 is the plain scale").isEqualTo(frontierLines(py.out()));
    }

    @Test
    void shouldBendTheChromaByTheVibranceCurve() throws Exception {
        assumeTrue(run("python3", "-c", "import numpy").exit() == 0,
                "python3 with numpy is needed (.ci/run installs python3-numpy)");
        final Path saved = tmp.resolve("flat");
        final int[] model = {230, 60, 128};
        flat(saved.resolve("001-pkg--flat.model.png"), model);
        flat(saved.resolve("001-pkg--flat.baseline.png"), new int[] {119, 119, 119});
        flat(saved.resolve("001-pkg--flat.truth.png"), new int[] {200, 100, 100});
        final double y = 0.299 * model[0] + 0.587 * model[1] + 0.114 * model[2];
        double length = 0;
        for (final int c : model) {
            length += (c - y) * (c - y);
        }
        final double factor = Math.pow((Math.sqrt(length) + 1) / 20, 0.7 - 1);

        final double plain = tableColour(run("python3", SCRIPT.toString(), saved.toString()));
        final double curved = tableColour(run("python3", SCRIPT.toString(), saved.toString(), "--vibrance", "0.7"));

        // a flat patch's colourfulness is 0.3 |mean chroma|: it scales with the chroma, up to rounding to 8 bits
        assertThat(factor).isLessThan(0.6);
        assertThat(curved / plain).isCloseTo(factor, within(0.01));
    }

    @Test
    void shouldShowAHueTheColorizerLeavesOut() throws Exception {
        assumeTrue(run("python3", "-c", "import numpy").exit() == 0,
                "python3 with numpy is needed (.ci/run installs python3-numpy)");
        final Path saved = tmp.resolve("hues");
        // a green truth (rg -100, yb 70: 145 degrees) coloured amber (rg 50, yb 115: 66 degrees)
        flat(saved.resolve("001-pkg--leaf.model.png"), new int[] {200, 150, 60});
        flat(saved.resolve("001-pkg--leaf.baseline.png"), new int[] {128, 128, 128});
        flat(saved.resolve("001-pkg--leaf.truth.png"), new int[] {60, 160, 40});

        final Run py = run("python3", SCRIPT.toString(), saved.toString(), "--hues");

        assertThat(py.exit()).as(py.out()).isZero();
        assertThat(hueRow(py.out(), "green ")).containsExactly("green", "120..", "150", "14900.0", "0.0", "0%");
        assertThat(hueRow(py.out(), "amber ")).containsExactly("amber", "60..", "90", "0.0", "15725.0", "-");
        assertThat(hueRow(py.out(), "red ")).containsExactly("red", "0..", "30", "0.0", "0.0", "-");
    }

    @Test
    void shouldScoreHowRightTheHuesAre() throws Exception {
        assumeTrue(run("python3", "-c", "import numpy").exit() == 0,
                "python3 with numpy is needed (.ci/run installs python3-numpy)");
        final Path saved = tmp.resolve("agreement");
        // truth green (rg -100, yb 70); one output the same hue at half strength, one amber
        // (rg 50, yb 115), cos(145 - 66 degrees) = 0.20, one purple (rg 100, yb -70), the opposite hue
        flat(saved.resolve("001-right--leaf.model.png"), new int[] {105, 155, 95});
        flat(saved.resolve("002-amber--leaf.model.png"), new int[] {200, 150, 60});
        flat(saved.resolve("003-opposite--leaf.model.png"), new int[] {180, 80, 200});
        for (String stem : List.of("001-right--leaf", "002-amber--leaf", "003-opposite--leaf")) {
            flat(saved.resolve(stem + ".baseline.png"), new int[] {128, 128, 128});
            flat(saved.resolve(stem + ".truth.png"), new int[] {60, 160, 40});
        }

        final Run py = run("python3", SCRIPT.toString(), saved.toString(), "--hues");

        assertThat(py.exit()).as(py.out()).isZero();
        final String line = py.out().lines().filter(l -> l.startsWith("hue agreement:")).findFirst().orElseThrow();
        final double[] agreement = java.util.regex.Pattern.compile("[-+][0-9.]+").matcher(line).results()
                .mapToDouble(m -> Double.parseDouble(m.group())).toArray();
        // right 1, amber 0.199, opposite -1: the mean of the three photos, and of their three sources
        assertThat(agreement[0]).isCloseTo((1 + 0.199 - 1) / 3, within(0.005));
        assertThat(agreement[1]).isCloseTo(agreement[0], within(1e-9));
    }

    private static List<String> hueRow(String out, String name) {
        return List.of(out.lines().filter(l -> l.startsWith(name)).findFirst().orElseThrow().trim().split("\\s+"));
    }

    private static void flat(Path png, int[] rgb) throws IOException {
        final BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                image.setRGB(x, y, rgb[0] << 16 | rgb[1] << 8 | rgb[2]);
            }
        }
        Files.createDirectories(png.getParent());
        ImageIO.write(image, "png", png.toFile());
    }

    private static double tableColour(Run run) {
        assertThat(run.exit()).as(run.out()).isZero();
        final String row = run.out().lines().filter(l -> l.startsWith("pkg ")).findFirst().orElseThrow();
        return Double.parseDouble(row.trim().split("\\s+")[5]);
    }

    private static List<String> frontierLines(String out) {
        return out.lines().filter(l -> l.matches("^[0-9]\\.[0-9]{2} .*")).toList();
    }

    private static double percent(String cell) {
        return Double.parseDouble(cell.replace("%", ""));
    }

    private record Run(int exit, String out) {
    }

    private static Run run(String... command) throws IOException, InterruptedException {
        final Process process;
        try {
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            return new Run(-1, e.getMessage());
        }
        final String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return new Run(-1, out);
        }
        return new Run(process.exitValue(), out);
    }
}
