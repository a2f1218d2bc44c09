package dev.framelift.enhancer.corpus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * Writes corpus cases as files a shell and kcat can send: {@code <key>.bin} (the record value),
 * {@code expected.tsv} (key, acceptable outcomes, description) and {@code send.sh}, which
 * produces every case keyed by its name, with a valid canary frame ({@code canary.bin}, key
 * {@code canary}) after each one.
 */
public final class CorpusWriter {
    private CorpusWriter() {
    }

    /**
     * @param canary a valid frame whose enhancements between the cases show that the stream goes on
     * @param messageMaxBytes the largest record kcat must be allowed to send
     * @return the number of files written
     */
    public static int write(Path dir, List<CorpusCase> cases, byte[] canary, int messageMaxBytes) throws IOException {
        Files.createDirectories(dir);
        final StringBuilder expected = new StringBuilder("key\texpected\tdescription\n");
        for (CorpusCase c : cases) {
            Files.write(dir.resolve(c.key() + ".bin"), c.value());
            expected.append(c.key()).append('\t').append(String.join("|", new java.util.TreeSet<>(c.expected())))
                    .append('\t').append(c.description()).append('\n');
        }
        Files.write(dir.resolve("canary.bin"), canary);
        Files.writeString(dir.resolve("expected.tsv"), expected.toString(), StandardCharsets.UTF_8);
        final Path send = dir.resolve("send.sh");
        Files.writeString(send, sendScript(messageMaxBytes), StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(send, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: run it with bash send.sh
        }
        return cases.size() + 3;
    }

    private static String sendScript(int messageMaxBytes) {
        return """
                #!/usr/bin/env bash
                # Sends every case of this corpus to frames.raw with kcat, each keyed by its file name,
                # with the canary frame (key: canary) after each one.
                #   ./send.sh [BOOTSTRAP]            (default 127.0.0.1:9092)
                # Then compare frames.enhanced and frames.rejected with expected.tsv.
                set -euo pipefail
                cd "$(dirname "$0")"
                bootstrap=${1:-127.0.0.1:9092}
                n=0
                for file in hostile-*.bin fuzz-*.bin; do
                  [ -e "$file" ] || continue
                  if [ -s "$file" ]; then
                    kcat -P -b "$bootstrap" -t frames.raw -X message.max.bytes=%d -k "${file%%.bin}" "$file"
                  else
                    # kcat sends nothing for an empty file or line, but "key:" with -K: is a key and an empty value
                    printf '%%s:\n' "${file%%.bin}" | kcat -P -b "$bootstrap" -t frames.raw -K:
                  fi
                  kcat -P -b "$bootstrap" -t frames.raw -k canary canary.bin
                  n=$((n + 1))
                done
                echo "sent $n cases and $n canaries to frames.raw at $bootstrap"
                """.formatted(messageMaxBytes + 1024 * 1024);
    }
}
