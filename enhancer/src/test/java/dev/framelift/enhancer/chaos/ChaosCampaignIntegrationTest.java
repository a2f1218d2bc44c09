package dev.framelift.enhancer.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import dev.framelift.model.testing.TestModels;

/**
 * The fault campaign against a broker and enhancers in child JVMs: the small one (a SIGKILL and a
 * broker restart) in every build, the full one (10,000 frames, 10 SIGKILLs, a SIGSTOP, two broker
 * restarts, a rebalance) with {@code -Dframelift.long=true}.
 */
class ChaosCampaignIntegrationTest {
    @TempDir
    Path work;

    @Test
    void shouldAnswerEveryFrameExactlyOnceInOrderThroughAKillAndABrokerRestart() throws Exception {
        ChaosCampaign.Report report = campaign(ChaosPlan.small(7));

        assertThat(report.timeline()).anyMatch(line -> line.contains("SIGKILL enhancer"))
                .anyMatch(line -> line.contains("the broker")).anyMatch(line -> line.contains("broker up (start 2"));
        assertThat(report.passed()).as(String.join("\n", report.timeline())).isTrue();
        assertThat(report.audit().enhanced()).isPositive();
        assertThat(report.audit().rejected()).as("the corrupt frames").isPositive();
    }

    @Test
    @EnabledIfSystemProperty(named = "framelift.long", matches = "true")
    void shouldAnswerEveryFrameExactlyOnceInOrderThroughTheFullFaultCampaign() throws Exception {
        ChaosCampaign.Report report = campaign(ChaosPlan.full(Long.getLong("framelift.chaos.seed", 1)));

        assertThat(report.timeline().stream().filter(line -> line.contains("SIGKILL enhancer"))).hasSize(10);
        assertThat(report.timeline()).anyMatch(line -> line.contains("SIGSTOP")).anyMatch(line -> line.contains("enhancer b running"))
                .anyMatch(line -> line.contains("broker up (start 3"));
        assertThat(report.passed()).as(String.join("\n", report.timeline())).isTrue();
    }

    private ChaosCampaign.Report campaign(ChaosPlan plan) throws Exception {
        Path models = TestModels.writeAll(Files.createDirectories(work.resolve("models")));
        return new ChaosCampaign(plan, work, models, ChildJvm.currentClassPath(), System.out::println).run();
    }
}
