package dev.framelift.trainer.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.framelift.trainer.eval.EvaluationResult;
import dev.framelift.trainer.eval.ImageResult;
import dev.framelift.trainer.eval.SourceMeans;

/**
 * Writes an evaluation as {@code metrics.json}:
 * <pre>
 * { "timestamp", "model": {dir, task, version, scale, input_channels},
 *   "options": {max_side, limit, y_convention, y_formula, border},
 *   "baseline": name, "images": [{name, width, height, original_width, original_height,
 *   downscaled, model_seconds, model: {...}, baseline: {...}, delta: {...}, truth_colourfulness?}],
 *   "skipped": [{name, reason}],
 *   "mean": {images, model, baseline, delta, truth_colourfulness?},
 *   "sources": [{source, images, model, baseline, delta, truth_colourfulness?}] (the last entry
 *   is the mean over sources),
 *   "card": {metrics, baselineMetrics} }
 * </pre>
 * {@code delta} is model minus baseline. Non-finite numbers (the infinite PSNR of identical
 * images) are written as {@code null}. Stateless.
 */
public final class MetricsJson {
    public static final String FILE_NAME = "metrics.json";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private MetricsJson() {
    }

    public static void write(EvaluationResult r, Path file) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.writeString(file, toJson(r) + "\n");
    }

    public static String toJson(EvaluationResult r) {
        final List<String> keys = EvaluationResult.keys(r.spec());
        final boolean colorize = r.spec().colorize();
        final ObjectNode root = MAPPER.createObjectNode();
        root.put("timestamp", r.timestamp().toString());
        root.putObject("model")
                .put("dir", r.modelDir().toString())
                .put("task", r.spec().task().id())
                .put("version", r.spec().version())
                .put("scale", r.spec().scale())
                .put("input_channels", r.spec().inputChannels());
        root.putObject("options")
                .put("max_side", r.options().maxSide())
                .put("limit", r.options().limit())
                .put("y_convention", r.options().yConvention().cliName())
                .put("self_ensemble", r.options().selfEnsemble())
                .put("y_formula", yFormula(r))
                .put("border", r.border());
        root.put("baseline", r.baselineName());
        final ArrayNode images = root.putArray("images");
        for (ImageResult i : r.images()) {
            final ObjectNode n = images.addObject()
                    .put("name", i.name())
                    .put("width", i.width())
                    .put("height", i.height())
                    .put("original_width", i.originalWidth())
                    .put("original_height", i.originalHeight())
                    .put("downscaled", i.downscaled());
            number(n, "model_seconds", i.modelSeconds());
            comparison(n, keys, i.model(), i.baseline(), colorize, i.truthColourfulness());
        }
        final ArrayNode skipped = root.putArray("skipped");
        for (EvaluationResult.Skipped s : r.skipped()) {
            skipped.addObject().put("name", s.name()).put("reason", s.reason());
        }
        comparison(root.putObject("mean").put("images", r.images().size()), keys, r.metrics(), r.baselineMetrics(), colorize,
                r.truthColourfulness());
        final List<SourceMeans> sources = new java.util.ArrayList<>(SourceMeans.of(r));
        sources.add(SourceMeans.meanOf(List.copyOf(sources), r.spec()));
        final ArrayNode bySource = root.putArray("sources");
        for (SourceMeans s : sources) {
            comparison(bySource.addObject().put("source", s.source()).put("images", s.images()), keys, s.model(), s.baseline(),
                    colorize, s.truthColourfulness());
        }
        final ObjectNode card = root.putObject("card");
        metrics(card.putObject("metrics"), keys, r.metrics());
        metrics(card.putObject("baselineMetrics"), keys, r.baselineMetrics());
        try {
            final DefaultPrettyPrinter pretty = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                    .withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE);
            return MAPPER.writer(pretty).writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code model}, {@code baseline}, {@code delta} (model minus baseline) and, for colorize, the truth's colourfulness. */
    private static void comparison(ObjectNode n, List<String> keys, Map<String, Double> model, Map<String, Double> base,
            boolean colorize, double truthColourfulness) {
        metrics(n.putObject("model"), keys, model);
        metrics(n.putObject("baseline"), keys, base);
        final ObjectNode delta = n.putObject("delta");
        for (String k : keys) {
            number(delta, k, model.get(k) - base.get(k));
        }
        if (colorize) {
            number(n, "truth_colourfulness", truthColourfulness);
        }
    }

    private static void metrics(ObjectNode n, List<String> keys, Map<String, Double> values) {
        for (String k : keys) {
            number(n, k, values.getOrDefault(k, Double.NaN));
        }
    }

    private static void number(ObjectNode n, String key, double v) {
        if (Double.isFinite(v)) {
            n.put(key, v);
        } else {
            n.putNull(key);
        }
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
}
