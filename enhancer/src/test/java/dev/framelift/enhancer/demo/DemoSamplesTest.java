package dev.framelift.enhancer.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.framelift.schema.Tasks;

class DemoSamplesTest {
    @Test
    void shouldStreamTheShippedClipFrameAfterFrameBetweenThePhotos() {
        List<DemoSamples.Sample> samples = DemoSamples.load(Tasks.ALL);

        List<DemoSamples.Sample> lobby = samples.stream().filter(s -> s.streamId().equals("cam-lobby")).toList();
        assertThat(lobby.size()).isGreaterThanOrEqualTo(50);
        for (int i = 0; i < 50; i++) {
            assertThat(lobby.get(i).name()).isEqualTo("lobby.mp4#" + i);
            assertThat(new int[] {lobby.get(i).width(), lobby.get(i).height()}).containsExactly(384, 288);
        }
        assertThat(lobby.get(10).png()).isNotEqualTo(lobby.get(11).png());
        assertThat(samples.get(0).streamId()).isEqualTo("cam-lobby");
        assertThat(samples.get(1).streamId()).isEqualTo("archive-scans");
        assertThat(samples).extracting(DemoSamples.Sample::task).contains(Tasks.SR_X4, Tasks.COLORIZE);
    }
}
