package dev.framelift.enhancer.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;

import org.apache.kafka.clients.producer.KafkaProducer;

import dev.framelift.model.Scope;
import dev.framelift.model.artifact.DeterministicZip;
import dev.framelift.model.artifact.Sha256;
import dev.framelift.model.signing.SigningKeys;
import dev.framelift.model.signing.UpdateSignature;
import dev.framelift.schema.ModelAction;
import dev.framelift.schema.ModelCard;
import dev.framelift.schema.ModelCardJson;
import dev.framelift.schema.ModelUpdate;
import dev.framelift.schema.Topics;
import dev.framelift.schema.serde.FrameLiftSerdes;

/**
 * {@code models} records for tests, built the way {@code models publish} builds them (deterministic
 * zip, the card's sha256, an Ed25519 signature over scope and card) but without its gate and
 * self-check, so broken ones can be written too.
 */
public final class TestUpdates {
    /** The key the test enhancers trust. */
    public static final KeyPair TRUSTED = SigningKeys.generate();

    private TestUpdates() {
    }

    /** The line for {@code models.trusted.keys}. */
    public static String trustedKeys() {
        return SigningKeys.toBase64(TRUSTED.getPublic());
    }

    /** A PUBLISH of the model in {@code modelDir} for {@code scope}, signed by {@link #TRUSTED}. */
    public static ModelUpdate publish(Path modelDir, Scope scope) {
        return build(modelDir, scope, ModelAction.PUBLISH, TRUSTED);
    }

    /** A record of {@code modelDir} for {@code scope} with {@code action}, signed by {@code key} (null: unsigned). */
    public static ModelUpdate build(Path modelDir, Scope scope, ModelAction action, KeyPair key) {
        try {
            byte[] zip = DeterministicZip.zip(modelDir);
            ModelCard card = ModelCard.newBuilder(ModelCardJson.read(modelDir)).setSha256(Sha256.hex(zip)).build();
            ModelUpdate.Builder update = ModelUpdate.newBuilder().setTask(card.getTask()).setCard(card)
                    .setScope(scope.toString()).setAction(action).setPublishedTime(Instant.now())
                    .setArtifact(ByteBuffer.wrap(zip)).setArtifactSize(zip.length)
                    .setShadowFraction(action == ModelAction.SHADOW ? 1.0 : 0.0).setPublisher("test");
            if (key != null) {
                update.setSignature(ByteBuffer.wrap(UpdateSignature.sign(key.getPrivate(), scope, card)))
                        .setSignerKeyId(SigningKeys.keyId(key.getPublic()));
            }
            return update.build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code update} carrying other artifact bytes, with its card's sha256 set to theirs and signed again. */
    public static ModelUpdate withSignedArtifact(ModelUpdate update, byte[] zip) {
        Scope scope = Scope.parse(update.getScope());
        ModelCard card = ModelCard.newBuilder(update.getCard()).setSha256(Sha256.hex(zip)).build();
        return ModelUpdate.newBuilder(update).setCard(card).setArtifact(ByteBuffer.wrap(zip)).setArtifactSize(zip.length)
                .setSignature(ByteBuffer.wrap(UpdateSignature.sign(TRUSTED.getPrivate(), scope, card))).build();
    }

    /** Writes {@code update} (null: a tombstone) to the models topic under {@code key}. */
    public static void send(KafkaProducer<byte[], byte[]> producer, String key, ModelUpdate update) {
        KafkaTestClients.send(producer, Topics.MODELS, key, update == null ? null
                : FrameLiftSerdes.modelUpdateCodec().encode(update));
    }

    /** The record key of a scope's active model. */
    public static String key(Scope scope) {
        return scope.toString();
    }
}
