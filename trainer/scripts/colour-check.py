#!/usr/bin/env python3
"""Recompute a colorizer's numbers from the PNGs that `framelift evaluate --save-images DIR` writes.

The colorize counterpart of psnr-check.py, independent of the Java code:

    ./framelift evaluate --model models/colorize --data PHOTOS --holdout HOLDOUT --save-images /tmp/c
    trainer/scripts/colour-check.py /tmp/c --chroma-scale 0.8,0.9,1,1.1,1.2

Per photo, the RGB PSNR of `.baseline.png` (the gray input) and of `.model.png` against
`.truth.png` (peak 255, no border) and the colourfulness of the model and the truth
(Hasler and Suesstrunk: rg = R - G, yb = (R + G) / 2 - B, sqrt(sd_rg^2 + sd_yb^2) +
0.3 sqrt(mean_rg^2 + mean_yb^2)). Printed per source (the package in the file name, before
'--') and as means over photos and over sources; the colour ratio is a ratio of means.

--chroma-scale S,...: each output measured again with its chroma scaled about its BT.601 luma,
y + S (rgb - y), rounded and clipped, as `evaluate --chroma-scale` does; then the colour each mean
reaches at --bar dB over gray (default 0.2), read off the frontier by linear interpolation.

--vibrance P: the chroma curve instead of one scale: d = rgb - y, |d| its length in 8-bit RGB
units, d' = S d ((|d| + 1) / 20) ** (P - 1); P = 1 (the default) is the plain scale, P < 1 raises
weak chroma more than strong (a photo editor's "vibrance"), P > 1 the opposite.
--table-scale S: print the per-source table at that scale instead of as exported.
--oracle: an upper bound, not a colorizer: each output's chroma is first scaled by that photo's own
least-squares slope of the truth's chroma onto it (clipped to 0..3), a saturation per photo that only
the truth can give; then the scales sweep as usual. Also prints how well two things a colorizer
could see, the output's colourfulness and the gray input's contrast (luma standard deviation),
predict those slopes (Pearson r over the photos).
--hues: which hues the colorizer paints and which it leaves out: the chroma energy (rg^2 + yb^2,
per pixel, mean over photos) of the truth and of the output as exported, in twelve 30-degree
sectors of the angle atan2(yb, rg) of the rg/yb plane (red about 27 degrees, yellow 90, green
153, blue -90), with the output's share of the truth's per sector; and one number for how right the
hues are: the hue agreement, per photo sum(t . m) / sum(|t| |m|) over its pixels, t and m the truth's
and the output's (rg, yb) vectors, so the cosine of the angle between the two hues weighted by both
strengths (1: every hue right, 0: unrelated, -1: opposite; a gray output has none), as means over
photos and over sources. The frontier says how much colour a colorizer dares at a fidelity; the
agreement says whether the colour it dares is the right one.

Several DIRs (the same photos evaluated with several models): their outputs are averaged pixel
by pixel before anything is measured, an output ensemble of those models (their luma is the
input's, so the average mixes only their chroma). The baseline and truth come from the first DIR.

Needs numpy (Debian: python3-numpy); reads PNGs with Pillow when it is installed, else with
psnr-check.py's decoder (slow on large photos).
"""
import argparse
import glob
import importlib.util
import os
import sys

import numpy

try:
    from PIL import Image
except ImportError:
    Image = None


def png_reader():
    if Image is not None:
        return lambda path: numpy.asarray(Image.open(path).convert('RGB'), dtype=numpy.float64)
    spec = importlib.util.spec_from_file_location('psnr_check', os.path.join(os.path.dirname(__file__), 'psnr-check.py'))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)

    def read(path):
        w, h, rgb = module.read_png(path)
        return numpy.frombuffer(rgb, dtype=numpy.uint8).reshape(h, w, 3).astype(numpy.float64)
    return read


def luma(x):
    return 0.299 * x[..., 0] + 0.587 * x[..., 1] + 0.114 * x[..., 2]


def opponent(x):
    """The opponent colour axes of Hasler and Suesstrunk: rg = R - G, yb = (R + G) / 2 - B."""
    return x[..., 0] - x[..., 1], 0.5 * (x[..., 0] + x[..., 1]) - x[..., 2]


def colourfulness(x):
    rg, yb = opponent(x)
    return float(numpy.sqrt(rg.std() ** 2 + yb.std() ** 2) + 0.3 * numpy.sqrt(rg.mean() ** 2 + yb.mean() ** 2))


def psnr(a, b):
    mse = float(numpy.mean((a - b) ** 2))
    return float('inf') if mse == 0 else 10 * numpy.log10(255.0 ** 2 / mse)


def scaled(rgb, s, vibrance=1.0):
    if s == 1 and vibrance == 1:
        return rgb
    y = luma(rgb)[..., None]
    chroma = rgb - y
    if vibrance != 1:
        length = numpy.sqrt((chroma ** 2).sum(axis=-1, keepdims=True))
        chroma = chroma * ((length + 1) / 20.0) ** (vibrance - 1)
    return numpy.clip(numpy.round(y + s * chroma), 0, 255)


