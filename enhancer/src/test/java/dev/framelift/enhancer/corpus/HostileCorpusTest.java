package dev.framelift.enhancer.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.framelift.enhancer.image.ImageLimits;
import dev.framelift.enhancer.inference.BatchingConfig;
import dev.framelift.enhancer.pipeline.FrameBudget;
import dev.framelift.enhancer.stream.ProcessorHarness;
import dev.framelift.enhancer.testing.TestPipeline;

/**
 * Every corpus case through the real pipeline and processor, without Kafka: each gets exactly the
 * answer it expects. The same corpus goes through a real broker in HostileInputIntegrationTest.
 */
class HostileCorpusTest {
    static final CorpusLimits LIMITS = new CorpusLimits(64 * 1024, 1 << 20, 8192, 16_777_216L, 1 << 20, 96);

    @TempDir
    static Path work;
    static TestPipeline pipeline;

    @BeforeAll
    static void loadModels() throws Exception {
        pipeline = TestPipeline.create(work, BatchingConfig.defaults(),
                new ImageLimits(LIMITS.frameMaxBytes(), LIMITS.imageMaxSide(), LIMITS.imageMaxPixels()),
                new FrameBudget(Duration.ofSeconds(20), LIMITS.outputMaxPixels()));
    }

    @AfterAll
    static void closeModels() {
        pipeline.close();
    }

    @Test
    void shouldHaveAtLeastThirtyKindsWithUniqueKeys() {
        List<CorpusCase> cases = HostileCorpus.cases(LIMITS);

        assertThat(cases).hasSizeGreaterThanOrEqualTo(30);
        assertThat(cases.stream().map(CorpusCase::key).distinct().count()).isEqualTo(cases.size());
        assertThat(cases.stream().filter(c -> c.expected().contains(CorpusCase.ENHANCED)).count())
                .as("legitimate oddities that must come out enhanced").isGreaterThanOrEqualTo(10);
    }

    @Test
    void shouldGiveEveryCaseItsExpectedAnswer() {
        ProcessorHarness processor = new ProcessorHarness(pipeline.pipeline(), LIMITS.messageMaxBytes(),
                LIMITS.messageMaxBytes() + (1 << 20));
        Map<String, String> wrong = new TreeMap<>();
        for (CorpusCase c : HostileCorpus.cases(LIMITS)) {
            ProcessorHarness.Answer answer = processor.process(c.keyBytes(), c.value());
            if (!c.accepts(answer.outcome())) {
                wrong.put(c.key(), "expected " + c.expected() + ", got " + answer.outcome() + ": " + answer.message());
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void shouldMakeTheSameFuzzCasesFromTheSameSeed() {
        List<CorpusCase> first = new FrameFuzzer(7).cases(40, 20);
        List<CorpusCase> again = new FrameFuzzer(7).cases(40, 20);

        for (int i = 0; i < first.size(); i++) {
            assertThat(again.get(i).value()).isEqualTo(first.get(i).value());
        }
        assertThat(new FrameFuzzer(8).cases(40, 1).get(0).value()).isNotEqualTo(first.get(0).value());
    }
}
