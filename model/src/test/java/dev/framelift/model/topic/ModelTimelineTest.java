package dev.framelift.model.topic;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.framelift.model.ModelContract;
import dev.framelift.model.Scope;
import dev.framelift.model.signing.SigningKeys;
import dev.framelift.model.signing.TrustedKeys;
import dev.framelift.model.signing.UpdateSignature;
import dev.framelift.schema.ModelAction;
import dev.framelift.schema.ModelCard;
import dev.framelift.schema.ModelUpdate;

class ModelTimelineTest {
    static final KeyPair KEYS = SigningKeys.generate();
    static final SignaturePolicy TRUSTING = SignaturePolicy.trusting(TrustedKeys.of(KEYS.getPublic()), false);
    private final List<ModelRecord> log = new ArrayList<>();

    private ModelRecord add(String key, String version, long created, ModelAction action) {
        Scope scope = Scope.parse(key.startsWith("shadow/") ? key.substring(7) : key);
        ModelContract.TaskShape shape = ModelContract.shapeOf(scope.task());
        ModelCard card = ModelCard.newBuilder().setTask(scope.task()).setVersion(version).setScale(shape.scale())
                .setInputChannels(shape.inputChannels())
                .setArchitecture("t").setCreatedTime(Instant.ofEpochSecond(created)).setSha256("sha-" + version).build();
        ModelUpdate update = ModelUpdate.newBuilder().setTask(scope.task()).setCard(card).setScope(scope.toString())
                .setAction(action).setPublishedTime(Instant.now()).setArtifact(ByteBuffer.wrap(new byte[] {1}))
                .setSignature(ByteBuffer.wrap(UpdateSignature.sign(KEYS.getPrivate(), scope, card)))
                .setSignerKeyId(SigningKeys.keyId(KEYS.getPublic())).build();
        ModelRecord record = new ModelRecord(0, log.size(), key, update, Instant.now(), null);
        log.add(record);
        return record;
    }

    private ModelRecord tombstone(String key) {
        ModelRecord record = new ModelRecord(0, log.size(), key, null, Instant.now(), null);
        log.add(record);
        return record;
    }

    private static String active(ModelTimeline t, String scope) {
        return t.serving(Scope.parse(scope)).map(r -> r.update().getCard().getVersion()).orElse(null);
    }

    @Test
    void shouldMoveVersionsOnlyForwardUnlessTheRecordIsAnExplicitRollBack() {
        add("colorize", "v1", 100, ModelAction.PUBLISH);
        add("colorize", "v3", 300, ModelAction.PUBLISH);
        add("colorize", "v2", 200, ModelAction.PUBLISH); // an old record replayed: refused
        ModelTimeline t = ModelTimeline.replay(log, TRUSTING, ModelTimeline.Verifier.NONE);
        assertThat(active(t, "colorize")).isEqualTo("v3");
        assertThat(t.refusals()).singleElement().satisfies(r -> assertThat(r.why().reason()).isEqualTo(RefusalReason.NOT_NEWER));

        add("colorize", "v1", 100, ModelAction.ROLLBACK);
        t = ModelTimeline.replay(log, TRUSTING, ModelTimeline.Verifier.NONE);
        assertThat(active(t, "colorize")).isEqualTo("v1");
        assertThat(t.scope(Scope.of("colorize")).orElseThrow().previous().orElseThrow().update().getCard().getVersion())
                .isEqualTo("v3");
    }

    @Test
    void shouldServeAStreamByItsOwnModelAndFallBackToTheTasksWhenItIsRemoved() {
        add("colorize", "general", 100, ModelAction.PUBLISH);
        add("colorize@cam-7", "cam7", 200, ModelAction.PUBLISH);
        ModelTimeline t = ModelTimeline.replay(log, TRUSTING, ModelTimeline.Verifier.NONE);
        assertThat(active(t, "colorize@cam-7")).isEqualTo("cam7");
        assertThat(active(t, "colorize@cam-8")).isEqualTo("general");

        tombstone("colorize@cam-7");
        t = ModelTimeline.replay(log, TRUSTING, ModelTimeline.Verifier.NONE);
        assertThat(active(t, "colorize@cam-7")).isEqualTo("general");
    }

    @Test
    void shouldKeepAShadowCandidateApartAndClearItWhenItIsPromoted() {
        add("sr-x2", "v1", 100, ModelAction.PUBLISH);
        add("shadow/sr-x2", "v2", 200, ModelAction.SHADOW);
        add("sr-x2", "v9", 900, ModelAction.SHADOW); // SHADOW under the scope key: refused
        ModelTimeline t = ModelTimeline.replay(log, TRUSTING, ModelTimeline.Verifier.NONE);
        assertThat(active(t, "sr-x2")).isEqualTo("v1");
        assertThat(t.scope(Scope.of("sr-x2")).orElseThrow().shadow().orElseThrow().update().getCard().getVersion()).isEqualTo("v2");
        assertThat(t.refusals()).singleElement().satisfies(r -> assertThat(r.why().reason()).isEqualTo(RefusalReason.WRONG_ACTION));

        add("sr-x2", "v2", 200, ModelAction.ACTIVATE);
        t = ModelTimeline.replay(log, TRUSTING, ModelTimeline.Verifier.NONE);
        assertThat(active(t, "sr-x2")).isEqualTo("v2");
        assertThat(t.scope(Scope.of("sr-x2")).orElseThrow().shadow()).isEmpty();
    }

