package dev.framelift.trainer.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes a list of photos once, in parallel, and keeps them in memory downscaled to at most
 * {@link #DEFAULT_MAX_SIDE} pixels on the long side (wallpapers of 6k px would otherwise cost
 * ~100 MB each and slow every crop). Undecodable files and photos the filter rejects are
 * skipped with a log line. The returned list is immutable and safe to share between threads.
 */
public final class PhotoCache {
    /**
     * Long side of a cached photo. 1024 px keeps ~190 photos under ~0.5 GB and leaves enough
     * content for 128 px x4 patches; downscaling also removes the sensor noise and demosaicing
     * softness of phone photos, so targets are sharp.
     */
    public static final int DEFAULT_MAX_SIDE = 1024;

    private static final Logger LOG = LoggerFactory.getLogger(PhotoCache.class);

    private PhotoCache() {
    }

    /** Photos and cutouts of one list of files, and the file each came from (in the same order). */
    public record Loaded(List<RgbImage> photos, List<Cutout> cutouts, List<Path> photoFiles, List<Path> cutoutFiles) {
    }

    /** Whole photos only: a PNG with transparency is read as RGB, its alpha dropped. */
    public static List<RgbImage> load(List<Path> files, int maxSide, int threads, Predicate<RgbImage> keep) {
        return load(files, maxSide, threads, keep, false).photos();
    }

    /**
     * @param cutouts whether PNGs transparent around an object become {@link Cutout}s (the
     *     filter applies to whole photos only)
     */
    public static Loaded load(List<Path> files, int maxSide, int threads, Predicate<RgbImage> keep, boolean cutouts) {
        final ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            final List<Future<PhotoLoader.Loaded>> futures = new ArrayList<>();
            for (Path f : files) {
                futures.add(pool.submit(() -> PhotoLoader.loadAny(f, maxSide, cutouts)));
            }
            final List<RgbImage> out = new ArrayList<>();
            final List<Cutout> cut = new ArrayList<>();
            final List<Path> outFiles = new ArrayList<>();
            final List<Path> cutFiles = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                try {
                    final PhotoLoader.Loaded loaded = futures.get(i).get();
                    final RgbImage img = loaded.photo();
                    if (img == null) {
                        cut.add(loaded.cutout());
                        cutFiles.add(files.get(i));
                    } else if (keep.test(img)) {
                        out.add(img);
                        outFiles.add(files.get(i));
                    } else {
                        LOG.info("skipping {} (filtered out)", files.get(i).getFileName());
                    }
                } catch (ExecutionException e) {
                    final Throwable c = e.getCause();
                    LOG.warn("skipping {}: {}", files.get(i).getFileName(), c instanceof IOException ? c.getMessage() : c.toString());
                }
            }
            return new Loaded(List.copyOf(out), List.copyOf(cut), List.copyOf(outFiles), List.copyOf(cutFiles));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading photos", e);
        } finally {
            pool.shutdownNow();
        }
    }
}
