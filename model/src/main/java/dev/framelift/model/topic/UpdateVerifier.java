package dev.framelift.model.topic;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import org.tensorflow.proto.ConfigProto;

import dev.framelift.model.FileTrees;
import dev.framelift.model.artifact.ArtifactException;
import dev.framelift.model.artifact.ArtifactFetcher;
import dev.framelift.model.artifact.BoundedUnzip;
import dev.framelift.model.artifact.Sha256;
import dev.framelift.model.artifact.UnzipLimits;
import dev.framelift.model.runtime.Canary;
import dev.framelift.model.runtime.ContractModel;
import dev.framelift.model.runtime.ContractViolation;
import dev.framelift.schema.ModelCard;
import dev.framelift.schema.ModelCardJson;
import dev.framelift.schema.ModelUpdate;

/**
 * The expensive checks of a {@code models} record, in order: an artifact inline or behind its
 * URI, at most {@code maxArtifactBytes}; its sha256 equal to the (signed) card's; unpacked within
 * the {@link UnzipLimits} into a fresh folder under {@code workDir}; loaded as a
 * {@link ContractModel} (signature names, dtypes, shapes, scale); the {@link Canary}. Signature
 * and topic rules are {@link ModelTimeline}'s; this class only judges the model itself.
 *
 * <p>Thread-safe. Each accepted model is handed over as a {@link VerifiedModel} that the caller
 * closes; a refused one leaves nothing behind.
 */
public final class UpdateVerifier {
    private static final AtomicLong FOLDERS = new AtomicLong();

    private final Path workDir;
    private final UnzipLimits limits;
    private final long maxArtifactBytes;
    private final ArtifactFetcher fetcher;
    private final ConfigProto config;

    /**
     * @param workDir where accepted models are unpacked, one folder each
     * @param config  the TensorFlow session configuration, or null for TensorFlow's default
     */
    public UpdateVerifier(Path workDir, UnzipLimits limits, long maxArtifactBytes, ArtifactFetcher fetcher,
            ConfigProto config) {
        this.workDir = workDir;
        this.limits = limits;
        this.maxArtifactBytes = maxArtifactBytes;
        this.fetcher = fetcher;
        this.config = config;
    }

    /** @throws RefusedUpdate with the reason the model cannot serve */
    public VerifiedModel verify(ModelRecord record) throws RefusedUpdate {
        final ModelUpdate update = record.update();
        final ModelCard card = update.getCard();
        final byte[] zip = artifact(update);
        final String sha = Sha256.hex(zip);
        if (!sha.equals(card.getSha256())) {
            throw new RefusedUpdate(RefusalReason.SHA256_MISMATCH, "the artifact's sha256 is " + sha
                    + ", the card says " + (card.getSha256().isEmpty() ? "nothing" : card.getSha256()));
        }
        final Path dir = workDir.resolve(String.format("%s-%s-%d", safe(card.getVersion()), sha.substring(0, 12),
                FOLDERS.incrementAndGet()));
        try {
            BoundedUnzip.unzip(zip, dir, limits);
            ModelCardJson.write(card, dir);
            final ContractModel model = ContractModel.load(dir, card, config);
            try {
                return new VerifiedModel(record, model, Canary.check(model));
            } catch (ContractViolation e) {
                model.close();
                throw e;
            }
        } catch (ArtifactException e) {
            throw discard(dir, new RefusedUpdate(reason(e.kind()), e.getMessage(), e));
        } catch (ContractViolation e) {
            throw discard(dir, new RefusedUpdate(reason(e.kind()), e.getMessage(), e));
        } catch (IOException | RuntimeException e) {
            throw discard(dir, new RefusedUpdate(RefusalReason.UNLOADABLE, "cannot unpack or load: " + e, e));
        }
    }

    /** {@code refusal}, once the folder the refused update was unpacked into is gone (or failed to go: then suppressed in it). */
    private static RefusedUpdate discard(Path dir, RefusedUpdate refusal) {
        try {
            FileTrees.deleteRecursively(dir);
        } catch (IOException e) {
            refusal.addSuppressed(e);
        }
        return refusal;
    }

    private byte[] artifact(ModelUpdate update) throws RefusedUpdate {
        final ByteBuffer inline = update.getArtifact();
        if (inline != null && inline.hasRemaining()) {
            if (inline.remaining() > maxArtifactBytes) {
                throw new RefusedUpdate(RefusalReason.ARTIFACT_TOO_LARGE, "artifact of " + inline.remaining()
                        + " bytes is over the " + maxArtifactBytes + "-byte limit");
            }
            final byte[] bytes = new byte[inline.remaining()];
            inline.duplicate().get(bytes);
            return bytes;
        }
        if (update.getArtifactUri() == null || update.getArtifactUri().isBlank()) {
            throw new RefusedUpdate(RefusalReason.NO_ARTIFACT, "the record carries neither an artifact nor a URI");
        }
        try {
            return fetcher.fetch(URI.create(update.getArtifactUri()), maxArtifactBytes);
        } catch (ArtifactException e) {
            throw new RefusedUpdate(reason(e.kind()), e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new RefusedUpdate(RefusalReason.UNREACHABLE_ARTIFACT, "bad artifact URI '" + update.getArtifactUri()
                    + "': " + e.getMessage(), e);
        }
    }

    private static RefusalReason reason(ArtifactException.Kind kind) {
        return switch (kind) {
            case CORRUPT -> RefusalReason.CORRUPT_ARTIFACT;
            case TOO_LARGE -> RefusalReason.ARTIFACT_TOO_LARGE;
            case UNSAFE_ENTRY -> RefusalReason.UNSAFE_ARTIFACT;
            case SHA256_MISMATCH -> RefusalReason.SHA256_MISMATCH;
            case UNREACHABLE -> RefusalReason.UNREACHABLE_ARTIFACT;
        };
    }

    private static RefusalReason reason(ContractViolation.Kind kind) {
        return switch (kind) {
            case CARD -> RefusalReason.BAD_CARD;
            case UNLOADABLE -> RefusalReason.UNLOADABLE;
            case SIGNATURE -> RefusalReason.WRONG_TENSOR_SIGNATURE;
            case OUTPUT -> RefusalReason.CANARY_FAILED;
        };
    }

    private static String safe(String version) {
        return version.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /** Creates {@code workDir} if needed. */
    public UpdateVerifier prepared() throws IOException {
        Files.createDirectories(workDir);
        return this;
    }
}