    @Test
    void shouldRefuseUnsignedForeignScopedAndUndecodableRecordsWithTheirReasons() {
        add("colorize", "v1", 100, ModelAction.PUBLISH);
        ModelRecord good = add("colorize", "v2", 200, ModelAction.PUBLISH);
        log.remove(good);
        ModelUpdate unsigned = ModelUpdate.newBuilder(good.update()).setSignature(null).setSignerKeyId(null).build();
        log.add(new ModelRecord(0, 10, "colorize", unsigned, Instant.now(), null));
        log.add(new ModelRecord(0, 11, "sr-x2", good.update(), Instant.now(), null)); // a colorize record under sr-x2
        log.add(new ModelRecord(0, 12, "colorize", null, Instant.now(), "not a ModelUpdate"));
        log.add(new ModelRecord(0, 13, "@", null, Instant.now(), null));

        ModelTimeline t = ModelTimeline.replay(log, TRUSTING, ModelTimeline.Verifier.NONE);

        assertThat(active(t, "colorize")).isEqualTo("v1");
        assertThat(t.refusals()).extracting(r -> r.why().reason()).containsExactly(RefusalReason.UNSIGNED,
                RefusalReason.SCOPE_MISMATCH, RefusalReason.UNDECODABLE, RefusalReason.BAD_KEY);
        assertThat(ModelTimeline.replay(log, SignaturePolicy.trusting(TrustedKeys.none(), true), ModelTimeline.Verifier.NONE)
                .refusals()).extracting(r -> r.why().reason()).doesNotContain(RefusalReason.UNSIGNED);
    }

    @Test
    void shouldReachOnReplayWhatLiveApplicationReachedWhileVerifyingOnlyWhatDecidesIt() {
        add("colorize", "v1", 100, ModelAction.PUBLISH);
        add("colorize", "v2-broken", 200, ModelAction.PUBLISH);
        add("colorize", "v3", 300, ModelAction.PUBLISH);
        add("colorize", "v4-broken", 400, ModelAction.PUBLISH);
        add("sr-x2", "s1", 100, ModelAction.PUBLISH);
        add("sr-x2", "s2-broken", 500, ModelAction.PUBLISH);
        add("sr-x2", "s3", 400, ModelAction.PUBLISH); // older than the broken s2, newer than s1
        ModelTimeline.Verifier broken = r -> {
            if (r.update().getCard().getVersion().endsWith("broken")) {
                throw new RefusedUpdate(RefusalReason.CANARY_FAILED, "broken");
            }
        };
        ModelTimeline live = new ModelTimeline(TRUSTING);
        log.forEach(r -> live.apply(r, broken));
        Set<String> verified = new HashSet<>();
        ModelTimeline replayed = ModelTimeline.replay(log, TRUSTING, r -> {
            verified.add(r.update().getCard().getVersion());
            broken.verify(r);
        });

        assertThat(active(replayed, "colorize")).isEqualTo(active(live, "colorize")).isEqualTo("v3");
        assertThat(active(replayed, "sr-x2")).isEqualTo(active(live, "sr-x2")).isEqualTo("s3");
        assertThat(verified).as("v1, v2-broken and s1 never decide anything").containsExactlyInAnyOrder("v4-broken", "v3",
                "s2-broken", "s3");
        assertThat(replayed.refusals()).as("v2-broken was never looked at, so it is not known to be broken")
                .extracting(r -> r.record().update().getCard().getVersion()).containsExactlyInAnyOrder("v4-broken", "s2-broken");
    }

    @Test
    void shouldAllowAPublishOnlyIfItBeatsTheServingModelOnTheSameData() {
        ModelRecord general = add("colorize", "general", 100, ModelAction.PUBLISH);
        ModelCard candidate = ModelCard.newBuilder(general.update().getCard()).setVersion("cam7")
                .setMetrics(Map.of("psnr_rgb", 30.0)).setValidationData("cam-7 newest 40").build();
        PublishGate.Evidence worse = new PublishGate.Evidence("sha-general", Map.of("psnr_rgb", 24.0));
        PublishGate.Evidence better = new PublishGate.Evidence("sha-general", Map.of("psnr_rgb", 33.0));

        assertThat(PublishGate.decide(candidate, java.util.Optional.of(general), worse, false).allowed()).isTrue();
        PublishGate.Decision refused = PublishGate.decide(candidate, java.util.Optional.of(general), better, false);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.note()).contains("does not beat").contains("30.000 vs 33.000");
        assertThat(PublishGate.decide(candidate, java.util.Optional.of(general), better, true).note()).startsWith("forced");
        assertThat(PublishGate.decide(candidate, java.util.Optional.of(general), null, false).note()).contains("cannot compare");
        assertThat(PublishGate.decide(candidate, java.util.Optional.empty(), null, false).allowed()).isTrue();
    }
}
