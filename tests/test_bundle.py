"""The bundle: equal to the strict YAML path, cached outside the tree, never trusted when it does not match."""

from __future__ import annotations

import hashlib
import io
import json
import os
import pickle
import shutil
import struct
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import mtib
import mtib.io.loading as loading
from mtib.core.model import HelixSphere, Organisation
from mtib.core.schema import COLLECTIONS
from mtib.io import bundle
from mtib.io.bundle import BUNDLE_NAME, FORMAT, cache_dir, cache_file, digest, read_bundle, write_bundle, write_cache
from mtib.io.loading import data_dir, load_yaml_directory

from .test_properties import _with_spheres, datasets


@pytest.fixture(scope="module")
def strict() -> mtib.Dataset:
    """The bundled data, read strictly from the YAML."""
    return load_yaml_directory(data_dir())


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty cache directory of its own (not created yet)."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("MTIB_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    root = tmp_path / "data"
    shutil.copytree(data_dir(), root)
    return root


@pytest.fixture
def first_use(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """``mtib.load()`` as on first use; yields the directories it read YAML from."""
    monkeypatch.setattr(loading, "_bundled", None)
    calls: list[Path] = []
    original = loading.load_yaml_directory

    def spy(root: Path) -> mtib.Dataset:
        calls.append(root)
        return original(root)

    monkeypatch.setattr(loading, "load_yaml_directory", spy)
    return calls


def _no_yaml(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(root: Path) -> mtib.Dataset:
        raise AssertionError(f"the YAML in {root} was read")

    monkeypatch.setattr(loading, "_bundled", None)
    monkeypatch.setattr(loading, "load_yaml_directory", refuse)


# ----------------------------------------------------------------------------- the normal path


def test_first_use_from_a_checkout_writes_the_cache_then_uses_it(
    cache: Path, first_use: list[Path], strict: mtib.Dataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert not cache.exists()
    first = mtib.load()
    assert first_use == [data_dir()]  # no bundle yet: the strict YAML path
    assert first == strict
    target = cache_file(data_dir())
    assert target is not None and target.parent == cache
    assert sorted(p.name for p in cache.iterdir()) == [target.name]  # nothing half-written left
    assert target.name.startswith(f"bundle-{FORMAT}-")

    _no_yaml(monkeypatch)  # the next first use reads the cache, never the YAML
    again = mtib.load()
    assert again == strict and again is not first
    for name in COLLECTIONS:
        assert getattr(again, name).records == getattr(strict, name).records
    # derived values survive too
    assert again.partnerships["momentum"].spheres == strict.partnerships["momentum"].spheres
    assert again.resolve("momentum") == strict.resolve("momentum")


def test_the_cache_file_is_keyed_by_format_data_and_code(data_copy: Path, cache: Path) -> None:
    name = cache_file(data_copy)
    assert name is not None and name == cache_file(data_dir())  # the same data, the same file
    (data_copy / "extra.yaml").write_text("sources: []\n")
    assert cache_file(data_copy) != name


def test_the_packaged_bundle_comes_first(
    data_copy: Path, cache: Path, strict: mtib.Dataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bundle, "_packaged_dir", lambda: data_copy.resolve())
    write_cache(strict, data_copy)
    # A packaged bundle that holds less than the cache, so that we can tell which one was read.
    only_sources = mtib.Dataset({"sources": strict.sources.records})
    write_bundle(only_sources, data_copy, data_copy / BUNDLE_NAME)
    assert read_bundle(data_copy) == only_sources
    (data_copy / BUNDLE_NAME).write_bytes(b"not a bundle")  # a broken packaged bundle: the cache
    assert read_bundle(data_copy) == strict


def test_a_bundle_in_a_data_directory_outside_the_package_is_never_read(
    data_copy: Path, cache: Path, strict: mtib.Dataset
) -> None:
    write_bundle(strict, data_copy, data_copy / BUNDLE_NAME)
    assert read_bundle(data_copy) is None  # only the cache counts for a source checkout's data/


def test_write_bundle_is_reproducible(tmp_path: Path) -> None:
    """The same data give the same bytes, whatever the order of the frozensets in this process."""
    code = (
        "import hashlib, sys, pathlib; from mtib.io import bundle; from mtib.io.loading import data_dir, "
        "load_yaml_directory; t = bundle.write_bundle(load_yaml_directory(data_dir()), data_dir(), "
        "pathlib.Path(sys.argv[1])); print(hashlib.sha256(t.read_bytes()).hexdigest())"
    )
    digests = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run(
            [sys.executable, "-c", code, str(tmp_path / seed)], env=env, capture_output=True, text=True, check=True
        )
        digests.add(out.stdout.strip())
    assert len(digests) == 1


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(records=datasets())
def test_random_datasets_round_trip_through_a_bundle(tmp_path: Path, records: dict[str, list[Any]]) -> None:
    ds = _with_spheres(records)
    target = write_bundle(ds, tmp_path, tmp_path / "b.mtib")
    assert _read(target, tmp_path) == ds


def _read(path: Path, root: Path) -> mtib.Dataset | None:
    """Read ``path`` the way the packaged bundle of the data in ``root`` is read."""
    return bundle._read(path, bundle._header(digest(root), with_code=False))


# ----------------------------------------------------------------------------- what is ignored


def test_a_stale_cache_is_ignored(data_copy: Path, cache: Path, strict: mtib.Dataset) -> None:
    old = write_cache(strict, data_copy)
    assert old is not None and read_bundle(data_copy) == strict
    topsectors = data_copy / "topsectors.yaml"
    topsectors.write_text(topsectors.read_text(encoding="utf-8").replace("established: 2011", "established: 2012", 1))
    assert read_bundle(data_copy) is None
    # even under the new name: its header has the old digest
    new = cache_file(data_copy)
    assert new is not None and new != old
    shutil.copy(old, new)
    assert read_bundle(data_copy) is None
    assert load_yaml_directory(data_copy).topsectors.records[0].established == 2012


def _split(data: bytes) -> tuple[dict[str, Any], bytes]:
    (size,) = struct.unpack_from(">I", data, len(bundle.MAGIC))
    start = len(bundle.MAGIC) + 4
    header: dict[str, Any] = json.loads(data[start : start + size])
    return header, data[start + size :]


def _join(header: dict[str, Any], body: bytes) -> bytes:
    head = json.dumps(header).encode()
    return bundle.MAGIC + struct.pack(">I", len(head)) + head + body


def _other_layout(h: dict[str, Any]) -> None:
    h["layout"]["Topsector"].append("colour: str")


def _renamed_field(h: dict[str, Any]) -> None:
    h["layout"]["Topsector"][0] = "key: str"


def _other_enum(h: dict[str, Any]) -> None:
    h["layout"]["HelixSphere"].pop()


def _missing_collection(h: dict[str, Any]) -> None:
    del h["collections"]["agendas"]


def _out_of_range(h: dict[str, Any]) -> None:
    h["collections"]["sources"][1] += 10**9


def _other_checksum(h: dict[str, Any]) -> None:
    h["collections"]["sources"][2] = "0" * 32


HEADER_CHANGES: dict[str, Callable[[dict[str, Any]], None]] = {
    "another format": lambda h: h.update(format=FORMAT + 1),
    "format 1": lambda h: h.update(format=1),
    "another mtib version": lambda h: h.update(mtib="0.0.1"),
    "a stale data digest": lambda h: h.update(data="0" * 64),
    "other code": lambda h: h.update(code="0" * 64),
    "no format": lambda h: h.pop("format"),
    "another field layout": _other_layout,
    "a renamed field": _renamed_field,
    "another enum": _other_enum,
    "a missing collection": _missing_collection,
    "a collection beyond the end": _out_of_range,
    "a wrong checksum": _other_checksum,
    "an empty header": lambda h: h.clear(),
}


@pytest.mark.parametrize("change", list(HEADER_CHANGES), ids=list(HEADER_CHANGES))
def test_a_cache_with_another_header_is_ignored(change: str, cache: Path, strict: mtib.Dataset) -> None:
    target = write_cache(strict, data_dir())
    assert target is not None and read_bundle(data_dir()) == strict
    header, body = _split(target.read_bytes())
    HEADER_CHANGES[change](header)
    target.write_bytes(_join(header, body))
    assert read_bundle(data_dir()) is None


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX owners and modes")
@pytest.mark.parametrize("change", ["group-writable", "world-writable", "another owner"])
def test_a_cache_file_others_could_have_written_is_ignored(change: str, cache: Path, strict: mtib.Dataset) -> None:
    target = write_cache(strict, data_dir())
    assert target is not None and read_bundle(data_dir()) == strict
    if change == "another owner":
        if os.geteuid() != 0:
            pytest.skip("only root can give a file away")
        os.chown(target, 65534, -1)
    else:
        target.chmod(0o620 if change == "group-writable" else 0o602)
    assert read_bundle(data_dir()) is None


def test_the_header_of_a_bundle_says_what_it_holds(tmp_path: Path, strict: mtib.Dataset) -> None:
    header, body = _split(write_bundle(strict, data_dir(), tmp_path / "b").read_bytes())
    assert header["format"] == FORMAT
    assert header["mtib"] == mtib.__version__
    assert header["data"] == digest(data_dir())
    assert header["layout"]["Participant"] == ["organisation: str", "role: Role", "sphere: HelixSphere | None"]
    assert sorted(header["collections"]) == sorted(COLLECTIONS)
    offset, length, _ = header["collections"]["topsectors"]
    # each collection is a pickle of its own, decodable alone
    assert bundle._Unpickler(io.BytesIO(body[offset : offset + length])).load() == strict.topsectors.records


def _corruptions() -> dict[str, Callable[[bytes], bytes]]:
    def flip(at: int) -> Callable[[bytes], bytes]:
        return lambda d: d[:at] + bytes([d[at] ^ 0xFF]) + d[at + 1 :]

    return {
        "empty": lambda d: b"",
        "only the magic": lambda d: bundle.MAGIC,
        "cut in the header": lambda d: d[:40],
        "cut in the records": lambda d: d[: len(d) // 2],
        "a byte off at the end": lambda d: d[:-1],
        "a byte more": lambda d: d + b"\0",
        "random bytes": lambda d: hashlib.sha256(d).digest() * 100,
        "a flipped byte in the magic": flip(0),
        "a flipped header length": flip(len(bundle.MAGIC) + 3),
        "a flipped byte in the records": lambda d: flip(len(d) - 100)(d),
        "JSON, as format 1 was": lambda d: b'{"format": 1}',
        "a header that is a list": lambda d: _join([], b""),  # type: ignore[arg-type]
    }


CORRUPTIONS = _corruptions()


@pytest.mark.parametrize("corruption", list(CORRUPTIONS), ids=list(CORRUPTIONS))
def test_a_corrupt_cache_is_ignored_and_replaced(
    corruption: str, cache: Path, first_use: list[Path], strict: mtib.Dataset
) -> None:
    target = write_cache(strict, data_dir())
    assert target is not None
    target.write_bytes(CORRUPTIONS[corruption](target.read_bytes()))
    assert read_bundle(data_dir()) is None
    assert mtib.load() == strict  # from the YAML, silently
    assert first_use == [data_dir()]
    assert read_bundle(data_dir()) == strict  # and the cache is good again


@settings(max_examples=50, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_damaged_byte_is_caught_or_harmless(tmp_path: Path, strict: mtib.Dataset, data: st.DataObject) -> None:
    target = tmp_path / "b.mtib"
    if not target.exists():
        write_bundle(strict, data_dir(), target)
    original = target.read_bytes()
    at = data.draw(st.integers(0, len(original) - 1))
    value = data.draw(st.integers(0, 255).filter(lambda v: v != original[at]))
    damaged = tmp_path / "damaged.mtib"
    damaged.write_bytes(original[:at] + bytes([value]) + original[at + 1 :])
    assert _read(damaged, data_dir()) in (None, strict)


# ----------------------------------------------------------------------------- planted files


class _Evil:
    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[Any, ...]:
        return os.system, (f"touch {self.marker}",)


def _plant(target: Path, payload: bytes, root: Path) -> None:
    """A bundle whose header matches the data in ``root`` and whose checksums are right, holding ``payload``."""
    model = target.with_name("model.tmp")
    write_bundle(mtib.Dataset(), root, model)
    header, _ = _split(model.read_bytes())
    model.unlink()
    header["code"] = bundle._code_digest()
    body = b""
    for name in COLLECTIONS:
        blob = payload if name == "sources" else pickle.dumps((), protocol=5)
        header["collections"][name] = [len(body), len(blob), hashlib.blake2b(blob, digest_size=16).hexdigest()]
        body += blob
    target.write_bytes(_join(header, body))


def _payloads(marker: Path) -> dict[str, bytes]:
    return {
        "os.system by __reduce__": pickle.dumps((_Evil(marker),), protocol=5),
        "os.system, protocol 0": pickle.dumps((_Evil(marker),), protocol=0),
        "builtins.eval": b"cbuiltins\neval\n(V__import__('os').system('touch " + str(marker).encode() + b"')\ntR.",
        "a module imported by an allowed module": b"cmtib.core.model\nattrs\n.",
        "a dotted name into an allowed class": b"\x80\x04\x8c\x0fmtib.core.model\x8c\x16Text.__init__.__code__\x93.",
        "copyreg._reconstructor": b"ccopyreg\n_reconstructor\n(cmtib.core.model\nText\ncbuiltins\nobject\nNtR.",
        "strings, not records": pickle.dumps(("a", "b"), protocol=5),
        "records of another kind": pickle.dumps(
            (Organisation(id="o", name="O", sphere=HelixSphere.INDUSTRY),), protocol=5
        ),
        "a list, not a tuple": pickle.dumps([], protocol=5),
    }


PAYLOADS = sorted(_payloads(Path("/x")))


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_planted_cache_is_never_run(payload: str, cache: Path, tmp_path: Path, strict: mtib.Dataset) -> None:
    marker = tmp_path / "pwned"
    target = cache_file(data_dir())
    assert target is not None
    cache.mkdir()
    _plant(target, _payloads(marker)[payload], data_dir())
    assert read_bundle(data_dir()) is None
    assert not marker.exists()


def test_the_planted_pickle_would_run_without_the_restricted_unpickler(tmp_path: Path) -> None:
    """The planted files above are real attacks: a plain unpickler runs them."""
    marker = tmp_path / "pwned"
    pickle.loads(_payloads(marker)["os.system by __reduce__"])
    assert marker.exists()


def test_the_restricted_unpickler_names_what_it_refuses(tmp_path: Path) -> None:
    with pytest.raises(pickle.UnpicklingError, match=r"may not hold (posix|os)\.system"):
        bundle._Unpickler(io.BytesIO(_payloads(tmp_path / "m")["os.system by __reduce__"])).load()


def test_a_planted_packaged_bundle_is_never_run(data_copy: Path, cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bundle, "_packaged_dir", lambda: data_copy.resolve())
    marker = data_copy / "pwned"
    _plant(data_copy / BUNDLE_NAME, pickle.dumps((_Evil(marker),), protocol=5), data_copy)
    assert read_bundle(data_copy) is None
    assert not marker.exists()


@pytest.mark.parametrize("suffix", [".mtib", ".yaml", ".json", ""])
def test_a_users_bundle_file_is_never_unpickled(tmp_path: Path, suffix: str) -> None:
    marker = tmp_path / "pwned"
    target = tmp_path / f"mine{suffix}"
    _plant(target, pickle.dumps((_Evil(marker),), protocol=5), data_dir())
    with pytest.raises(mtib.DataError):
        mtib.load(target)
    assert not marker.exists()


# ----------------------------------------------------------------------------- writing the cache


def test_the_cache_is_written_atomically(
    cache: Path, strict: mtib.Dataset, monkeypatch: pytest.MonkeyPatch, data_copy: Path
) -> None:
    before = write_cache(strict, data_dir())
    assert before is not None
    saved = before.read_bytes()

    def broken(src: object, dst: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken)
    assert write_cache(mtib.Dataset(), data_dir()) is None  # failed: the old file is as it was
    assert before.read_bytes() == saved
    (data_copy / "extra.yaml").write_text("sources: []\n")
    assert write_cache(strict, data_copy) is None  # a new file: not there at all
    assert sorted(p.name for p in cache.iterdir()) == [before.name]  # and no temporary file left


def test_concurrent_writers_leave_a_whole_cache(cache: Path, strict: mtib.Dataset) -> None:
    barrier = threading.Barrier(6)

    def work() -> None:
        barrier.wait()
        write_cache(strict, data_dir())

    threads = [threading.Thread(target=work) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert read_bundle(data_dir()) == strict
    assert len(list(cache.iterdir())) == 1


def test_an_unwritable_cache_means_reading_the_yaml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, first_use: list[Path], strict: mtib.Dataset
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("MTIB_CACHE_DIR", str(blocker / "cache"))
    assert write_cache(strict, data_dir()) is None
    assert mtib.load() == strict  # silently: no exception, no warning (warnings are errors here)
    assert first_use == [data_dir()]
    monkeypatch.setattr(loading, "_bundled", None)
    assert mtib.load() == strict
    assert first_use == [data_dir(), data_dir()]


def test_a_read_only_cache_directory_means_reading_the_yaml(
    cache: Path, first_use: list[Path], strict: mtib.Dataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache.mkdir()
    cache.chmod(0o500)
    if os.name != "posix" or os.geteuid() == 0:  # permissions do not stop root: refuse as the system would

        def refuse(*args: object, **kwargs: object) -> tuple[int, str]:
            raise PermissionError(13, "Permission denied", str(cache))

        monkeypatch.setattr(tempfile, "mkstemp", refuse)
    try:
        assert mtib.load() == strict
        assert first_use == [data_dir()]
        assert list(cache.iterdir()) == []
    finally:
        cache.chmod(0o700)


def test_no_home_means_no_cache(
    monkeypatch: pytest.MonkeyPatch, first_use: list[Path], strict: mtib.Dataset, tmp_path: Path
) -> None:
    monkeypatch.delenv("MTIB_CACHE_DIR", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)

    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    assert cache_dir() is None and cache_file(data_dir()) is None
    assert write_cache(strict, data_dir()) is None and read_bundle(data_dir()) is None
    assert mtib.load() == strict


def test_old_cache_files_are_pruned(cache: Path, strict: mtib.Dataset) -> None:
    cache.mkdir()
    for i in range(12):
        old = cache / f"bundle-{FORMAT}-{i:032x}.mtib"
        old.write_bytes(b"old")
        os.utime(old, (1_000_000 + i, 1_000_000 + i))
    (cache / "notes.txt").write_text("not ours")
    target = write_cache(strict, data_dir())
    assert target is not None
    left = sorted(p.name for p in cache.iterdir())
    assert target.name in left and "notes.txt" in left
    kept_old = [n for n in left if n not in (target.name, "notes.txt")]
    assert kept_old == [f"bundle-{FORMAT}-{i:032x}.mtib" for i in range(12 - bundle._KEEP + 1, 12)]


def test_where_the_cache_is(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("MTIB_CACHE_DIR", str(tmp_path / "mine"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == tmp_path / "mine"
    monkeypatch.setenv("MTIB_CACHE_DIR", "")
    assert cache_dir() == tmp_path / "xdg" / "mtib"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/path")  # not absolute: ignored, as the XDG spec says
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_dir() == tmp_path / "home" / ".cache" / "mtib"


def test_the_digest_sees_every_data_file(data_copy: Path) -> None:
    before = digest(data_copy)
    (data_copy / "extra.yaml").write_text("sources: []\n")
    assert digest(data_copy) != before
    (data_copy / "README.md").write_text("not data")
    (data_copy / "extra.yaml").unlink()
    assert digest(data_copy) == before  # only the data files count


# ----------------------------------------------------------------------------- decoded on first use


def test_mtib_load_decodes_each_collection_on_first_use(cache: Path, strict: mtib.Dataset) -> None:
    write_cache(strict, data_dir())
    lazy = read_bundle(data_dir(), fallback=lambda: strict)
    assert lazy is not None and lazy._pending is not None and len(lazy._pending) == len(COLLECTIONS)
    assert lazy.topsectors.get("lsh") == strict.topsectors.get("lsh")
    assert "topsectors" not in lazy._pending and len(lazy._pending) == len(COLLECTIONS) - 1
    assert lazy == strict and not lazy._pending  # equality reads every collection


@pytest.mark.parametrize("first", ["id_index", "referrers", "search", "counts", "repr"])
def test_a_lazy_dataset_answers_whatever_is_asked_first(first: str, cache: Path, strict: mtib.Dataset) -> None:
    write_cache(strict, data_dir())
    lazy = read_bundle(data_dir(), fallback=lambda: strict)
    assert lazy is not None
    ask: dict[str, Callable[[mtib.Dataset], object]] = {
        "id_index": lambda ds: dict(ds.id_index()),  # holds the dataset's lock while it reads every collection
        "referrers": lambda ds: ds.referrers("zonmw"),
        "search": lambda ds: ds.search("health"),
        "counts": lambda ds: ds.counts(),
        "repr": repr,
    }
    answers: list[object] = []
    asking = threading.Thread(target=lambda: answers.append(ask[first](lazy)), daemon=True)
    asking.start()
    asking.join(timeout=120)
    assert not asking.is_alive(), "deadlocked"
    assert answers == [ask[first](strict)]


def test_threads_share_one_decoded_collection(cache: Path, strict: mtib.Dataset) -> None:
    write_cache(strict, data_dir())
    lazy = read_bundle(data_dir(), fallback=lambda: strict)
    assert lazy is not None
    seen: list[object] = []
    threads = [threading.Thread(target=lambda: seen.append(lazy.partnerships)) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len({id(c) for c in seen}) == 1 and lazy.partnerships == strict.partnerships


def test_a_collection_that_will_not_decode_comes_from_the_yaml(cache: Path, strict: mtib.Dataset) -> None:
    target = cache_file(data_dir())
    assert target is not None
    cache.mkdir()
    _plant(target, pickle.dumps(("a", "b"), protocol=5), data_dir())  # right checksums, wrong records
    assert read_bundle(data_dir()) is None  # decoded at once: refused
    lazy = read_bundle(data_dir(), fallback=lambda: strict)
    assert lazy is not None
    assert lazy.sources == strict.sources  # decoded on use: taken from the strict read
