#!/usr/bin/env python3
"""Recompute PSNR-Y from the PNGs that `framelift evaluate --save-images DIR` writes.

An implementation independent of the Java one (its own PNG decoder, its own arithmetic),
for checking the evaluation's numbers:

    ./framelift evaluate --model models/sr-x2 --data PHOTOS --save-images /tmp/eval
    trainer/scripts/psnr-check.py /tmp/eval --border 2

PSNR-Y: Y = 0.299 R + 0.587 G + 0.114 B (not rounded), `--border` pixels cropped from every
side (the scale, for super-resolution; 0 for colorization), peak 255. Prints, per photo and
as the mean over photos, the PSNR-Y of `.baseline.png` and of `.model.png` against
`.truth.png`. Python 3 standard library only; uses numpy when it is installed (faster).
"""
import argparse
import glob
import math
import os
import struct
import sys
import zlib

try:
    import numpy
except ImportError:
    numpy = None

CHANNELS = {0: 1, 2: 3, 4: 2, 6: 4}  # PNG colour type -> samples per pixel (8-bit only)


def read_png(path):
    """Returns (width, height, rgb bytes) of an 8-bit, non-interlaced PNG."""
    with open(path, 'rb') as f:
        data = f.read()
    if data[:8] != b'\x89PNG\r\n\x1a\n':
        raise ValueError(f'{path}: not a PNG')
    pos, idat, header = 8, [], None
    while pos < len(data):
        length, kind = struct.unpack('>I4s', data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b'IHDR':
            header = struct.unpack('>IIBBBBB', body)
        elif kind == b'IDAT':
            idat.append(body)
        elif kind == b'IEND':
            break
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = header
    if depth != 8 or colour not in CHANNELS or interlace:
        raise ValueError(f'{path}: only 8-bit non-interlaced gray/RGB(A) PNGs are supported')
    n = CHANNELS[colour]
    raw = zlib.decompress(b''.join(idat))
    stride = width * n
    out = bytearray(height * stride)
    prev = bytearray(stride)
    for y in range(height):
        filt = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        unfilter(filt, line, prev, n)
        out[y * stride:(y + 1) * stride] = line
        prev = line
    return width, height, to_rgb(out, n)


def unfilter(filt, line, prev, n):
    if filt == 0:
        return
    for i in range(len(line)):
        a = line[i - n] if i >= n else 0
        b = prev[i]
        c = prev[i - n] if i >= n else 0
        if filt == 1:
            p = a
        elif filt == 2:
            p = b
        elif filt == 3:
            p = (a + b) // 2
        elif filt == 4:
            pa, pb, pc = abs(b - c), abs(a - c), abs(a + b - 2 * c)
            p = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
        else:
            raise ValueError(f'unknown PNG filter {filt}')
        line[i] = (line[i] + p) & 0xFF


def to_rgb(pixels, n):
    if n == 3:
        return bytes(pixels)
    out = bytearray()
    for i in range(0, len(pixels), n):
        px = pixels[i:i + n]
        out += bytes((px[0], px[0], px[0])) if n <= 2 else bytes(px[:3])
    return bytes(out)


def psnr_y(a, b, width, height, border):
    if numpy is not None:
        ya = luma_np(a, width, height)[border:height - border, border:width - border]
        yb = luma_np(b, width, height)[border:height - border, border:width - border]
        mse = float(numpy.mean((ya - yb) ** 2))
    else:
        se = 0.0
        for y in range(border, height - border):
            for x in range(border, width - border):
                i = (y * width + x) * 3
                d = (0.299 * (a[i] - b[i]) + 0.587 * (a[i + 1] - b[i + 1]) + 0.114 * (a[i + 2] - b[i + 2]))
                se += d * d
        mse = se / ((width - 2 * border) * (height - 2 * border))
    return math.inf if mse == 0 else 10 * math.log10(255.0 ** 2 / mse)


def luma_np(rgb, width, height):
    p = numpy.frombuffer(rgb, dtype=numpy.uint8).reshape(height, width, 3).astype(numpy.float64)
    return 0.299 * p[..., 0] + 0.587 * p[..., 1] + 0.114 * p[..., 2]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('dir', help='the folder given to evaluate --save-images')
    parser.add_argument('--border', type=int, default=2, help='pixels cropped per side (default: 2)')
    args = parser.parse_args()
    truths = sorted(glob.glob(os.path.join(args.dir, '*.truth.png')))
    if not truths:
        sys.exit(f'psnr-check: no *.truth.png in {args.dir}')
    rows = []
    print(f'{"photo":48} {"baseline":>9} {"model":>9} {"delta":>7}')
    for truth_path in truths:
        stem = truth_path[:-len('.truth.png')]
        w, h, truth = read_png(truth_path)
        values = []
        for kind in ('baseline', 'model'):
            ow, oh, img = read_png(f'{stem}.{kind}.png')
            if (ow, oh) != (w, h):
                sys.exit(f'psnr-check: {stem}.{kind}.png is {ow}x{oh}, the truth {w}x{h}')
            values.append(psnr_y(img, truth, w, h, args.border))
        rows.append(values)
        print(f'{os.path.basename(stem)[-48:]:48} {values[0]:9.4f} {values[1]:9.4f} {values[1] - values[0]:+7.4f}')
    base = sum(r[0] for r in rows) / len(rows)
    model = sum(r[1] for r in rows) / len(rows)
    print(f'{"mean of " + str(len(rows)) + " photos":48} {base:9.4f} {model:9.4f} {model - base:+7.4f}')


if __name__ == '__main__':
    main()
