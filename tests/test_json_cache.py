"""hooks/_json_cache.py: values are made once per key, survive a new process through the
file, and a save keeps what was used (or everything, for a partial rebuild)."""

from __future__ import annotations

import json

from by_path import load

JsonCache = load("hooks/_json_cache.py").JsonCache


def test_a_value_is_made_once_and_read_back_by_the_next_build(tmp_path):
    path = tmp_path / ".cache" / "values.json"
    made = []

    def make(value):
        made.append(value)
        return value

    cache = JsonCache(path)
    assert cache.get("a", lambda: make([1, 2])) == [1, 2]
    assert cache.get("a", lambda: make("never")) == [1, 2]
    assert made == [[1, 2]]
    assert cache.made == 1
    cache.save()
    assert json.loads(path.read_text()) == {"a": [1, 2]}

    again = JsonCache(path)
    assert again.get("a", lambda: make("never")) == [1, 2]
    assert made == [[1, 2]]
    assert again.made == 0
    assert list(tmp_path.glob(".cache/*.tmp")) == []


def test_a_save_keeps_the_used_keys_or_all_of_them(tmp_path):
    path = tmp_path / "values.json"
    first = JsonCache(path)
    for key in "abc":
        first.get(key, lambda key=key: key.upper())
    first.save()

    partial = JsonCache(path)
    partial.get("b", lambda: "never")
    partial.save(keep_all=True)  # a rebuild that looked at one input: the others stay
    assert json.loads(path.read_text()) == {"a": "A", "b": "B", "c": "C"}

    full = JsonCache(path)
    full.get("b", lambda: "never")
    full.get("d", lambda: "D")
    full.save()
    assert json.loads(path.read_text()) == {"b": "B", "d": "D"}


def test_an_unchanged_cache_is_not_written_again(tmp_path):
    path = tmp_path / "values.json"
    cache = JsonCache(path)
    cache.get("a", lambda: 1)
    cache.save()
    path.write_text('{"a": 1}  ')  # the save below must leave this text alone
    same = JsonCache(path)
    same.get("a", lambda: 2)
    same.save()
    assert path.read_text() == '{"a": 1}  '


def test_a_missing_or_broken_file_is_an_empty_cache(tmp_path):
    path = tmp_path / "values.json"
    assert JsonCache(path).entries == {}
    path.write_text('{"a": ')
    cache = JsonCache(path)
    assert cache.get("a", lambda: 3) == 3
    assert cache.made == 1
