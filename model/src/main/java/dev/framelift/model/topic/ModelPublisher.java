package dev.framelift.model.topic;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

import dev.framelift.model.ModelContract;
import dev.framelift.model.Scope;
import dev.framelift.model.artifact.DeterministicZip;
import dev.framelift.model.artifact.Sha256;
import dev.framelift.model.signing.SigningKeys;
import dev.framelift.model.signing.UpdateSignature;
import dev.framelift.schema.ModelAction;
import dev.framelift.schema.ModelCard;
import dev.framelift.schema.ModelCardJson;
import dev.framelift.schema.ModelUpdate;
import dev.framelift.schema.Tasks;
import dev.framelift.schema.serde.FrameLiftSerdes;

/**
 * Writes the {@code models} topic: publishes a model folder (zipped deterministically, hashed,
 * signed, checked like an enhancer would check it, gated against the serving model), republishes
 * a record that is already there (activate, roll back) and removes a scope's model.
 *
 * <p>Owns a producer (created on first use) and closes it in {@link #close()}. Not thread-safe.
 */
public final class ModelPublisher implements AutoCloseable {
    /** Models up to this size travel inside the record by default. */
    public static final long DEFAULT_INLINE_MAX_BYTES = 8L << 20;
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    private final Map<String, Object> clientSettings;
    private final int maxRecordBytes;
    private final SignaturePolicy signatures;
    private KafkaProducer<String, byte[]> producer;
    private boolean topicChecked;

    /**
     * @param clientSettings {@code bootstrap.servers} and any other client settings
     * @param maxRecordBytes the {@code models} topic's record limit
     * @param signatures     how the gate reads the topic (as the enhancers do, ideally)
     */
    public ModelPublisher(Map<String, Object> clientSettings, int maxRecordBytes, SignaturePolicy signatures) {
        this.clientSettings = Map.copyOf(clientSettings);
        this.maxRecordBytes = maxRecordBytes;
        this.signatures = signatures;
    }

    /**
     * One publication.
     *
     * @param modelDir       an exported model (SavedModel + card.json)
     * @param scope          where it serves
     * @param shadow         publish as the scope's shadow candidate instead of its active model
     * @param shadowFraction with {@code shadow}: the fraction of the scope's frames it also runs on
     * @param signKey        the Ed25519 private key; null publishes unsigned (refused by enhancers
     *                       unless they allow unsigned models)
     * @param force          publish even if the gate finds it not better
     * @param evidence       the serving model measured on this model's validation data, or null
     * @param inlineMaxBytes larger zips go to {@code artifactStore} and travel by URI
     * @param artifactStore  a folder every enhancer can read (shared storage), or null
     * @param publisher      who publishes, for the record
     * @param note           what the caller found out before publishing (a comparison of its own), or empty
     */
    public record Request(Path modelDir, Scope scope, boolean shadow, double shadowFraction, PrivateKey signKey,
            boolean force, PublishGate.Evidence evidence, long inlineMaxBytes, Path artifactStore, String publisher,
            String note) {
        public Request {
            Objects.requireNonNull(modelDir, "modelDir");
            Objects.requireNonNull(scope, "scope");
            if (shadow && !(shadowFraction > 0 && shadowFraction <= 1)) {
                throw new IllegalArgumentException("shadow fraction must be in (0, 1], got " + shadowFraction);
            }
        }
    }

    /** What was written. */
    public record Published(String key, long offset, ModelUpdate update) {
    }

    /**
     * Publishes a model folder.
     *
     * @param selfCheck the checks an enhancer will run, run here first so a broken model is never
     *     published
     * @throws PublishRefused with the reason: a card that does not fit the scope or the files, a
     *     model that fails the checks, a gate that finds it not better, a zip too large to travel
     *     inline without an artifact store
     */
    public Published publish(Request request, UpdateVerifier selfCheck) throws PublishRefused {
        ModelCard card = readCard(request);
        final byte[] zip;
        try {
            zip = DeterministicZip.zip(request.modelDir());
        } catch (IOException e) {
            throw new PublishRefused("cannot zip " + request.modelDir() + ": " + e.getMessage(), e);
        }
        final String sha = Sha256.hex(zip);
        if (!card.getSha256().isEmpty() && !card.getSha256().equals(sha)) {
            throw new PublishRefused("the files in " + request.modelDir() + " zip to sha256 " + sha + " but card.json says "
                    + card.getSha256() + ": changed after export (or zipped by another zlib); export the model again");
        }
        card = ModelCard.newBuilder(card).setSha256(sha).build();
        final ModelUpdate.Builder update = ModelUpdate.newBuilder().setTask(Tasks.served(card)).setCard(card)
                .setScope(request.scope().toString()).setPublishedTime(Instant.now())
                .setAction(request.shadow() ? ModelAction.SHADOW : ModelAction.PUBLISH)
                .setShadowFraction(request.shadow() ? request.shadowFraction() : 0.0)
                .setArtifactSize(zip.length).setPublisher(request.publisher());
        attachArtifact(update, zip, sha, request);
        if (request.signKey() != null) {
            update.setSignature(ByteBuffer.wrap(UpdateSignature.sign(request.signKey(), request.scope(), card)))
                    .setSignerKeyId(SigningKeys.keyId(SigningKeys.publicOf(request.signKey())));
        }
        final String key = request.shadow() ? ModelRecord.shadowKey(request.scope()) : ModelRecord.activeKey(request.scope());
        final ModelUpdate built = update.build();
        try (VerifiedModel checked = selfCheck.verify(new ModelRecord(0, -1, key, built, Instant.now(), null))) {
            final String gate = gate(request, card);
            built.setNote((request.note() == null || request.note().isEmpty() ? "" : request.note() + "; ") + gate
                    + String.format(java.util.Locale.ROOT, "; canary self-consistency %.1f dB", checked.canary().consistencyDb()));
        } catch (RefusedUpdate e) {
            throw new PublishRefused("enhancers would refuse this model (" + e.reason() + "): " + e.getMessage(), e);
        }
        return send(key, built);
    }

