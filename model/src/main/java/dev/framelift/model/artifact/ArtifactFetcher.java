package dev.framelift.model.artifact;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Fetches a model artifact that travels by URI ({@code file:}, {@code http:} or {@code https:})
 * with a size cap, so a wrong or hostile URI cannot fill memory. What it returns is untrusted
 * until its sha256 matches the signed card. Thread-safe.
 */
public final class ArtifactFetcher {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    /**
     * @param maxBytes the most bytes accepted; a longer artifact is refused while it is read
     * @throws ArtifactException of kind UNREACHABLE (cannot fetch, unsupported scheme) or
     *     TOO_LARGE (over {@code maxBytes})
     */
    public byte[] fetch(URI uri, long maxBytes) throws ArtifactException {
        final String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        try {
            return switch (scheme) {
                case "file" -> readBounded(Files.newInputStream(Path.of(uri)), uri, maxBytes);
                case "http", "https" -> {
                    final HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
                            HttpResponse.BodyHandlers.ofInputStream());
                    if (response.statusCode() != 200) {
                        response.body().close();
                        throw new ArtifactException(ArtifactException.Kind.UNREACHABLE,
                                "GET " + uri + " answered " + response.statusCode());
                    }
                    yield readBounded(response.body(), uri, maxBytes);
                }
                default -> throw new ArtifactException(ArtifactException.Kind.UNREACHABLE,
                        "unsupported artifact URI scheme in " + uri + " (file, http or https)");
            };
        } catch (ArtifactException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ArtifactException(ArtifactException.Kind.UNREACHABLE, "cannot fetch " + uri + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ArtifactException(ArtifactException.Kind.UNREACHABLE, "interrupted while fetching " + uri, e);
        }
    }

    private static byte[] readBounded(InputStream stream, URI uri, long maxBytes) throws IOException {
        try (InputStream in = stream) {
            final byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) {
                throw new ArtifactException(ArtifactException.Kind.TOO_LARGE,
                        uri + " is larger than the " + maxBytes + "-byte artifact limit");
            }
            return bytes;
        }
    }
}
