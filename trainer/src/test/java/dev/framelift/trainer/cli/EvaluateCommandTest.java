package dev.framelift.trainer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.framelift.model.metrics.ImageMetrics;
import dev.framelift.model.metrics.YConvention;
import dev.framelift.trainer.data.PhotoSet;
import dev.framelift.trainer.eval.EvalOptions;
import dev.framelift.trainer.eval.EvaluationResult;
import dev.framelift.trainer.eval.Evaluator;
import dev.framelift.trainer.eval.ImageDump;
import dev.framelift.trainer.eval.ImageResult;
import dev.framelift.trainer.eval.TinyModels;
import dev.framelift.trainer.report.ContactSheet;
import picocli.CommandLine;

/** The evaluate command end to end, on a real bilinear SavedModel built with TF Java. */
class EvaluateCommandTest {
    @TempDir
    static Path tmp;
    static Path model;
    static Path data;

    @BeforeAll
    static void setUp() throws IOException {
        model = TinyModels.bilinear(tmp.resolve("sr-x2"), "sr-x2", 2, 2);
        data = tmp.resolve("photos");
        TinyModels.photo(data, "a.png", 64, 48, 1, false);
        TinyModels.photo(data.resolve("sub"), "b.png", 57, 61, 2, false); // odd sizes: cropped to a multiple of 2
        Files.writeString(data.resolve("notes.txt"), "not a photo");
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new EvaluateCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void shouldPrintModelAndBaselineNumbersPerImageAndTheirMean() throws IOException {
        Path report = tmp.resolve("report");
        Run r = run("--model", model.toString(), "--data", data.toString(), "--report", report.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        EvaluationResult expected = Evaluator.evaluate(model, PhotoSet.list(data), EvalOptions.defaults(), data,
                (done, total, name) -> { });
        assertThat(expected.images()).hasSize(2);
        assertThat(expected.images().get(1).width()).isEqualTo(56);
        assertThat(expected.images().get(1).height()).isEqualTo(60);
        assertThat(r.out()).contains("PSNR-Y bicubic", "PSNR-Y model", "SSIM-Y bicubic", "a.png", "sub/b.png", "mean of 2 images");
        for (ImageResult i : expected.images()) {
            String line = r.out().lines().filter(l -> l.startsWith(i.name())).findFirst().orElseThrow();
            assertThat(line).contains(
                    String.format(Locale.ROOT, "%.2f", i.baseline().get("psnr_y")),
                    String.format(Locale.ROOT, "%.2f", i.model().get("psnr_y")),
                    String.format(Locale.ROOT, "%+.2f", i.model().get("psnr_y") - i.baseline().get("psnr_y")),
                    String.format(Locale.ROOT, "%.4f", i.model().get("ssim_y")));
        }
        String mean = r.out().lines().filter(l -> l.startsWith("mean of 2 images")).findFirst().orElseThrow();
        assertThat(mean).contains(String.format(Locale.ROOT, "%.2f", expected.metrics().get("psnr_y")),
                String.format(Locale.ROOT, "%.2f", expected.baselineMetrics().get("psnr_y")));
        assertThat(expected.metrics().get("psnr_y")).isBetween(15.0, 60.0);
        assertThat(expected.baselineMetrics().get("ssim_y")).isBetween(0.0, 1.0);
        assertThat(expected.metrics().get("psnr_y")).isNotEqualTo(expected.baselineMetrics().get("psnr_y"));

        String json = Files.readString(report.resolve("metrics.json"));
        assertThat(json).contains("\"task\": \"sr-x2\"", "\"psnr_y\"", "\"ssim_y\"", "\"baselineMetrics\"", "\"y_convention\": \"bt601\"");
        BufferedImage sheet = ImageIO.read(report.resolve("contact-sheet.png").toFile());
        assertThat(sheet.getWidth()).isEqualTo(ContactSheet.sizeFor(2, 4).width);
        assertThat(sheet.getHeight()).isEqualTo(ContactSheet.sizeFor(2, 4).height);
    }

    @Test
    void shouldSaveThePixelsItMeasuredSoAnotherToolGetsTheSameNumbers() throws IOException {
        Path dir = tmp.resolve("saved");
        Run r = run("--model", model.toString(), "--data", data.toString(), "--save-images", dir.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("wrote 2 x 4 PNGs into " + dir);
        EvaluationResult expected = Evaluator.evaluate(model, PhotoSet.list(data), EvalOptions.defaults());

        ImageDump dump = new ImageDump(dir);
        ImageResult b = expected.images().get(1);
        BufferedImage input = ImageIO.read(dump.file(2, data.resolve("sub/b.png"), "input").toFile());
        assertThat(input.getWidth()).isEqualTo(28);
        assertThat(input.getHeight()).isEqualTo(30);
        byte[] out = pixels(dump.file(2, data.resolve("sub/b.png"), "model"));
        byte[] bicubic = pixels(dump.file(2, data.resolve("sub/b.png"), "baseline"));
        byte[] truth = pixels(dump.file(2, data.resolve("sub/b.png"), "truth"));
        assertThat(ImageMetrics.psnrY(out, truth, 56, 60, 2, YConvention.BT601)).isEqualTo(b.model().get("psnr_y"));
        assertThat(ImageMetrics.psnrY(bicubic, truth, 56, 60, 2, YConvention.BT601)).isEqualTo(b.baseline().get("psnr_y"));
    }

    private static byte[] pixels(Path png) throws IOException {
        return dev.framelift.trainer.data.RgbImage.of(ImageIO.read(png.toFile())).pixels();
    }

    @Test
    void shouldMeasureHigherPsnrYOnTheStudioRangeConvention() {
        Run bt601 = run("--model", model.toString(), "--data", data.toString(), "--limit", "1");
        Run ycbcr = run("--model", model.toString(), "--data", data.toString(), "--limit", "1", "--y-convention", "ycbcr");
        assertThat(ycbcr.exit()).as(ycbcr.err()).isZero();
        assertThat(ycbcr.out()).contains("mean of 1 images", "MATLAB rgb2ycbcr");
        double a = Double.parseDouble(bt601.out().lines().filter(l -> l.startsWith("a.png")).findFirst().orElseThrow().split("\\s+")[3]);
        double b = Double.parseDouble(ycbcr.out().lines().filter(l -> l.startsWith("a.png")).findFirst().orElseThrow().split("\\s+")[3]);
        assertThat(b - a).isBetween(1.2, 1.45); // 20 log10(255/219) = 1.32 dB for the same errors
    }

    @Test
    void shouldSayWhichPhotosItDownscaled() {
        Run r = run("--model", model.toString(), "--data", data.toString(), "--max-side", "48");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("48x36*", "44x48*", "2 of 2 photos were downscaled to 48 px");
    }

    @Test
    void shouldFailClearlyWhenTheModelDirectoryIsMissing() {
        Run r = run("--model", tmp.resolve("nope").toString(), "--data", data.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--model", "nope", "is not a directory");
    }

    @Test
    void shouldFailClearlyWhenTheModelDirectoryHasNoSavedModel() {
        Run r = run("--model", data.toString(), "--data", data.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("no saved_model.pb");
    }

    @Test
    void shouldFailClearlyWhenTheDataDirectoryIsMissingOrEmpty() throws IOException {
        Run missing = run("--model", model.toString(), "--data", tmp.resolve("none").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("--data", "is not a directory");
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Run noPhotos = run("--model", model.toString(), "--data", empty.toString());
        assertThat(noPhotos.exit()).isEqualTo(2);
        assertThat(noPhotos.err()).contains("contains no PNG or JPEG");
    }

    @Test
    void shouldRejectAModelWhoseGraphDisagreesWithItsCard() throws IOException {
        Path liar = TinyModels.bilinear(tmp.resolve("liar"), "sr-x4", 2, 4);
        Run r = run("--model", liar.toString(), "--data", data.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("the contract says uint8");
    }

    @Test
    void shouldEvaluateTheHeldOutTestSourcesAndReportEachSourcesMean() throws IOException {
        Path sources = tmp.resolve("sources");
        TinyModels.photo(sources, "pkg-a--1.png", 40, 40, 3, false);
        TinyModels.photo(sources, "pkg-a--2.png", 40, 40, 4, false);
        TinyModels.photo(sources, "pkg-b--1.png", 40, 40, 5, false);
        TinyModels.photo(sources, "pkg-c--1.png", 40, 40, 6, false);
        Path holdout = tmp.resolve("holdout.tsv");
        Files.writeString(holdout, "pkg-a test\npkg-b test\npkg-c calibration\n");

        Run r = run("--model", model.toString(), "--data", sources.toString(), "--holdout", holdout.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("mean of 3 images", "mean of 2 sources").doesNotContain("pkg-c");
        EvaluationResult a = Evaluator.evaluate(model, java.util.List.of(sources.resolve("pkg-a--1.png"),
                sources.resolve("pkg-a--2.png")), EvalOptions.defaults(), sources, (done, total, name) -> { });
        String line = r.out().lines().filter(l -> l.startsWith("pkg-a ")).findFirst().orElseThrow();
        assertThat(line).contains(" 2 ", String.format(Locale.ROOT, "%.2f", a.metrics().get("psnr_y")),
                String.format(Locale.ROOT, "%.3f", a.metrics().get("sharpness")));
        Run bad = run("--model", model.toString(), "--data", sources.toString(), "--holdout", holdout.toString(),
                "--role", "validation");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("validation");
    }

    @Test
    void shouldPutASecondModelBesideTheFirstOnTheSamePhotos() throws IOException {
        Path second = TinyModels.bilinear(tmp.resolve("second"), "sr-x2", 2, 2);
        Path report = tmp.resolve("beside-report");
        Run r = run("--model", model.toString(), "--data", data.toString(), "--beside", second.toString(), "--report",
                report.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("from " + model, "from " + second, "wrote " + report.resolve("beside-metrics.json"));
        BufferedImage sheet = ImageIO.read(report.resolve(ContactSheet.FILE_NAME).toFile());
        assertThat(sheet.getWidth()).isEqualTo(ContactSheet.sizeFor(2, 5).width);
        Run wrong = run("--model", model.toString(), "--data", data.toString(), "--beside", data.toString());
        assertThat(wrong.exit()).isEqualTo(2);
    }

    @Test
    void shouldPrintAColorizersFrontierWhoseScaleOneIsTheModelAsExported() throws IOException {
        Path tint = TinyModels.tint(tmp.resolve("tint"));
        Run r = run("--model", tint.toString(), "--data", data.toString(), "--chroma-scale", "0.5,1");

        assertThat(r.exit()).as(r.err()).isZero();
        EvaluationResult expected = Evaluator.evaluate(tint, PhotoSet.list(data), EvalOptions.defaults());
        double delta = expected.metrics().get("psnr_rgb") - expected.baselineMetrics().get("psnr_rgb");
        String whole = r.out().lines().filter(l -> l.startsWith("1.00 ")).findFirst().orElseThrow();
        assertThat(whole.trim().split("\\s+")).as(whole).containsSubsequence(
                String.format(Locale.ROOT, "%+.2f", delta),
                String.format(Locale.ROOT, "%.0f%%", 100 * expected.metrics().get("colourfulness_ratio")));
        String half = r.out().lines().filter(l -> l.startsWith("0.50 ")).findFirst().orElseThrow();
        double halfColour = Double.parseDouble(half.trim().split("\\s+")[2].replace("%", ""));
        assertThat(halfColour).as("half the chroma, about half the colour")
                .isBetween(0.4 * 100 * expected.metrics().get("colourfulness_ratio"),
                        0.6 * 100 * expected.metrics().get("colourfulness_ratio"));

        Run sr = run("--model", model.toString(), "--data", data.toString(), "--chroma-scale", "0.5");
        assertThat(sr.exit()).isEqualTo(2);
        assertThat(sr.err()).contains("--chroma-scale is for colorize models");
        Run zero = run("--model", tint.toString(), "--data", data.toString(), "--chroma-scale", "0");
        assertThat(zero.exit()).isEqualTo(2);
        assertThat(zero.err()).contains("must lie in (0, 4]");
    }

    @Test
    void shouldEvaluateOnlyThePhotosOfAValidationList() throws IOException {
        Path list = tmp.resolve("val.txt");
        Files.writeString(list, "sub/b.png\n");
        Run r = run("--model", model.toString(), "--data", data.toString(), "--only", list.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("sub/b.png", "mean of 1 images").doesNotContain("a.png");

        Files.writeString(list, "sub/b.png\nmissing.jpg\n");
        Run bad = run("--model", model.toString(), "--data", data.toString(), "--only", list.toString());
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("missing.jpg");
    }
}
