package dev.framelift.enhancer.models;

import java.time.Duration;
import java.util.function.Function;

import dev.framelift.enhancer.config.EnhancerConfig;
import dev.framelift.enhancer.gateway.ModelAdmin;
import dev.framelift.enhancer.inference.Generator;
import dev.framelift.enhancer.inference.ModelRegistry;
import dev.framelift.model.Scope;
import dev.framelift.model.topic.ModelPublisher;
import dev.framelift.model.topic.PublishRefused;
import dev.framelift.schema.ModelCard;

/**
 * The gateway's model administration, done the way {@code framelift models} does it: a record on
 * the {@code models} topic (with the model module's {@link dev.framelift.model.topic.ModelAdmin}),
 * so every instance follows it, not a change to this instance alone. Each call then waits, up to
 * {@value #WAIT_SECONDS} s, for this instance to serve the model, so that the answer is what
 * serves here. Thread-safe: each call opens and closes its own clients.
 */
public final class TopicModelAdmin implements ModelAdmin {
    static final int WAIT_SECONDS = 30;

    private final EnhancerConfig config;
    private final ModelRegistry registry;

    public TopicModelAdmin(EnhancerConfig config, ModelRegistry registry) {
        this.config = config;
        this.registry = registry;
    }

    @Override
    public ModelCard activate(String scope, String version) {
        return write(scope, (admin, s) -> admin.activate(s, version, "gateway"));
    }

    @Override
    public ModelCard rollback(String scope) {
        return write(scope, (admin, s) -> admin.rollback(s, "from the gateway", "gateway"));
    }

    /** One change on the topic. */
    @FunctionalInterface
    private interface Change {
        ModelPublisher.Published apply(dev.framelift.model.topic.ModelAdmin admin, Scope scope) throws PublishRefused;
    }

    private ModelCard write(String scopeText, Change change) {
        final Scope scope = Scope.parse(scopeText);
        final ModelPublisher.Published published;
        try (dev.framelift.model.topic.ModelAdmin admin = new dev.framelift.model.topic.ModelAdmin(
                config.clientSettings(), config.messageMaxBytes(), config.signaturePolicy())) {
            published = change.apply(admin, scope);
        } catch (PublishRefused e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        final ModelCard card = published.update().getCard();
        awaitServing(scope, card, registry::get);
        return card;
    }

    /** Waits until {@code scope} is served here by {@code card}'s model. */
    static void awaitServing(Scope scope, ModelCard card, Function<String, java.util.Optional<Generator>> serving) {
        final long deadline = System.nanoTime() + Duration.ofSeconds(WAIT_SECONDS).toNanos();
        while (!serving.apply(scope.toString()).map(g -> g.card().getSha256().equals(card.getSha256())
                && g.version().equals(card.getVersion())).orElse(false)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(card.getVersion() + " was written to the models topic for " + scope
                        + " but does not serve here after " + WAIT_SECONDS + " s: see this enhancer's log for a refusal");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + card.getVersion(), e);
            }
        }
    }
}
