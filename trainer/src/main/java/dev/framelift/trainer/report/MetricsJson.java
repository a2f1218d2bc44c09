package dev.framelift.trainer.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.framelift.trainer.eval.EvaluationResult;
import dev.framelift.trainer.eval.ImageResult;

/**
 * Writes an evaluation as {@code metrics.json}:
 * <pre>
 * { "timestamp", "model": {dir, task, version, scale, input_channels},
 *   "options": {max_side, limit, y_convention, y_formula, border},
 *   "baseline": name, "images": [{name, width, height, original_width, original_height,
 *   downscaled, model_seconds, model: {...}, baseline: {...}, delta: {...}, truth_colourfulness?}],
 *   "skipped": [{name, reason}],
 *   "mean": {images, model, baseline, delta, truth_colourfulness?},
 *   "card": {metrics, baselineMetrics} }
 * </pre>
 * {@code delta} is model minus baseline. Non-finite numbers (the infinite PSNR of identical
 * images) are written as {@code null}. Stateless.
 */
public final class MetricsJson {
    public static final String FILE_NAME = "metrics.json";

    private MetricsJson() {
    }

    public static void write(EvaluationResult r, Path file) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.writeString(file, toJson(r) + "\n");
    }

    public static String toJson(EvaluationResult r) {
        List<String> keys = EvaluationResult.keys(r.spec());
        JsonWriter j = new JsonWriter().beginObject();
        j.field("timestamp", r.timestamp().toString());
        j.name("model").beginObject()
                .field("dir", r.modelDir().toString())
                .field("task", r.spec().task())
                .field("version", r.spec().version())
                .field("scale", r.spec().scale())
                .field("input_channels", r.spec().inputChannels())
                .endObject();
        j.name("options").beginObject()
                .field("max_side", r.options().maxSide())
                .field("limit", r.options().limit())
                .field("y_convention", r.options().yConvention().cliName())
                .field("y_formula", yFormula(r))
                .field("border", r.border())
                .endObject();
        j.field("baseline", r.baselineName());
        j.name("images").beginArray();
        for (ImageResult i : r.images()) {
            j.beginObject()
                    .field("name", i.name())
                    .field("width", i.width())
                    .field("height", i.height())
                    .field("original_width", i.originalWidth())
                    .field("original_height", i.originalHeight())
                    .field("downscaled", i.downscaled())
                    .field("model_seconds", i.modelSeconds());
            metrics(j, "model", keys, i.model());
            metrics(j, "baseline", keys, i.baseline());
            delta(j, keys, i.model(), i.baseline());
            if (r.spec().colorize()) {
                j.field("truth_colourfulness", i.truthColourfulness());
            }
            j.endObject();
        }
        j.endArray();
        j.name("skipped").beginArray();
        for (EvaluationResult.Skipped s : r.skipped()) {
            j.beginObject().field("name", s.name()).field("reason", s.reason()).endObject();
        }
        j.endArray();
        j.name("mean").beginObject().field("images", r.images().size());
        metrics(j, "model", keys, r.metrics());
        metrics(j, "baseline", keys, r.baselineMetrics());
        delta(j, keys, r.metrics(), r.baselineMetrics());
        if (r.spec().colorize()) {
            j.field("truth_colourfulness", r.truthColourfulness());
        }
        j.endObject();
        j.name("card").beginObject();
        metrics(j, "metrics", keys, r.metrics());
        metrics(j, "baselineMetrics", keys, r.baselineMetrics());
        j.endObject();
        return j.endObject().toString();
    }

    private static String yFormula(EvaluationResult r) {
        if (r.spec().colorize()) {
            return "n/a (RGB PSNR)";
        }
        return switch (r.options().yConvention()) {
            case BT601 -> "Y = 0.299 R + 0.587 G + 0.114 B (full range, unrounded)";
            case YCBCR -> "Y = 16 + (65.481 R + 128.553 G + 24.966 B) / 255 (MATLAB rgb2ycbcr, unrounded)";
        };
    }

    private static void metrics(JsonWriter j, String name, List<String> keys, Map<String, Double> values) {
        j.name(name).beginObject();
        for (String k : keys) {
            j.field(k, values.getOrDefault(k, Double.NaN));
        }
        j.endObject();
    }

    private static void delta(JsonWriter j, List<String> keys, Map<String, Double> model, Map<String, Double> base) {
        j.name("delta").beginObject();
        for (String k : keys) {
            j.field(k, model.get(k) - base.get(k));
        }
        j.endObject();
    }
}
