package dev.framelift.model.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.framelift.model.Scope;
import dev.framelift.schema.ModelCard;
import dev.framelift.schema.ModelUpdate;

class UpdateSignatureTest {
    static final KeyPair KEYS = SigningKeys.generate();

    static ModelCard card() {
        return ModelCard.newBuilder().setTask("colorize").setVersion("colorize-cam7-1").setScale(1).setInputChannels(1)
                .setArchitecture("unet").setCreatedTime(Instant.ofEpochMilli(1_700_000_000_000L))
                .setMetrics(Map.of("psnr_rgb", 31.25, "colourfulness", 20.0)).setSha256("ab".repeat(32)).build();
    }

    static ModelUpdate signed(KeyPair keys, Scope scope, ModelCard card) {
        return ModelUpdate.newBuilder().setTask(card.getTask()).setCard(card).setScope(scope.toString())
                .setPublishedTime(Instant.now())
                .setSignature(ByteBuffer.wrap(UpdateSignature.sign(keys.getPrivate(), scope, card)))
                .setSignerKeyId(SigningKeys.keyId(keys.getPublic())).build();
    }

    @Test
    void shouldAcceptASignatureOfATrustedKeyAndRefuseTamperingUnsignedAndStrangers() {
        Scope scope = Scope.parse("colorize@cam-7");
        TrustedKeys trusted = TrustedKeys.of(KEYS.getPublic());
        ModelUpdate update = signed(KEYS, scope, card());
        assertThat(UpdateSignature.verify(update, scope, trusted)).isEqualTo(UpdateSignature.Verdict.VALID);

        ModelUpdate tampered = ModelUpdate.newBuilder(update).setCard(ModelCard.newBuilder(card())
                .setSha256("cd".repeat(32)).build()).build();
        assertThat(UpdateSignature.verify(tampered, scope, trusted)).isEqualTo(UpdateSignature.Verdict.BAD_SIGNATURE);
        ModelUpdate betterMetrics = ModelUpdate.newBuilder(update).setCard(ModelCard.newBuilder(card())
                .setMetrics(Map.of("psnr_rgb", 40.0, "colourfulness", 20.0)).build()).build();
        assertThat(UpdateSignature.verify(betterMetrics, scope, trusted)).isEqualTo(UpdateSignature.Verdict.BAD_SIGNATURE);
        assertThat(UpdateSignature.verify(update, Scope.parse("colorize"), trusted))
                .as("signed for one camera, replayed for the whole task").isEqualTo(UpdateSignature.Verdict.BAD_SIGNATURE);

        ModelUpdate unsigned = ModelUpdate.newBuilder(update).setSignature(null).setSignerKeyId(null).build();
        assertThat(UpdateSignature.verify(unsigned, scope, trusted)).isEqualTo(UpdateSignature.Verdict.UNSIGNED);
        KeyPair stranger = SigningKeys.generate();
        assertThat(UpdateSignature.verify(signed(stranger, scope, card()), scope, trusted))
                .isEqualTo(UpdateSignature.Verdict.UNTRUSTED_KEY);
    }

    @Test
    void shouldSignTheSameBytesWhateverTheOrderOfTheMetrics() {
        Scope scope = Scope.of("colorize");
        java.util.LinkedHashMap<String, Double> a = new java.util.LinkedHashMap<>();
        a.put("psnr_rgb", 31.25);
        a.put("colourfulness", 20.0);
        java.util.LinkedHashMap<String, Double> b = new java.util.LinkedHashMap<>();
        b.put("colourfulness", 20.0);
        b.put("psnr_rgb", 31.25);
        assertThat(SignedPayload.of(scope, ModelCard.newBuilder(card()).setMetrics(a).build()))
                .isEqualTo(SignedPayload.of(scope, ModelCard.newBuilder(card()).setMetrics(b).build()));
        assertThat(new String(SignedPayload.of(scope, card()))).startsWith(SignedPayload.HEADER + "\nscope=8:colorize\n")
                .contains("\nsha256=64:" + "ab".repeat(32) + "\n").contains("\nmetrics[8:psnr_rgb]=5:31.25\n")
                .doesNotContain("validationData");
    }

    @Test
    void shouldReadBackWrittenKeysAndDeriveThePublicKeyFromThePrivateOne(@TempDir Path dir) throws IOException {
        SigningKeys.write(KEYS, dir.resolve("k.key"), dir.resolve("k.pub"));
        assertThat(Files.readString(dir.resolve("k.key"))).startsWith("-----BEGIN PRIVATE KEY-----");
        var privateKey = SigningKeys.readPrivate(dir.resolve("k.key"));
        assertThat(SigningKeys.publicOf(privateKey).getEncoded()).isEqualTo(KEYS.getPublic().getEncoded());

        TrustedKeys fromFile = TrustedKeys.parse(List.of(dir.resolve("k.pub").toString()));
        TrustedKeys fromLine = TrustedKeys.parse(List.of(SigningKeys.toBase64(KEYS.getPublic())));
        assertThat(fromFile.ids()).containsExactly(SigningKeys.keyId(KEYS.getPublic()));
        assertThat(fromLine.ids()).isEqualTo(fromFile.ids());
        Scope scope = Scope.of("colorize");
        ModelUpdate update = ModelUpdate.newBuilder(signed(KEYS, scope, card())).setSignature(ByteBuffer.wrap(
                UpdateSignature.sign(privateKey, scope, card()))).build();
        assertThat(UpdateSignature.verify(update, scope, fromFile)).isEqualTo(UpdateSignature.Verdict.VALID);

        assertThatThrownBy(() -> TrustedKeys.parse(List.of("not-a-key"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not-a-key");
        Files.writeString(dir.resolve("bad.key"), "junk");
        assertThatThrownBy(() -> SigningKeys.readPrivate(dir.resolve("bad.key"))).isInstanceOf(IOException.class)
                .hasMessageContaining("bad.key");
    }
}
