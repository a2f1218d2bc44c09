package dev.framelift.trainer.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.framelift.trainer.eval.EvalOptions;
import dev.framelift.trainer.eval.EvaluationResult;
import dev.framelift.trainer.eval.ImageResult;
import dev.framelift.trainer.eval.ModelSpec;
import dev.framelift.trainer.model.TrainingTask;

class MetricsJsonTest {
    private static EvaluationResult result() {
        ImageResult a = new ImageResult(Path.of("a \"quoted\".jpg"), "dir/a \"quoted\".jpg", 640, 480, 1280, 960,
                Map.of("psnr_y", 31.25, "ssim_y", 0.9, "sharpness", 0.95), Map.of("psnr_y", 30.0, "ssim_y", 0.875, "sharpness", 0.8), Double.NaN, 0.5, null);
        ImageResult same = new ImageResult(Path.of("b.png"), "b.png", 64, 64, 64, 64,
                Map.of("psnr_y", Double.POSITIVE_INFINITY, "ssim_y", 1.0, "sharpness", 1.0), Map.of("psnr_y", 40.0, "ssim_y", 0.99, "sharpness", 0.9), Double.NaN,
                0.01, null);
        return new EvaluationResult(Path.of("/models/x"), ModelSpec.forTask(TrainingTask.SR_X2), EvalOptions.defaults(),
                Instant.parse("2026-11-23T20:00:00Z"), 2, List.of(a, same),
                List.of(new EvaluationResult.Skipped(Path.of("c.jpg"), "c.jpg", "cannot decode: bad")),
                Map.of("psnr_y", 31.25, "ssim_y", 0.9, "sharpness", 0.95), Map.of("psnr_y", 30.0, "ssim_y", 0.875, "sharpness", 0.8), Double.NaN);
    }

    @Test
    void shouldWriteImagesMeansDeltasAndTheCardMetrics() {
        String json = MetricsJson.toJson(result());
        assertThat(json).contains("\"timestamp\": \"2026-11-23T20:00:00Z\"", "\"task\": \"sr-x2\"", "\"border\": 2",
                "\"name\": \"dir/a \\\"quoted\\\".jpg\"", "\"downscaled\": true", "\"reason\": \"cannot decode: bad\"",
                "\"psnr_y\": 31.25", "\"psnr_y\": 1.25", "\"ssim_y\": 0.025", "\"baselineMetrics\": {");
    }

    @Test
    void shouldWriteNonFiniteNumbersAsNull() {
        String json = MetricsJson.toJson(result());
        assertThat(json).contains("\"psnr_y\": null").doesNotContain("Infinity").doesNotContain("NaN");
    }

    @Test
    void shouldProduceBalancedJsonWithoutTrailingCommas() {
        String json = MetricsJson.toJson(result());
        assertThat(json.chars().filter(c -> c == '{').count()).isEqualTo(json.chars().filter(c -> c == '}').count());
        assertThat(json.chars().filter(c -> c == '[').count()).isEqualTo(json.chars().filter(c -> c == ']').count());
        assertThat(json).doesNotContainPattern(",\\s*[}\\]]").startsWith("{").endsWith("}");
    }
}
