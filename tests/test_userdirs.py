"""engine.data.userdirs names the same folders as platformdirs (it exists to spare `yibao check` importing it)."""

from __future__ import annotations

import sys
from pathlib import Path

import platformdirs
import pytest
from hypothesis import given, settings, strategies as st

from engine.data import userdirs

VARS = ("HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "ANDROID_DATA", "ANDROID_ROOT")
PATHS = st.sampled_from(["/home/wang", "/home/wang/", "/", "//srv/x", "/data/我的", "relative/dir", "~/x", "",
                         "/tmp/a b", "~"])
ENVS = st.fixed_dictionaries({}, optional={name: PATHS for name in VARS[:3]})


def _same(monkeypatch, env: dict[str, str]) -> None:
    for name in VARS:
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    try:
        data, cache = platformdirs.user_data_path("yibao"), platformdirs.user_cache_path("yibao")
    except RuntimeError:  # platformdirs refuses a home it cannot find; then it is asked, and refuses the same
        assert userdirs._plain_linux_folder("data", "yibao") is None
        return
    assert userdirs.user_data_path("yibao") == data
    assert userdirs.user_cache_path("yibao") == cache


@pytest.mark.skipif(sys.platform != "linux", reason="the folder is written out on Linux only")
@settings(max_examples=300, deadline=None)
@given(env=ENVS)
def test_same_folders_as_platformdirs(env):
    with pytest.MonkeyPatch.context() as monkeypatch:
        _same(monkeypatch, env)


@pytest.mark.parametrize("env, data, cache", [
    ({"HOME": "/home/wang"}, "/home/wang/.local/share/yibao", "/home/wang/.cache/yibao"),  # the common case
    ({"HOME": "/home/wang", "XDG_DATA_HOME": "/d", "XDG_CACHE_HOME": "/c"}, "/d/yibao", "/c/yibao"),
    ({"HOME": "/home/wang", "XDG_DATA_HOME": ""}, "/home/wang/.local/share/yibao", "/home/wang/.cache/yibao"),
])
@pytest.mark.skipif(sys.platform != "linux", reason="the folder is written out on Linux only")
def test_plain_linux_folders(monkeypatch, env, data, cache):
    _same(monkeypatch, env)
    assert userdirs.user_data_path("yibao") == Path(data)
    assert userdirs.user_cache_path("yibao") == Path(cache)


@pytest.mark.parametrize("env", [{"HOME": "relative"}, {"HOME": "/h", "XDG_DATA_HOME": "rel", "XDG_CACHE_HOME": "rel"},
                                 {"HOME": "/h", "ANDROID_DATA": "/data", "ANDROID_ROOT": "/system"}])
def test_platformdirs_decides_the_odd_cases(monkeypatch, env):
    for name in VARS:
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert userdirs._plain_linux_folder("data", "yibao") is None
    assert userdirs._plain_linux_folder("cache", "yibao") is None
