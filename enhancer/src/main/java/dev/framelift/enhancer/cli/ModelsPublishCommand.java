package dev.framelift.enhancer.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import dev.framelift.enhancer.config.EnhancerConfig;
import dev.framelift.model.Scope;
import dev.framelift.model.artifact.ArtifactFetcher;
import dev.framelift.model.signing.SigningKeys;
import dev.framelift.model.topic.ModelPublisher;
import dev.framelift.model.topic.PublishRefused;
import dev.framelift.model.topic.UpdateVerifier;
import dev.framelift.schema.ModelCardJson;

/** {@code models publish}: a model folder onto the {@code models} topic, signed and gated. */
@Command(name = "publish", mixinStandardHelpOptions = true,
        description = {"Publish an exported model (SavedModel + card.json) for a scope. It is zipped deterministically,",
                "its sha256 checked against the card, signed (--sign-key), run through the checks every enhancer runs",
                "(contract, canary), and gated: refused if the model serving the scope has better metrics on the same",
                "validation data, or if they cannot be compared (--force publishes anyway). Enhancers swap it in within",
                "seconds. With --shadow it runs beside the active model on a sample of frames into frames.shadow",
                "instead; models list compares them and models activate promotes it."})
final class ModelsPublishCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL_DIR", description = "The exported model folder.")
    Path modelDir;

    @Option(names = "--scope", paramLabel = "SCOPE", description = "TASK or TASK@STREAM (default: the card's task).")
    String scope;

    @Option(names = "--sign-key", paramLabel = "FILE", description = "Ed25519 private key (PEM) to sign with.")
    Path signKey;

    @Option(names = "--unsigned", description = "Publish without a signature (only enhancers with models.allow.unsigned=true"
            + " accept it).")
    boolean unsigned;

    @Option(names = "--force", description = "Publish even if the gate finds it not better, or cannot compare.")
    boolean force;

    @Option(names = "--shadow", description = "Publish as the scope's shadow candidate instead of its active model.")
    boolean shadow;

    @Option(names = "--fraction", defaultValue = "0.1", paramLabel = "F",
            description = "With --shadow: the fraction of the scope's frames it also runs on (default: ${DEFAULT-VALUE}).")
    double fraction;

    @Option(names = "--artifact-store", paramLabel = "DIR", description = "A folder every enhancer can read (shared"
            + " storage): zips over models.inline.max.bytes are written there and travel by URI.")
    Path artifactStore;

    @Mixin
    ModelsCommand.Connection connection;

    @Override
    public Integer call() {
        if (signKey == null && !unsigned) {
            return ModelsCommand.fail("publish", "give --sign-key FILE (enhancers accept only models signed by a key in"
                    + " models.trusted.keys; models keygen makes one), or --unsigned for a development cluster",
                    ModelsCommand.BAD_ARGUMENTS);
        }
        if (shadow && !(fraction > 0 && fraction <= 1)) {
            return ModelsCommand.fail("publish", "--fraction must be in (0, 1]", ModelsCommand.BAD_ARGUMENTS);
        }
        try {
            final EnhancerConfig config = connection.config();
            final Scope target = scope != null ? Scope.parse(scope) : Scope.of(ModelCardJson.read(modelDir).getTask());
            final PrivateKey key = signKey == null ? null : SigningKeys.readPrivate(signKey);
            final Path work = Files.createTempDirectory("framelift-publish");
            final UpdateVerifier selfCheck = new UpdateVerifier(work, config.unzipLimits(),
                    config.getLong(EnhancerConfig.MODELS_ARTIFACT_MAX_BYTES), new ArtifactFetcher(), null);
            try (ModelPublisher publisher = new ModelPublisher(config.clientSettings(), config.messageMaxBytes(),
                    ModelsCommand.Connection.view(config))) {
                final ModelPublisher.Published published = publisher.publish(new ModelPublisher.Request(modelDir, target, shadow,
                        fraction, key, force, null, config.getLong(EnhancerConfig.MODELS_INLINE_MAX_BYTES), artifactStore,
                        ModelsCommand.publisher("publish"), ""), selfCheck);
                System.out.println("published " + published.update().getCard().getVersion() + " (sha256 "
                        + published.update().getCard().getSha256().substring(0, 12) + ", "
                        + (key == null ? "unsigned" : "signed by " + published.update().getSignerKeyId()) + ") as "
                        + published.key() + " at offset " + published.offset() + ": " + published.update().getNote());
                return 0;
            } finally {
                Files.deleteIfExists(work);
            }
        } catch (PublishRefused e) {
            return ModelsCommand.fail("publish", e.getMessage(), ModelsCommand.REFUSED);
        } catch (IllegalArgumentException e) {
            return ModelsCommand.fail("publish", e.getMessage(), ModelsCommand.BAD_ARGUMENTS);
        } catch (Exception e) {
            return ModelsCommand.fail("publish", e.getMessage(), ModelsCommand.FAILED);
        }
    }
}
