#!/usr/bin/env python3
"""FrameLift's wire format in plain Python (no Avro library), written from schemas/README.md.

  framelift_wire.py encode-frame --stream cam-1 --seq 0 --task sr-x2 photo.png > frame.bin
  kcat -P -b 127.0.0.1:9092 -t frames.raw -k cam-1 frame.bin
  kcat -C -b 127.0.0.1:9092 -t frames.enhanced -X isolation.level=read_committed -c 1 -e -f '%s' > out.bin
  framelift_wire.py decode-enhanced out.bin --payload enhanced.png
"""
import argparse
import json
import struct
import sys
import time

FRAME_FINGERPRINT = bytes.fromhex("b8016b6b44353bee")
ENHANCED_FINGERPRINT = bytes.fromhex("2fed3a076bc7b8be")
ENCODINGS = ["PNG", "JPEG", "GRAY8", "RGB8"]


def zigzag(n):
    n = (n << 1) ^ (n >> 63)
    out = bytearray()
    while n & ~0x7F:
        out.append((n & 0x7F) | 0x80)
        n >>= 7
    out.append(n)
    return bytes(out)


def blob(b):
    return zigzag(len(b)) + b


def encode_frame(stream, seq, task, encoding, payload, width=0, height=0, attributes=None, capture_ms=None):
    body = blob(stream.encode()) + zigzag(seq) + zigzag(capture_ms or int(time.time() * 1000))
    body += blob(task.encode()) + zigzag(ENCODINGS.index(encoding)) + zigzag(width) + zigzag(height)
    body += blob(payload)
    attributes = attributes or {}
    if attributes:
        body += zigzag(len(attributes))
        for k, v in attributes.items():
            body += blob(k.encode()) + blob(v.encode())
    body += zigzag(0)
    return b"\xc3\x01" + FRAME_FINGERPRINT + body


class Reader:
    def __init__(self, data):
        self.data, self.pos = data, 0

    def long(self):
        shift = result = 0
        while True:
            b = self.data[self.pos]
            self.pos += 1
            result |= (b & 0x7F) << shift
            if not b & 0x80:
                return (result >> 1) ^ -(result & 1)
            shift += 7

    def bytes(self):
        n = self.long()
        b = self.data[self.pos:self.pos + n]
        self.pos += n
        return b

    def string(self):
        return self.bytes().decode()

    def double(self):
        (v,) = struct.unpack("<d", self.data[self.pos:self.pos + 8])
        self.pos += 8
        return v

    def string_map(self):
        out = {}
        while True:
            count = self.long()
            if count == 0:
                return out
            if count < 0:
                count = -count
                self.long()  # block size in bytes
            for _ in range(count):
                k = self.string()
                out[k] = self.string()


def decode_enhanced(data):
    if data[:2] != b"\xc3\x01" or data[2:10] != ENHANCED_FINGERPRINT:
        raise ValueError("not a single-object EnhancedFrame (header %s)" % data[:10].hex())
    r = Reader(data[10:])
    frame = {"streamId": r.string(), "sequence": r.long(), "captureTime": r.long(), "task": r.string(),
             "modelVersion": r.string(), "flavour": r.string(), "inputWidth": r.long(), "inputHeight": r.long(),
             "width": r.long(), "height": r.long(), "encoding": ENCODINGS[r.long()]}
    payload = r.bytes()
    frame["attributes"] = r.string_map()
    frame["timings"] = {"decodeMs": r.double(), "queuedMs": r.double(), "inferenceMs": r.double(),
                        "encodeMs": r.double(), "batchSize": r.long()}
    frame["enhancedTime"] = r.long()
    frame["modelScope"] = r.string()
    frame["modelSha256"] = r.string()
    return frame, payload


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    enc = sub.add_parser("encode-frame", help="write a Frame record for an image file to stdout")
    enc.add_argument("image")
    enc.add_argument("--stream", required=True)
    enc.add_argument("--seq", type=int, required=True)
    enc.add_argument("--task", required=True)
    dec = sub.add_parser("decode-enhanced", help="print an EnhancedFrame record as JSON")
    dec.add_argument("record")
    dec.add_argument("--payload", help="write the enhanced image here")
    args = parser.parse_args()
    if args.command == "encode-frame":
        data = open(args.image, "rb").read()
        encoding = "JPEG" if data[:2] == b"\xff\xd8" else "PNG"
        sys.stdout.buffer.write(encode_frame(args.stream, args.seq, args.task, encoding, data,
                                             attributes={"source": args.image}))
    else:
        frame, payload = decode_enhanced(open(args.record, "rb").read())
        if args.payload:
            open(args.payload, "wb").write(payload)
        print(json.dumps(frame, indent=2))


if __name__ == "__main__":
    main()
