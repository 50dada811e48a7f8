"""Writes a safetensors file for the runtime's lit tests, without third-party modules.

usage: safetensors.py OUT NAME:DTYPE:D0xD1...[=VALUE] ...

Each tensor is filled with VALUE (default: 0.25 * ((i % 7) - 3) for element i); DTYPE is one
of F32, I64, BOOL. A shape of `-` is a 0-d tensor.
"""
import json
import struct
import sys

FORMATS = {"F32": ("<f", 4), "I64": ("<q", 8), "BOOL": ("<?", 1)}


def main():
    out, specs = sys.argv[1], sys.argv[2:]
    header, blobs, offset = {}, [], 0
    for spec in specs:
        spec, _, value = spec.partition("=")
        name, dtype, dims = spec.split(":")
        shape = [] if dims == "-" else [int(d) for d in dims.split("x")]
        count = 1
        for d in shape:
            count *= d
        fmt, size = FORMATS[dtype]
        values = []
        for i in range(count):
            v = float(value) if value else 0.25 * ((i % 7) - 3)
            values.append(bool(v) if dtype == "BOOL" else int(v) if dtype == "I64" else v)
        blob = b"".join(struct.pack(fmt, v) for v in values)
        header[name] = {"dtype": dtype, "shape": shape, "data_offsets": [offset, offset + len(blob)]}
        blobs.append(blob)
        offset += len(blob)
    text = json.dumps(header).encode()
    text += b" " * (-len(text) % 8)
    with open(out, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(blobs))


main()
