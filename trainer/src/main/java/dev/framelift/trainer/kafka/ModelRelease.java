package dev.framelift.trainer.kafka;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.framelift.model.Scope;
import dev.framelift.model.artifact.ArtifactFetcher;
import dev.framelift.model.artifact.Sha256;
import dev.framelift.model.artifact.UnzipLimits;
import dev.framelift.model.topic.ModelPublisher;
import dev.framelift.model.topic.ModelRecord;
import dev.framelift.model.topic.PublishGate;
import dev.framelift.model.topic.PublishRefused;
import dev.framelift.model.topic.RefusedUpdate;
import dev.framelift.model.topic.SignaturePolicy;
import dev.framelift.model.topic.UpdateVerifier;
import dev.framelift.model.topic.VerifiedModel;
import dev.framelift.schema.ModelCard;
import dev.framelift.schema.ModelCardJson;
import dev.framelift.trainer.eval.EvalOptions;
import dev.framelift.trainer.eval.EvaluationResult;
import dev.framelift.trainer.eval.Evaluator;

/**
 * {@code train --publish}: measures the new model and the model that serves its scope now on the
 * same held-out images (whole images, with {@link Evaluator}), writes those numbers into the new
 * card, and publishes it only if it is better (or forced).
 *
 * <p>"The model that serves its scope now" is the one the {@code models} topic makes active for
 * it (the stream's own model, else its task's), fetched and verified like an enhancer would;
 * where the topic has none, enhancers serve their shipped default, which the trainer cannot see,
 * so the {@code --init} model (normally that default) stands in for it. Stateless.
 */
public final class ModelRelease {
    private static final Logger LOG = LoggerFactory.getLogger(ModelRelease.class);
    private static final int MAX_RECORD_BYTES = 16 << 20;

    private ModelRelease() {
    }

    /**
     * Where and how to publish.
     *
     * @param clientSettings {@code bootstrap.servers} and any other client settings
     * @param scope          the scope the model is published for
     * @param signKey        the Ed25519 key, or null to publish unsigned
     * @param force          publish even if not better
     * @param artifactStore  where models too large for a record go, or null
     * @param topicView      which records of the topic count (as the enhancers judge them)
     * @param initModel      the model the run started from, the stand-in for a shipped default, or null
     * @param maxSide        the evaluation's {@code --max-side}
     * @param publisher      who publishes
     * @param workDir        scratch space for unpacking the serving model
     */
    public record Settings(Map<String, Object> clientSettings, Scope scope, PrivateKey signKey, boolean force,
            Path artifactStore, SignaturePolicy topicView, Path initModel, int maxSide, String publisher, Path workDir) {
    }

    /**
     * @param holdout     the held-out images, never trained on
     * @param root        the folder they are listed relative to
     * @param description what they are, for the card's {@code validationData}
     * @throws PublishRefused when the model is not better than the serving one (and not forced), or
     *     would not pass an enhancer's checks
     */
    public static ModelPublisher.Published publish(Path modelDir, List<Path> holdout, Path root, String description,
            Settings s) throws IOException, PublishRefused {
        final ModelCard card = ModelCardJson.read(modelDir);
        final EvalOptions options = EvalOptions.defaults().withMaxSide(s.maxSide()).withSheetRows(0);
        final EvaluationResult mine = Evaluator.evaluate(modelDir, holdout, options);
        final String metric = PublishGate.primaryMetric(card.getTask());
        final StringBuilder list = new StringBuilder();
        holdout.forEach(p -> list.append(root.relativize(p)).append('\n'));
        final String validationData = String.format(Locale.ROOT, "%s; %d held-out images, whole, at <= %d px, list sha256 %s",
                description, mine.images().size(), s.maxSide(),
                Sha256.hex(list.toString().getBytes(StandardCharsets.UTF_8)).substring(0, 16));
        final Map<String, Double> metrics = new LinkedHashMap<>(mine.metrics());
        card.getMetrics().forEach(metrics::putIfAbsent); // e.g. the chroma gain
        ModelCardJson.write(ModelCard.newBuilder(card).setMetrics(metrics).setBaselineMetrics(mine.baselineMetrics())
                .setValidationData(validationData).build(), modelDir);
        LOG.info("{} on the held-out images: {} (baseline {})", card.getVersion(), mine.metrics(), mine.baselineMetrics());

        final UpdateVerifier verifier = new UpdateVerifier(s.workDir(), UnzipLimits.defaults(), 1L << 30, new ArtifactFetcher(), null)
                .prepared();
        try (ModelPublisher publisher = new ModelPublisher(s.clientSettings(), MAX_RECORD_BYTES, s.topicView())) {
            final Optional<ModelRecord> serving = publisher.snapshot().serving(s.scope());
            PublishGate.Evidence evidence = null;
            String note = "";
            if (serving.isPresent()) {
                evidence = measure(serving.get(), verifier, holdout, options);
                LOG.info("the serving {} on the same images: {}", serving.get().update().getCard().getVersion(),
                        evidence.metrics());
            } else if (s.initModel() != null) {
                final EvaluationResult init = Evaluator.evaluate(s.initModel(), holdout, options);
                final ModelCard initCard = ModelCardJson.read(s.initModel());
                final double a = mine.metrics().get(metric);
                final double b = init.metrics().get(metric);
                note = String.format(Locale.ROOT, "the topic has no model for %s; %s %s %.3f vs %.3f of the --init %s"
                        + " (the shipped default enhancers serve) on %s", s.scope(), a > b ? "beats:" : "does not beat:",
                        metric, a, b, initCard.getVersion(), validationData);
                LOG.info(note);
                if (a <= b && !s.force()) {
                    throw new PublishRefused("not published: " + note + "; --force publishes anyway");
                }
            }
            final ModelPublisher.Published published = publisher.publish(new ModelPublisher.Request(modelDir, s.scope(), false, 0,
                    s.signKey(), s.force(), evidence, ModelPublisher.DEFAULT_INLINE_MAX_BYTES, s.artifactStore(),
                    s.publisher(), note), verifier);
            LOG.info("published {} for {} at offset {}: {}", card.getVersion(), s.scope(), published.offset(),
                    published.update().getNote());
            return published;
        }
    }

    private static PublishGate.Evidence measure(ModelRecord serving, UpdateVerifier verifier, List<Path> holdout,
            EvalOptions options) throws IOException, PublishRefused {
        try (VerifiedModel model = verifier.verify(serving)) {
            final EvaluationResult r = Evaluator.evaluate(model.model().directory(), holdout, options);
            return new PublishGate.Evidence(serving.update().getCard().getSha256(), r.metrics());
        } catch (RefusedUpdate e) {
            throw new PublishRefused("the model serving the scope now (" + serving.describe() + ") cannot be loaded to"
                    + " compare with: " + e, e);
        }
    }
}
