"""Answers encoded by orjson (``api/json_body.py``): the standard library's bytes for
ASCII text, the same JSON otherwise, and what orjson refuses still encoded."""

from __future__ import annotations

import json

from graphcmdb.api import json_body

ANSWER = {"data": {"impact": {"nodes": [{"node": {"id": "a1", "labels": ["CI"]}, "n": 3}]}}}


def test_ascii_answers_are_the_standard_librarys_bytes() -> None:
    expected = json.dumps(ANSWER, separators=(",", ":")).encode()
    assert json_body.encode(ANSWER) == expected
    assert json_body.encode_text(ANSWER) == expected.decode()


def test_text_beyond_ascii_is_the_same_json() -> None:
    data = {"data": {"name": "Zürich core \u2713 \u00e9", "none": None, "x": 1.5}}
    assert json.loads(json_body.encode(data)) == data


def test_an_integer_beyond_64_bits_goes_through_the_standard_library() -> None:
    data = {"data": {"big": 2**70}}
    assert json_body.encode(data) == b'{"data":{"big":1180591620717411303424}}'