HUE_SECTORS = ('cyan', 'azure', 'blue', 'violet', 'purple', 'magenta',
               'red', 'orange', 'amber', 'yellow-green', 'green', 'deep green')


def hue_energy(x):
    """Mean chroma energy per pixel in each of the 12 hue sectors, from -180 degrees up."""
    rg, yb = opponent(x)
    sector = numpy.clip(((numpy.degrees(numpy.arctan2(yb, rg)) + 180) // 30).astype(int), 0, 11)
    return numpy.bincount(sector.ravel(), weights=(rg ** 2 + yb ** 2).ravel(), minlength=12) / rg.size


def hue_agreement(truth, model):
    """sum(t . m) / sum(|t| |m|) of the truth's and the output's (rg, yb) vectors; None for a gray output or truth."""
    t, m = numpy.stack(opponent(truth), axis=-1), numpy.stack(opponent(model), axis=-1)
    weight = float((numpy.linalg.norm(t, axis=-1) * numpy.linalg.norm(m, axis=-1)).sum())
    return None if weight == 0 else float((t * m).sum()) / weight


def source_of(stem):
    name = stem.split('-', 1)[1] if '-' in stem else stem  # drop the NNN- index
    return name.split('--', 1)[0] if '--' in name else '(no source)'


def own_slope(model, truth):
    """The least-squares factor of the truth's chroma onto the model's, both about the model's luma."""
    y = luma(model)[..., None]
    chroma = model - y
    return float(((truth - y) * chroma).sum() / max(float((chroma ** 2).sum()), 1e-9))


def measure(dirs, scales, read, vibrance=1.0, slopes=None, hues=None):
    """Per photo: (source, truth colourfulness, [gain over gray per scale], [colourfulness per scale]).

    With a list for slopes: each output is scaled by its own_slope (clipped to 0..3) before the scales,
    and (slope, output colourfulness, input contrast) is appended to the list per photo. With a list for
    hues: (truth's hue_energy, output's hue_energy) is appended per photo, the output as exported."""
    truths = sorted(glob.glob(os.path.join(dirs[0], '*.truth.png')))
    if not truths:
        sys.exit(f'colour-check: no *.truth.png in {dirs[0]}')
    rows = []
    for i, truth_path in enumerate(truths, 1):
        stem = os.path.basename(truth_path)[:-len('.truth.png')]
        truth = read(truth_path)
        gray = read(os.path.join(dirs[0], stem + '.baseline.png'))
        outputs = []
        for d in dirs:
            path = os.path.join(d, stem + '.model.png')
            if not os.path.exists(path):
                sys.exit(f'colour-check: {path} is missing: every DIR must hold the same photos')
            outputs.append(read(path))
        if any(o.shape != truth.shape for o in outputs + [gray]):
            sys.exit(f'colour-check: {stem}: the images differ in size')
        model = outputs[0] if len(outputs) == 1 else numpy.clip(numpy.round(sum(outputs) / len(outputs)), 0, 255)
        base = psnr(gray, truth)
        if hues is not None:
            hues.append((hue_energy(truth), hue_energy(model), source_of(stem), hue_agreement(truth, model)))
        own = 1.0
        if slopes is not None:
            slope = own_slope(model, truth)
            slopes.append((slope, colourfulness(model), float(luma(gray).std())))
            own = min(max(slope, 0.0), 3.0)
        gains, colours = [], []
        for s in scales:
            out = scaled(model, s * own, vibrance)
            gains.append(psnr(out, truth) - base)
            colours.append(colourfulness(out))
        rows.append((source_of(stem), colourfulness(truth), gains, colours, base))
        print(f'\r{i}/{len(truths)} photos', end='', file=sys.stderr, flush=True)
    print(file=sys.stderr)
    return rows


def means(group, k):
    n = len(group)
    return (sum(r[2][k] for r in group) / n, sum(r[3][k] for r in group) / n, sum(r[1] for r in group) / n)


def frontier(rows, scales):
    sources = sorted({r[0] for r in rows})
    points = []
    for k, s in enumerate(scales):
        photo_gain, photo_colour, photo_truth = means(rows, k)
        per_source = [means([r for r in rows if r[0] == src], k) for src in sources]
        source_gain = sum(m[0] for m in per_source) / len(per_source)
        source_ratio = sum(m[1] for m in per_source) / sum(m[2] for m in per_source)
        points.append((s, photo_gain, photo_colour / photo_truth, source_gain, source_ratio))
    return points


def colour_at(points, bar, gain_index, ratio_index):
    """The colour ratio where the gain crosses the bar, between the two scales around it; None if it never does."""
    ordered = sorted(points)
    for a, b in zip(ordered, ordered[1:]):
        if (a[gain_index] - bar) * (b[gain_index] - bar) <= 0 and a[gain_index] != b[gain_index]:
            t = (a[gain_index] - bar) / (a[gain_index] - b[gain_index])
            return a[ratio_index] + t * (b[ratio_index] - a[ratio_index])
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('dirs', nargs='+', metavar='DIR', help='folders given to evaluate --save-images')
    parser.add_argument('--chroma-scale', default='1', help='comma-separated chroma scales (default: 1)')
    parser.add_argument('--vibrance', type=float, default=1.0,
                        help='exponent of the chroma curve applied with each scale (default: 1, a plain scale)')
    parser.add_argument('--table-scale', type=float, default=1.0,
                        help='the chroma scale of the per-source table (default: 1, as exported)')
    parser.add_argument('--bar', type=float, default=0.2, help='dB over gray for "colour at the bar" (default: 0.2)')
    parser.add_argument('--oracle', action='store_true',
                        help="first scale each output by that photo's own best chroma factor (an upper bound)")
    parser.add_argument('--hues', action='store_true',
                        help="also print the chroma energy per hue sector of the truth and of the output")
    args = parser.parse_args()
    scales = sorted({float(s) for s in args.chroma_scale.split(',')} | {1.0, args.table_scale})
    slopes = [] if args.oracle else None
    hues = [] if args.hues else None
    rows = measure(args.dirs, scales, png_reader(), args.vibrance, slopes, hues)
    one = scales.index(args.table_scale)

    print(f'{"source":32} {"photos":>6} {"gray":>7} {"model":>7} {"gain":>7} {"colour":>7} {"truth":>7} {"ratio":>6}')
    for src in sorted({r[0] for r in rows}):
        group = [r for r in rows if r[0] == src]
        gain, colour, truth = means(group, one)
        gray = sum(r[4] for r in group) / len(group)
        print(f'{src[:32]:32} {len(group):6d} {gray:7.2f} {gray + gain:7.2f} {gain:+7.2f} {colour:7.1f} {truth:7.1f} '
              f'{100 * colour / truth:5.0f}%')
    points = frontier(rows, scales)
    print()
    print(f'{"chroma scale":12} {"gain (photos)":>14} {"colour (photos)":>16} {"gain (sources)":>15} {"colour (sources)":>17}')
    for s, pg, pr, sg, sr in points:
        print(f'{s:<12.2f} {pg:+14.3f} {100 * pr:15.1f}% {sg:+15.3f} {100 * sr:16.1f}%')
    n_sources = len({r[0] for r in rows})
    print(f'gain = RGB PSNR over the gray input (dB), mean of {len(rows)} photos and of {n_sources} sources; '
          'colour = mean colourfulness over the truth\'s')
    if len(scales) > 1:
        at = [colour_at(points, args.bar, 1, 2), colour_at(points, args.bar, 3, 4)]
        shown = ['outside the scales' if a is None else f'{100 * a:.1f}%' for a in at]
        print(f'colour at {args.bar:+.2f} dB: {shown[0]} (photos), {shown[1]} (sources)')
    if slopes:
        factor = numpy.array([t[0] for t in slopes])
        quartiles = ', '.join(f'{q:.2f}' for q in numpy.percentile(factor, [10, 25, 50, 75, 90]))
        print(f'oracle: each photo scaled by its own factor first; factors at the 10/25/50/75/90th percentile: {quartiles}; '
              f'{int((factor < 0.5).sum())} of {len(factor)} below 0.5')
        for i, what in ((1, "the output's colourfulness"), (2, "the gray input's contrast")):
            r = numpy.corrcoef(factor, [t[i] for t in slopes])[0, 1]
            print(f'  r between the factor and {what}: {r:+.2f}')
    if hues:
        truth = sum(h[0] for h in hues) / len(hues)
        model = sum(h[1] for h in hues) / len(hues)
        print()
        print(f'{"hue sector (degrees)":26} {"truth":>9} {"model":>9} {"model/truth":>12}')
        for k, name in enumerate(HUE_SECTORS):
            share = f'{100 * model[k] / truth[k]:11.0f}%' if truth[k] > 0 else f'{"-":>12}'
            print(f'{name:13} {30 * k - 180:4d}..{30 * k - 150:4d}    {truth[k]:9.1f} {model[k]:9.1f} {share}')
        print('chroma energy = mean over photos of the mean (rg^2 + yb^2) per pixel in the sector; model as exported')
        agreed = [(h[2], h[3]) for h in hues if h[3] is not None]
        if agreed:
            by_source = {}
            for src, a in agreed:
                by_source.setdefault(src, []).append(a)
            over_sources = sum(sum(v) / len(v) for v in by_source.values()) / len(by_source)
            print(f'hue agreement: {sum(a for _, a in agreed) / len(agreed):+.3f} (mean of {len(agreed)} photos), '
                  f'{over_sources:+.3f} (mean of {len(by_source)} sources); 1 = every hue right, 0 = unrelated')


if __name__ == '__main__':
    main()
