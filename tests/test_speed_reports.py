"""coursecode.speed.reports: how the benchmarks write their results and tables."""

from __future__ import annotations

from coursecode.speed.reports import write_texts


def test_the_texts_are_written_in_order_as_utf8_into_a_folder_made_for_them(tmp_path):
    out = tmp_path / "results" / "nested"
    (tmp_path / "results").mkdir()
    texts = {"b.md": "| 3.0 µs | 2\N{MULTIPLICATION SIGN} |\n", "a.json": '{"x": 1}\n'}
    written = write_texts(out, texts)
    assert written == [out / "b.md", out / "a.json"]
    assert (out / "b.md").read_bytes() == "| 3.0 µs | 2\N{MULTIPLICATION SIGN} |\n".encode()
    assert (out / "a.json").read_text(encoding="utf-8") == '{"x": 1}\n'
    # A second run replaces what the first wrote.
    write_texts(out, {"a.json": "{}\n"})
    assert (out / "a.json").read_text(encoding="utf-8") == "{}\n"
