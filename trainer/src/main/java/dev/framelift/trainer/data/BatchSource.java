package dev.framelift.trainer.data;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

/**
 * Produces training batches in background threads, {@code depth} batches ahead of the
 * consumer (bounded: at most {@code depth} batches exist at once), so the training step does
 * not wait on cropping and degrading.
 *
 * <p>Batch {@code k} is a pure function of (seed, k): random photo, random crop, random flip or
 * quarter turn, random degradation. Cutouts, when given, are drawn like photos (each item
 * equally likely, or as often as its weight says: {@link SourceBalance}) and composited onto a
 * random crop of a random photo. With a zoom-out above 1, crops come from larger regions
 * downscaled to size: for super-resolution this makes the targets of soft or compressed photos
 * as crisp as those of a downscaled camera photo, and shows the generator more scales of the
 * same content. So a resumed run that starts at step k sees exactly the batches the killed run
 * would have seen, whatever the thread timing.
 *
 * <p>Lifecycle: the owner calls {@link #next()} from one thread and {@link #close()} once.
 */
public final class BatchSource implements AutoCloseable {
    private final List<RgbImage> photos;
    private final List<Cutout> cutouts;
    private final Degradation degradation;
    private final int batchSize;
    private final int patch;
    private final long seed;
    private final ExecutorService pool;
    private final ArrayDeque<Future<Batch>> ahead = new ArrayDeque<>();
    private final int depth;
    private final double zoomOut;
    /** Running sums of the items' weights (photos, then cutouts), or null: every item equally likely. */
    private final double[] cumulative;
    private long nextToSubmit;

    /**
     * @param photos cached training photos; those smaller than the crop region are never chosen
     * @param firstStep the step index of the first batch {@link #next()} returns
     */
    public BatchSource(List<RgbImage> photos, Degradation degradation, int batchSize, int patch, long seed,
            long firstStep, int threads, int depth) {
        this(photos, List.of(), 1, degradation, batchSize, patch, seed, firstStep, threads, depth);
    }

    /**
     * @param cutouts objects to composite onto crops of the photos (see the class comment)
     * @param zoomOut at least 1: each crop is cut from a region up to this many times larger,
     *     then downscaled to size (antialiased), a factor drawn log-uniformly per crop; 1 turns it off
     */
    public BatchSource(List<RgbImage> photos, List<Cutout> cutouts, double zoomOut, Degradation degradation, int batchSize,
            int patch, long seed, long firstStep, int threads, int depth) {
        this(photos, cutouts, null, zoomOut, degradation, batchSize, patch, seed, firstStep, threads, depth);
    }

    /**
     * @param weights how often each item is drawn, relative to the others: one per photo, then one
     *     per cutout, all positive; null draws every item equally often
     */
    public BatchSource(List<RgbImage> photos, List<Cutout> cutouts, double[] weights, double zoomOut, Degradation degradation,
            int batchSize, int patch, long seed, long firstStep, int threads, int depth) {
        if (weights != null && weights.length != photos.size() + cutouts.size()) {
            throw new IllegalArgumentException(weights.length + " weights for " + photos.size() + " photos and "
                    + cutouts.size() + " cutouts");
        }
        if (zoomOut < 1) {
            throw new IllegalArgumentException("zoom-out " + zoomOut + " is below 1");
        }
        this.zoomOut = zoomOut;
        if (patch % degradation.scale() != 0) {
            throw new IllegalArgumentException("patch " + patch + " is not a multiple of the scale " + degradation.scale());
        }
        final int region = degradation.regionSide(patch);
        final List<Integer> usable = IntStream.range(0, photos.size())
                .filter(i -> photos.get(i).width() >= region && photos.get(i).height() >= region).boxed().toList();
        this.photos = usable.stream().map(photos::get).toList();
        if (this.photos.isEmpty()) {
            throw new IllegalArgumentException("no training photo is at least " + region + " px on both sides");
        }
        this.cutouts = List.copyOf(cutouts);
        this.cumulative = weights == null ? null : runningSums(IntStream.concat(usable.stream().mapToInt(i -> i),
                IntStream.range(photos.size(), weights.length)).mapToDouble(i -> weights[i]).toArray());
        this.degradation = degradation;
        this.batchSize = batchSize;
        this.patch = patch;
        this.seed = seed;
        this.depth = Math.max(1, depth);
        this.nextToSubmit = firstStep;
        this.pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            final Thread t = new Thread(r, "batch-source");
            t.setDaemon(true);
            t.setPriority(Thread.NORM_PRIORITY - 1);
            return t;
        });
    }

    private static double[] runningSums(double[] weights) {
        final double[] sums = new double[weights.length];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            if (!(weights[i] > 0)) {
                throw new IllegalArgumentException("weight " + weights[i] + " of item " + i + " is not positive");
            }
            sum += weights[i];
            sums[i] = sum;
        }
        return sums;
    }

    /** The index of the next item drawn: a photo below {@code photos.size()}, else a cutout. */
    private int drawItem(SplittableRandom rnd) {
        if (cumulative == null) {
            return rnd.nextInt(photos.size() + cutouts.size());
        }
        final int found = Arrays.binarySearch(cumulative, rnd.nextDouble() * cumulative[cumulative.length - 1]);
        return Math.min(found >= 0 ? found + 1 : -found - 1, cumulative.length - 1);
    }

    /** Number of photos large enough to be cropped, plus the cutouts. */
    public int usablePhotos() {
        return photos.size() + cutouts.size();
    }

    /** The next batch, in step order; blocks only if the producers fell behind. */
    public Batch next() {
        while (ahead.size() < depth) {
            final long step = nextToSubmit++;
            ahead.add(pool.submit(() -> make(step)));
        }
        try {
            final Batch b = ahead.poll().get();
            final long step = nextToSubmit++;
            ahead.add(pool.submit(() -> make(step)));
            return b;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("batch production failed", e.getCause());
        }
    }

    /** Builds the batch of one step; public for tests. */
    public Batch make(long step) {
        final SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + step);
        final int region = degradation.regionSide(patch);
        final int s = degradation.scale();
        final int lr = patch / s;
        final int cin = degradation.inputChannels();
        final byte[] inputs = new byte[batchSize * lr * lr * cin];
        final byte[] targets = new byte[batchSize * patch * patch * 3];
        for (int i = 0; i < batchSize; i++) {
            final int item = drawItem(rnd);
            final RgbImage photo = photos.get(item < photos.size() ? item : rnd.nextInt(photos.size()));
            final double zoom = zoomOut > 1 ? Math.exp(rnd.nextDouble() * Math.log(zoomOut)) : 1;
            final int side = Math.max(region, Math.min((int) (region * zoom), Math.min(photo.width(), photo.height())));
            final int x = rnd.nextInt(photo.width() - side + 1);
            final int y = rnd.nextInt(photo.height() - side + 1);
            RgbImage crop = photo.crop(x, y, side, side).resize(region, region);
            if (item >= photos.size()) {
                crop = cutouts.get(item - photos.size()).compositeOnto(crop, rnd);
            }
            crop = crop.dihedral(rnd.nextInt(8));
            final Degradation.Pair pair = degradation.make(crop, patch, rnd);
            System.arraycopy(pair.input(), 0, inputs, i * lr * lr * cin, lr * lr * cin);
            System.arraycopy(pair.target(), 0, targets, i * patch * patch * 3, patch * patch * 3);
        }
        return new Batch(batchSize, lr, lr, cin, inputs, patch, patch, targets);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
