"""Our coverage must equal Cardinal's, byte for byte of output, on every OCDS file we hold.

`ocdscardinal.coverage` (PyPI 0.0.8) is the oracle; Cardinal's own `.expected` files are a second,
independent one. The edge cases below are where a Python JSON parser and serde_json disagree.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import ocdscardinal
import orjson
import pytest

from adaldyq.ingest.coverage import coverage
from tests.conftest import CARDINAL, OCDS, REAL_OCDS

ALL_JSONL = sorted(OCDS.rglob("*.jsonl"))
EXPECTED = sorted((CARDINAL / "coverage").glob("*.expected"))

EDGE_CASES = {
    "number_beyond_double": b'{"a":1e400,"b":-1e400}\n',
    "integer_beyond_u64": b'{"a":100000000000000000000000000000}\n',
    "nan_is_invalid": b'{"a":NaN}\n{"b":1}\n',
    "infinity_is_invalid": b'{"a":Infinity}\n',
    "lone_surrogate_is_invalid": b'{"a":"\\ud800"}\n{"b":"\\ud83d\\ude00"}\n',
    "big_number_and_lone_surrogate": b'{"a":1e400,"b":"\\udc00"}\n',
    "byte_order_mark_line_is_invalid": b'\xef\xbb\xbf{"a":1}\n{"b":1}\n',
    "crlf_line_ends": b'{"a":1}\r\n{"b":[{}]}\r\n',
    "carriage_return_inside_a_line": b'{"a":1}\r{"b":1}\n',
    "invalid_utf8_inside_a_line": b'{"a":1,"b":"\xff"}\n{"c":1}\n',
    "duplicate_key_last_wins": b'{"a":{"b":1},"a":{}}\n{"c":[],"c":[0]}\n',
    "no_final_newline": b'{"a":[0, {"b": ""}]}',
    "depth_127_accepted": b"[" * 127 + b"1" + b"]" * 127 + b"\n",
    "depth_128_rejected": b'{"x":1}\n' + b"[" * 128 + b"1" + b"]" * 128 + b'\n{"y":2}\n',
    "deep_objects_rejected_after_counting_siblings": (
        b'{"s":1,"t":[2],"d":' + b'{"a":' * 127 + b"1" + b"}" * 128 + b"\n"
    ),
    "deep_empty_arrays_rejected": b'{"a":[' + b"[" * 127 + b"]" * 127 + b"]}\n",
    "key_that_looks_like_a_path": b'{"a[]":1,"a":[1],"":{"":2}}\n',
}


def _ids(paths: list[Path]) -> list[str]:
    return [str(p.relative_to(OCDS)) for p in paths]


@pytest.mark.parametrize("path", ALL_JSONL, ids=_ids(ALL_JSONL))
def test_equals_cardinal_on_every_file(path: Path) -> None:
    assert coverage(path) == ocdscardinal.coverage(str(path))


@pytest.mark.parametrize("expected", EXPECTED, ids=_ids(EXPECTED))
def test_equals_cardinal_expected_outputs(expected: Path) -> None:
    assert coverage(expected.with_suffix(".jsonl")) == orjson.loads(expected.read_bytes())


@pytest.mark.parametrize("content", EDGE_CASES.values(), ids=EDGE_CASES.keys())
def test_equals_cardinal_where_parsers_disagree(content: bytes, tmp_path: Path) -> None:
    path = tmp_path / "case.jsonl"
    path.write_bytes(content)
    assert coverage(path) == ocdscardinal.coverage(str(path))


def test_parallel_blocks_and_gzip_give_the_same_counts(tmp_path: Path) -> None:
    """Many small blocks over two workers, read from gzip, add up to the oracle's counts."""
    plain = tmp_path / "all.jsonl"
    plain.write_bytes(b"".join(p.read_bytes() for p in sorted(REAL_OCDS.glob("*.jsonl"))))
    packed = tmp_path / "all.jsonl.gz"
    packed.write_bytes(gzip.compress(plain.read_bytes()))
    expected = ocdscardinal.coverage(str(plain))
    assert len(expected) > 1000
    assert coverage(packed, workers=2, block_size=64 << 10) == expected
    assert coverage(packed, workers=1, block_size=1000) == expected
