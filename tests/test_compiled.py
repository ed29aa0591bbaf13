"""The bundled files kept parsed (engine/compiled/data.msgpack): fresh, used only while their file is unchanged, never needed.

The declarations, sources, region files and catalogs were parsed on every start; the cache must never change an
answer, so a file edited after it was written is parsed again.
"""

from __future__ import annotations

from datetime import date

import msgspec

import pytest

from engine import evaluate, load_profile
from engine.build import catalogs, compiled as writer
from engine.build.__main__ import main as build_main
from engine.data import compiled, i18n, policy
from tests.conftest import ROOT

XUZHOU = ROOT / "profiles" / "xuzhou-flexible-man.toml"


def test_the_kept_files_are_what_the_files_parse_to_now():
    assert writer.stale() == [], "run python -m engine.build"


def test_the_catalogs_are_compiled_from_their_po_files():
    assert catalogs.stale() == [], "run python -m engine.build"


def test_the_build_command_finds_nothing_stale():
    assert build_main(["--check"]) == 0


def test_every_bundled_file_is_kept_once():
    keys = set(compiled.entries())
    assert {"params", "sources", "catalog:zh", "catalog:en"} <= keys
    assert {f"region:{r}" for r in policy._files(policy.POLICY_DIR)} <= keys


@pytest.fixture
def cache_at(tmp_path, monkeypatch):
    """Point the cache at a file of the test's own and start from nothing read."""
    path = tmp_path / "data.msgpack"
    monkeypatch.setattr(compiled, "CACHE", path)
    compiled.forget()
    yield path
    monkeypatch.undo()
    compiled.forget()


def write_entries(path, entries, format=compiled.FORMAT):
    path.write_bytes(msgspec.msgpack.encode({"format": format, "entries": entries}))
    compiled.forget()


def record(value) -> msgspec.Raw:
    return msgspec.Raw(msgspec.msgpack.encode(value))


def test_an_entry_is_used_only_for_the_same_bytes(cache_at):
    write_entries(cache_at, {"k": (compiled.digest(b"file v1"), record("kept"))})
    assert compiled.load("k", compiled.digest(b"file v1"), lambda: "parsed", str) == "kept"
    assert compiled.load("k", compiled.digest(b"file v2"), lambda: "parsed", str) == "parsed"
    assert compiled.load("other", compiled.digest(b"file v1"), lambda: "parsed", str) == "parsed"


@pytest.mark.parametrize("content", [b"", b"not msgpack", msgspec.msgpack.encode(["a list"]),
                                     msgspec.msgpack.encode({"format": compiled.FORMAT + 1, "entries": {}}),
                                     msgspec.msgpack.encode({"format": compiled.FORMAT, "entries": {"k": "x"}}),
                                     b"\x80\x05garbage (a pickle's opening)"])
def test_a_missing_damaged_or_foreign_cache_means_parsing(cache_at, content):
    cache_at.write_bytes(content)
    compiled.forget()
    assert compiled.load("k", 1, lambda: "parsed", str) == "parsed"


def test_no_cache_file_at_all_means_parsing(cache_at):
    assert not cache_at.exists()
    assert compiled.load("k", 1, lambda: "parsed", str) == "parsed"


@pytest.mark.parametrize("entry", [msgspec.Raw(b"\xc1"), record(["not", "a", "text"]), record({"id": 1})])
def test_a_damaged_entry_or_one_of_another_type_means_parsing(cache_at, entry):
    write_entries(cache_at, {"k": (7, entry)})
    assert compiled.load("k", 7, lambda: "parsed", str) == "parsed"
    assert compiled.load("k", 7, lambda: policy._empty("x"), policy.RegionData) == policy._empty("x")


def test_the_same_report_with_and_without_the_cache(cache_at):
    """Every figure, source and sentence is the same whether the files were parsed or taken from the cache."""
    profile = load_profile(XUZHOU)
    as_of = date(2026, 11, 22)

    def fresh_report() -> dict:
        policy.reload()
        policy.sources.cache_clear()
        i18n.catalog.cache_clear()
        return evaluate(profile, as_of).to_dict("en")

    without = fresh_report()  # the test's cache file does not exist: everything parsed
    writer.write(cache_at)
    assert cache_at.exists()
    with_cache = fresh_report()
    assert with_cache == without
    assert policy.region_data("national").path == policy.POLICY_DIR / "national.toml"


def test_an_edited_region_file_is_read_again(cache_at, monkeypatch):
    """A region file changed after the cache was written: its digest differs, so the file itself is parsed."""
    writer.write(cache_at)
    national = policy.POLICY_DIR / "national.toml"
    real = national.read_bytes

    edited = real().replace(b'summary = "', b'summary = "EDITED ', 1)
    assert edited != real()
    monkeypatch.setattr(type(national), "read_bytes", lambda self: edited if self == national else real.__func__(self))
    monkeypatch.setattr(type(national), "read_text",
                        lambda self, encoding=None: (edited if self == national else real.__func__(self)).decode())
    policy.reload()
    try:
        assert policy.region_data("national").summary.startswith("EDITED ")
    finally:
        monkeypatch.undo()
        policy.reload()


def test_a_damaged_context_of_a_kept_catalog_means_reading_the_mo(monkeypatch):
    """A catalog's contexts are read from the kept file when first asked for; one that does not decode means the
    whole catalog is read from its .mo, and the words are the same."""
    i18n.catalog.cache_clear()
    try:
        kept = i18n.catalog("zh")
        expected = i18n.text("cli", "usage_error", "zh", detail="x")
        kept.contexts["cli"] = msgspec.Raw(b"\xc1")
        monkeypatch.setattr(i18n, "catalog", lambda lang: kept)
        assert i18n.text("cli", "usage_error", "zh", detail="x") == expected
        assert not any(isinstance(v, msgspec.Raw) for v in kept.contexts.values())
    finally:
        monkeypatch.undo()
        i18n.catalog.cache_clear()
