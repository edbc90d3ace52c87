#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets.

    make_corpus.py SOURCE_ROOT OUT_DIR

OUT_DIR/fuzz_query: every statement of tests/queries/**/*.test and
tests/privacy/*.test, one a file.
OUT_DIR/fuzz_import: the CSV files of tests/data/import (their first 40
lines), each node file alone and followed by a NUL and each relationship file.
OUT_DIR/fuzz_records: hand-encoded records, values, index keys and adjacency
blocks in the layout of storage/record_codec.h, storage/index_key_codec.h and
storage/adjacency_block.h, with the selector byte fuzz_records.cc reads
first.

Files are named by the SHA-1 of their contents (libFuzzer's own naming), so
running the script again adds nothing twice and leaves inputs libFuzzer has
added beside them alone.
"""
import hashlib
import pathlib
import struct
import sys

DIRECTIVES = ("statement ok", "statement error", "query")


def write(out: pathlib.Path, data: bytes) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / hashlib.sha1(data).hexdigest()).write_bytes(data)


def statements(test_file: pathlib.Path):
    """The statements of a .test file: the lines after a statement or query
    directive, up to '----' or the blank line that ends the block."""
    lines = test_file.read_text(encoding="utf-8").split("\n")
    i = 0
    while i < len(lines):
        if lines[i].strip().startswith(DIRECTIVES):
            body = []
            i += 1
            while i < len(lines) and lines[i].strip() and lines[i].strip() != "----":
                body.append(lines[i])
                i += 1
            if body:
                yield "\n".join(body)
        i += 1


def query_corpus(root: pathlib.Path, out: pathlib.Path) -> int:
    n = 0
    test_files = sorted((root / "tests/queries").rglob("*.test"))
    test_files += sorted((root / "tests/privacy").glob("*.test"))
    for test_file in test_files:
        for text in statements(test_file):
            write(out, text.encode("utf-8"))
            n += 1
    return n


def import_corpus(root: pathlib.Path, out: pathlib.Path) -> int:
    def head(path: pathlib.Path) -> bytes:
        return b"".join(path.read_bytes().splitlines(keepends=True)[:40])

    files = sorted((root / "tests/data/import").glob("*.csv"))
    node_files, rel_files = [], []
    for f in files:
        first = head(f).split(b"\n", 1)[0]
        (rel_files if b":START_ID" in first else node_files).append(head(f))
    n = 0
    for nodes in node_files:
        write(out, nodes)
        n += 1
        for rels in rel_files:
            write(out, nodes + b"\0" + rels)
            n += 1
    return n


def varint(v: int) -> bytes:
    out = bytearray()
    while v >= 0x80:
        out.append((v & 0x7F) | 0x80)
        v >>= 7
    out.append(v)
    return bytes(out)


def zigzag(v: int) -> int:
    return (v << 1) ^ (v >> 63) if v >= 0 else ((-v - 1) << 1) | 1


def value(tag: str, v=None) -> bytes:
    """A value in the record layout (ValueType numbers in storage/value.h)."""
    if tag == "null":
        return b"\x00"
    if tag == "bool":
        return b"\x01" + bytes([1 if v else 0])
    if tag == "int":
        return b"\x02" + varint(zigzag(v))
    if tag == "float":
        return b"\x03" + struct.pack("<d", v)
    if tag == "string":
        return b"\x04" + varint(len(v)) + v
    if tag == "list":
        return b"\x05" + varint(len(v)) + b"".join(v)
    if tag == "map":
        return b"\x06" + varint(len(v)) + b"".join(varint(len(k)) + k + e for k, e in v)
    if tag == "date":
        return b"\x07" + varint(zigzag(v))
    if tag == "datetime":
        return b"\x08" + varint(zigzag(v))
    if tag == "duration":
        return b"\x09" + b"".join(varint(zigzag(x)) for x in v)
    raise ValueError(tag)


def adjacency_block(entries: list) -> bytes:
    """A block of sorted (other, relationship) pairs: count, first entry, the
    widths, then the packed deltas and zigzag steps."""
    out = varint(len(entries)) + varint(entries[0][0]) + varint(entries[0][1])
    if len(entries) == 1:
        return out
    deltas = [b[0] - a[0] for a, b in zip(entries, entries[1:])]
    steps = [2 * (b[1] - a[1]) if b[1] >= a[1] else 2 * (a[1] - b[1]) - 1 for a, b in zip(entries, entries[1:])]
    width, step_width = max(d.bit_length() for d in deltas), max(1, max(s.bit_length() for s in steps))

    def pack(values: list, bits: int) -> bytes:
        n = sum(v << (i * bits) for i, v in enumerate(values))
        return n.to_bytes((len(values) * bits + 7) // 8, "little")

    return out + bytes([width, step_width]) + pack(deltas, width) + pack(steps, step_width)


def records_corpus(out: pathlib.Path) -> int:
    values = [
        value("null"),
        value("bool", True),
        value("int", -123456789012),
        value("float", 3.25),
        value("string", "Zoë".encode("utf-8")),
        value("list", [value("int", 1), value("string", b"x"), value("null")]),
        value("date", 19000),
        value("datetime", -5),
        value("duration", (14, -3, 1500000)),
    ]
    values.append(value("map", [(b"a", value("int", 1)), (b"b", value("list", [value("bool", False)]))]))
    props = varint(len(values)) + b"".join(varint(k) + v for k, v in enumerate(values))
    node = varint(3) + varint(1) + varint(4) + varint(9) + props
    rel = varint(123456789) + varint(5) + varint(3) + props
    seeds = [b"\x01" + node, b"\x01" + varint(0) + varint(0), b"\x03" + rel,
             b"\x03" + varint(1) + varint(2) + varint(0) + varint(0)]
    seeds += [b"\x04" + v for v in values]
    # Index keys (storage/index_key_codec.h): bool, number, int beyond a
    # double, short string, long string, date, datetime, duration.
    seeds += [
        b"\x05\x10\x01",
        b"\x05\x20" + struct.pack(">Q", 0xC000000000000000) + b"\x00",
        b"\x05\x20" + struct.pack(">Q", 0xC340000000000000) + b"\x01" + struct.pack(">Q", 0x8020000000000001),
        b"\x05\x30ab\x00\xffc\x00\x00",
        b"\x05\x30" + b"x" * 128 + b"\x00\x01" + b"\x12" * 8,
        b"\x05\x40" + struct.pack(">Q", 0x8000000000004A38),
        b"\x05\x50" + struct.pack(">Q", 0x8000000000000005),
        b"\x05\x60" + struct.pack(">QQQ", 0x8000000000000001, 0x8000000000000002, 0x8000000000000003),
    ]
    # Adjacency blocks (storage/adjacency_block.h).
    seeds += [
        b"\x06" + adjacency_block([(7, 9)]),
        b"\x06" + adjacency_block([(5, 100), (5, 101), (300, 60), (2**40, 2**50)]),
        b"\x06" + adjacency_block([(i * 3, 1000 + i) for i in range(40)]),
    ]
    for s in seeds:
        write(out, s)
    return len(seeds)


def main() -> None:
    if len(sys.argv) != 3:
        sys.exit("usage: make_corpus.py SOURCE_ROOT OUT_DIR")
    root, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    counts = {
        "fuzz_query": query_corpus(root, out / "fuzz_query"),
        "fuzz_import": import_corpus(root, out / "fuzz_import"),
        "fuzz_records": records_corpus(out / "fuzz_records"),
    }
    print(", ".join(f"{name}: {n} seeds" for name, n in counts.items()))


if __name__ == "__main__":
    main()