    private static ModelCard readCard(Request request) throws PublishRefused {
        final ModelCard card;
        try {
            card = ModelCardJson.read(request.modelDir());
        } catch (IOException e) {
            throw new PublishRefused(e.getMessage(), e);
        }
        final String problem = ModelContract.cardProblem(card);
        if (problem != null) {
            throw new PublishRefused("card of " + request.modelDir() + ": " + problem);
        }
        if (!Tasks.served(card).equals(request.scope().task())) {
            throw new PublishRefused("the model in " + request.modelDir() + " is a " + Tasks.served(card)
                    + " model; it cannot serve scope " + request.scope());
        }
        return card;
    }

    private void attachArtifact(ModelUpdate.Builder update, byte[] zip, String sha, Request request) throws PublishRefused {
        if (zip.length <= request.inlineMaxBytes()) {
            update.setArtifact(ByteBuffer.wrap(zip));
            return;
        }
        if (request.artifactStore() == null) {
            throw new PublishRefused("the model zips to " + zip.length + " bytes, over the " + request.inlineMaxBytes()
                    + "-byte inline limit: give an artifact store every enhancer can read (--artifact-store DIR)");
        }
        try {
            Files.createDirectories(request.artifactStore());
            final Path file = request.artifactStore().resolve(sha + ".zip");
            if (!Files.isRegularFile(file) || !Sha256.hex(Files.readAllBytes(file)).equals(sha)) {
                final Path tmp = Files.createTempFile(request.artifactStore(), sha, ".tmp");
                Files.write(tmp, zip);
                Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            update.setArtifactUri(file.toAbsolutePath().toUri().toString());
        } catch (IOException e) {
            throw new PublishRefused("cannot write the artifact to " + request.artifactStore() + ": " + e.getMessage(), e);
        }
    }

    private String gate(Request request, ModelCard card) throws PublishRefused {
        if (request.shadow()) {
            return "shadow candidate on " + request.shadowFraction() + " of the frames";
        }
        final ModelTimeline timeline = snapshot();
        final PublishGate.Decision decision = PublishGate.decide(card, timeline.serving(request.scope()), request.evidence(),
                request.force());
        if (!decision.allowed()) {
            throw new PublishRefused("not published: " + decision.note() + "; --force publishes anyway");
        }
        return decision.note();
    }

    /**
     * The topic as it stands, read under this publisher's signature policy (the topic is created,
     * compacted with one partition, if it does not exist yet).
     */
    public ModelTimeline snapshot() {
        ensureTopic();
        return ModelLog.snapshot(clientSettings, maxRecordBytes, signatures, READ_TIMEOUT);
    }

    private void ensureTopic() {
        if (!topicChecked) {
            TopicClients.ensureModelsTopic(clientSettings, maxRecordBytes);
            topicChecked = true;
        }
    }

    /**
     * Writes an accepted record again under its scope's key with another action: ACTIVATE (a
     * shadow candidate or a chosen version) or ROLLBACK. The signature stays valid: scope and card
     * are unchanged.
     */
    public Published republish(ModelRecord record, ModelAction action, String note, String publisher) {
        final ModelUpdate copy = ModelUpdate.newBuilder(record.update()).setAction(action).setPublishedTime(Instant.now())
                .setShadowFraction(0.0).setNote(note).setPublisher(publisher).build();
        return send(ModelRecord.activeKey(record.scope()), copy);
    }

    /** Writes a tombstone for {@code key}: the scope's model (or shadow candidate) is removed. */
    public long remove(String key) {
        return sendBytes(key, null);
    }

    private Published send(String key, ModelUpdate update) {
        return new Published(key, sendBytes(key, FrameLiftSerdes.modelUpdateCodec().encode(update)), update);
    }

    private long sendBytes(String key, byte[] value) {
        ensureTopic();
        if (producer == null) {
            producer = TopicClients.producer(clientSettings, maxRecordBytes);
        }
        try {
            final RecordMetadata meta = producer.send(new ProducerRecord<>(dev.framelift.schema.Topics.MODELS, key, value)).get();
            return meta.offset();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot write to the models topic: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing to the models topic", e);
        }
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close();
        }
    }
}
