#!/usr/bin/env python3
"""qt-rcc-extract.py RCC ENTRY OUT: copy one file out of a Qt binary resource bundle (.rcc).

Some Debian packages (gcompris-qt-data) ship their photos inside .rcc bundles rather than as
files. ENTRY is the path inside the bundle (e.g. /gcompris/src/activities/erase/resource/x.webp).
Standard library only. The format (header 'qres', a tree of 14- or 22-byte nodes, a name table of
UTF-16 names, a data table of length-prefixed, optionally zlib-compressed blobs) is Qt's rcc
binary format, versions 1 to 3.
"""
import struct
import sys
import zlib


def extract(buf, entry):
    if buf[:4] != b'qres':
        raise ValueError('not a Qt resource bundle')
    version, tree, data, names = struct.unpack('>IIII', buf[4:20])
    node = 22 if version >= 2 else 14

    def name(offset):
        n = struct.unpack('>H', buf[names + offset:names + offset + 2])[0]
        return buf[names + offset + 6:names + offset + 6 + 2 * n].decode('utf-16-be')

    index = 0
    for part in [p for p in entry.split('/') if p]:
        base = tree + index * node
        flags = struct.unpack('>H', buf[base + 4:base + 6])[0]
        if not flags & 2:
            raise KeyError(entry)
        count, first = struct.unpack('>II', buf[base + 6:base + 14])
        for child in range(first, first + count):
            if name(struct.unpack('>I', buf[tree + child * node:tree + child * node + 4])[0]) == part:
                index = child
                break
        else:
            raise KeyError(entry)
    base = tree + index * node
    flags = struct.unpack('>H', buf[base + 4:base + 6])[0]
    if flags & 2:
        raise KeyError(entry + ' is a folder')
    offset = struct.unpack('>I', buf[base + 10:base + 14])[0]
    size = struct.unpack('>I', buf[data + offset:data + offset + 4])[0]
    blob = buf[data + offset + 4:data + offset + 4 + size]
    if flags & 4:
        raise ValueError(entry + ' is zstd-compressed, which this script does not read')
    return zlib.decompress(blob[4:]) if flags & 1 else blob


if __name__ == '__main__':
    if len(sys.argv) != 4:
        sys.exit(__doc__.strip().splitlines()[0])
    with open(sys.argv[1], 'rb') as f:
        content = extract(f.read(), sys.argv[2])
    with open(sys.argv[3], 'wb') as f:
        f.write(content)
