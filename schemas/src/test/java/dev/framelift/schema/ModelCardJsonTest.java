package dev.framelift.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCardJsonTest {
    @Test
    void shouldRoundTripACardThroughCardJson(@TempDir Path dir) throws IOException {
        ModelCard card = ModelCard.newBuilder().setTask("colorize").setVersion("colorize-7").setScale(1)
                .setInputChannels(1).setArchitecture("unet").setParameters(1000)
                .setCreatedTime(Instant.ofEpochMilli(1_700_000_000_000L))
                .setMetrics(Map.of("colourfulness_ratio", 0.71)).setBaselineMetrics(Map.of("psnr_rgb", 22.0))
                .build();
        ModelCardJson.write(card, dir);
        assertThat(Files.readString(dir.resolve("card.json"))).contains("\"task\" : \"colorize\"");
        assertThat(ModelCardJson.read(dir)).isEqualTo(card);
    }

    @Test
    void shouldReadACardWrittenBeforeTheFlavourFieldAsFaithful(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("card.json"), """
                {"task": "sr-x2", "version": "sr-x2-1", "scale": 2, "inputChannels": 3, "architecture": "espcn",
                 "parameters": 5, "createdTime": 1700000000000, "trainingData": "", "trainingCommand": "",
                 "metrics": {}, "baselineMetrics": {}, "signatureInput": "images", "signatureOutput": "enhanced",
                 "sha256": ""}
                """);
        ModelCard card = ModelCardJson.read(dir);
        assertThat(card.getFlavour()).isEqualTo(Tasks.FAITHFUL);
        assertThat(Tasks.served(card)).isEqualTo("sr-x2");
    }

    @Test
    void shouldServeAPerceptualModelUnderItsSuffixedTask() {
        assertThat(Tasks.served("sr-x4", Tasks.PERCEPTUAL)).isEqualTo(Tasks.SR_X4_PERCEPTUAL);
        assertThat(Tasks.flavourOf(Tasks.SR_X4_PERCEPTUAL)).isEqualTo(Tasks.PERCEPTUAL);
        assertThat(Tasks.baseOf(Tasks.SR_X4_PERCEPTUAL)).isEqualTo(Tasks.SR_X4);
        assertThat(Tasks.flavourOf(Tasks.SR_X2)).isEqualTo(Tasks.FAITHFUL);
    }

    @Test
    void shouldServeARealtimeModelUnderItsSuffixedTask() {
        assertThat(Tasks.served("sr-x2", Tasks.REALTIME)).isEqualTo(Tasks.SR_X2_REALTIME);
        assertThat(Tasks.flavourOf(Tasks.SR_X2_REALTIME)).isEqualTo(Tasks.REALTIME);
        assertThat(Tasks.baseOf(Tasks.SR_X2_REALTIME)).isEqualTo(Tasks.SR_X2);
        assertThat(Tasks.baseOf(Tasks.COLORIZE)).isEqualTo(Tasks.COLORIZE);
    }

    @Test
    void shouldExplainAMissingOrBrokenCard(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> ModelCardJson.read(dir)).hasMessageContaining("no card.json");
        Files.writeString(dir.resolve("card.json"), "{\"task\": 3}");
        assertThatThrownBy(() -> ModelCardJson.read(dir)).isInstanceOf(IOException.class).hasMessageContaining("invalid");
    }

    @Test
    void shouldReadACardWrittenBeforeValidationDataExistedWithAnEmptyOne(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("card.json"), """
                {"task": "sr-x2", "version": "sr-x2-old", "scale": 2, "inputChannels": 3, "architecture": "espcn",
                 "parameters": 5, "createdTime": 1700000000000, "trainingData": "photos", "trainingCommand": "train",
                 "metrics": {"psnr_y": 30.5}, "baselineMetrics": {}, "signatureInput": "images",
                 "signatureOutput": "enhanced", "sha256": "abc"}
                """);
        ModelCard card = ModelCardJson.read(dir);
        assertThat(card.getVersion()).isEqualTo("sr-x2-old");
        assertThat(card.getMetrics()).containsEntry("psnr_y", 30.5);
        assertThat(card.getValidationData()).isEmpty();
    }
}
