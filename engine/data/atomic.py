"""Writing a file the safe way, the one writer of every file the program keeps (profiles, the user's local
figures, exported reports and screenshots, caches).

:func:`write_atomic` takes an exclusive lock on the file (filelock), checks it still holds what the caller read
(``expect``, a :class:`FileStamp`; else :class:`FileChanged`), writes a 0600 temporary file in the same folder (a
symlink is followed, so the link stays a link), syncs it, reads it back for the caller's ``check``, gives the old
file a second name, moves the new file into place with ``os.replace``, only then makes that second name
``NAME.bak``, and syncs the folder. A failed write leaves the file and its ``.bak`` as they were and no temporary
file behind. Temporary files are named ``.NAME.*.yibao-tmp``; :func:`remove_stale_temps` removes any an
interrupted write left, and the lock file a killed write left.

It keeps what it does not own as it found it: a read-only file (no write permission for its owner) is refused
(:class:`ReadOnlyFile`), and so is anything at the name that is no regular file (:class:`NotARegularFile`); the
new file keeps the old one's owner where the system allows it (a save by root of another user's file stays that
user's). With ``exclusive`` it writes a new file only: nothing may be at the name, not even a link.

Reading is bounded too: :func:`read_limited` reads a regular file of at most so many bytes and refuses anything
else in words (a FIFO, a device such as /dev/zero, a folder, a file too large) without waiting on it.
:func:`retire` moves or removes a file only while it still holds what the caller read (a rename's last step).
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import Callable

from msgspec import Struct

TEMP_TAG = ".yibao-tmp"  # every temporary file of a write ends so; ".NAME." starts it
LOCK_TIMEOUT = 10  # seconds to wait for another program's write of the same file


class FileChanged(Exception):
    """The file changed on disk since the caller read it (another program or another window wrote it)."""


class FileBusy(Exception):
    """Another program holds the file's lock (it is writing the file now)."""


class RefusedFile(OSError):
    """A file the program will not read or write, for a reason of its own (not the system's): ``words`` is the id
    of its message in the catalog's context ``os.error`` (``engine.i18n.os_error_words``)."""

    words = "refused"

    def __init__(self, path: str | os.PathLike) -> None:
        super().__init__(errno.EINVAL, self.words, os.fspath(path))


class NotARegularFile(RefusedFile):
    """Not a regular file: a FIFO, a device (/dev/zero), a socket; reading it could wait or never end."""

    words = "not_regular"


class FileTooLarge(RefusedFile):
    """A file larger than anything of its kind the program writes."""

    words = "too_large"


class ReadOnlyFile(RefusedFile):
    """A file its owner made read-only: kept as it is, not replaced."""

    words = "read_only_file"


# --------------------------------------------------------------------------------------------------------------
# Stamps: what a file held when it was read, to notice another program's change before overwriting it


class FileStamp(Struct, frozen=True):
    """A file as it was read: modification time (ns), size and its bytes; ``content`` None = absent.

    The bytes themselves are kept (a profile is a few kilobytes) and compared whole: exact, where a digest would
    be nearly so, and without importing hashlib."""

    mtime_ns: int
    size: int
    content: bytes | None

    @property
    def exists(self) -> bool:
        return self.content is not None

    def same_content(self, other: "FileStamp | None") -> bool:
        return other is not None and self.content == other.content


def stamp_of(data: bytes | None, st: os.stat_result | None) -> FileStamp:
    """The stamp of ``data`` read from a file whose ``os.stat`` was ``st``."""
    if data is None or st is None:
        return FileStamp(0, 0, None)
    return FileStamp(st.st_mtime_ns, st.st_size, data)


#: the most a stamp reads: far beyond any file the program keeps (a larger one is refused, FileTooLarge)
STAMP_LIMIT = 64 * 1024 * 1024


def read_limited(path: str | os.PathLike, limit: int) -> tuple[bytes, os.stat_result]:
    """The bytes of the regular file at ``path`` (through symlinks) and its ``os.stat``; at most ``limit`` bytes.

    Opened without waiting (a FIFO does not block the open), then refused unless it is a regular file
    (:class:`NotARegularFile`; a folder is ``IsADirectoryError``) of at most ``limit`` bytes
    (:class:`FileTooLarge`, also when it grows while it is read). Other failures are the system's ``OSError``."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), os.fspath(path))
        if not stat.S_ISREG(st.st_mode):
            raise NotARegularFile(path)
        if st.st_size > limit:
            raise FileTooLarge(path)
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(fd, min(limit + 1 - size, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise FileTooLarge(path)
        return b"".join(chunks), st
    finally:
        os.close(fd)


def file_stamp(path: str | os.PathLike) -> FileStamp:
    """The stamp of the file at ``path`` (through symlinks) now; an absent file has ``exists`` false. Anything that
    is no regular file, or one larger than :data:`STAMP_LIMIT`, raises (:func:`read_limited`)."""
    try:
        data, st = read_limited(path, STAMP_LIMIT)
    except FileNotFoundError:
        return FileStamp(0, 0, None)
    return stamp_of(data, st)


def _stamp_now(real: Path) -> FileStamp:
    try:
        return file_stamp(real)
    except OSError:
        return FileStamp(0, 0, None)


# --------------------------------------------------------------------------------------------------------------
# Folders, names, locks


def make_private_dirs(folder: str | os.PathLike) -> None:
    """Create ``folder`` and any missing parents, each 0700 (only the owner may look inside)."""
    folder = Path(folder)
    missing = []
    while not folder.exists():
        missing.append(folder)
        if folder.parent == folder:
            break
        folder = folder.parent
    for path in reversed(missing):
        try:
            os.mkdir(path, 0o700)
        except FileExistsError:
            continue
        os.chmod(path, 0o700)  # mkdir's mode is cut by the umask
    if not missing and not folder.is_dir():  # a file where the folder should be
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), os.fspath(folder))


def real_path(path: Path) -> Path:
    """The file a write must replace: the target of a symlink (followed to the end), else the path itself."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def _temp_prefix(real: Path) -> str:
    return f".{real.name}."


def _lock_path(real: Path) -> Path:
    return real.with_name(f".{real.name}.lock")


def _lock(real: Path, timeout: float):
    """An exclusive lock (filelock) on this file for the check-and-replace: a hidden, empty 0600 file.

    The holder unlinks the file just before releasing it, so none is left behind; filelock (4.x) notices when the
    file it locked was unlinked meanwhile (st_nlink 0) and tries again on the new one, so this stays exclusive.
    """
    from filelock import FileLock  # a third-party import, only when a file is written

    return FileLock(str(_lock_path(real)), mode=0o600, timeout=timeout)


def remove_quietly(path: str | os.PathLike | None) -> None:
    if path is None:
        return
    try:
        os.unlink(path)
    except OSError:
        pass


def fsync_folder(folder: Path) -> None:
    """Sync a folder, so that a file just moved into it stays there after a crash (where the system allows)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some platforms refuse to fsync a directory
    finally:
        os.close(fd)


def _temp_names(real: Path) -> list[str]:
    prefix = _temp_prefix(real)
    try:
        return [n for n in os.listdir(real.parent) if n.startswith(prefix) and n.endswith(TEMP_TAG)]
    except OSError:
        return []


def remove_stale_temps(path: str | os.PathLike) -> int:
    """Remove the temporary files and the lock file an interrupted write of this file left (only while no write is
    running: the lock of a killed writer is free again)."""
    try:
        real = real_path(Path(path))
    except OSError:
        return 0
    names = _temp_names(real)
    if not names and not os.path.lexists(_lock_path(real)):
        return 0
    from filelock import Timeout  # a third-party import, only when temporary files were left

    removed = 0
    try:
        with _lock(real, timeout=0):
            for name in names:
                try:
                    os.unlink(real.parent / name)
                    removed += 1
                except OSError:
                    pass
            remove_quietly(_lock_path(real))
    except (Timeout, OSError):  # a write is running now (its temp file is not stale), or the folder is read-only
        return removed
    return removed


# --------------------------------------------------------------------------------------------------------------
# Writing


def _write_temp(real: Path, data: bytes, mode: int, owner: tuple[int, int] | None = None) -> str:
    """Write ``data`` to a new temporary file beside ``real`` (its mode ``mode``; its owner and group ``owner``
    where the system allows it), flushed and synced; return its path."""
    import tempfile  # only when a file is written

    fd, temp = tempfile.mkstemp(dir=real.parent, prefix=_temp_prefix(real), suffix=TEMP_TAG)
    try:
        if owner is not None:
            try:
                os.fchown(fd, *owner)
            except OSError:  # only root may give a file away: the writer's own file, as any editor makes it
                pass
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
    except BaseException:
        remove_quietly(temp)
        raise
    return temp


def _keep_old(real: Path) -> str | None:
    """A second name for the current file (a hard link, else a copy), to become NAME.bak once the new file is in."""
    import tempfile  # only when a file is written

    if not real.exists():
        return None
    fd, aside = tempfile.mkstemp(dir=real.parent, prefix=_temp_prefix(real) + "bak.", suffix=TEMP_TAG)
    os.close(fd)
    os.unlink(aside)
    try:
        os.link(real, aside)
    except OSError:  # no hard links here (some file systems): a copy, synced
        import shutil  # only where hard links fail

        try:
            shutil.copyfile(real, aside)
            os.chmod(aside, 0o600)
            with open(aside, "rb") as f:
                os.fsync(f.fileno())
        except BaseException:
            remove_quietly(aside)
            raise
    return aside


def _current(real: Path, exclusive: bool) -> os.stat_result | None:
    """What is at the name now (not followed when ``exclusive``), refused unless the write may replace it: None
    when nothing is there."""
    try:
        st = os.lstat(real) if exclusive else os.stat(real)
    except FileNotFoundError:
        return None
    if exclusive:
        raise FileChanged(os.fspath(real))  # a new file only: something (a file, a link) took the name
    if not stat.S_ISREG(st.st_mode):
        raise NotARegularFile(real)
    if not st.st_mode & stat.S_IWUSR:
        raise ReadOnlyFile(real)
    return st


def _place_new(temp: str, real: Path) -> None:
    """Give the finished temporary file the name ``real``, which must still be free (no file, no link): a hard link
    fails if anything took it meanwhile; where there are no hard links, a last look, then the move."""
    try:
        os.link(temp, real, follow_symlinks=False)
    except FileExistsError:
        raise FileChanged(os.fspath(real)) from None
    except OSError:  # no hard links here (some file systems)
        if os.path.lexists(real):
            raise FileChanged(os.fspath(real)) from None
        os.replace(temp, real)
        return
    os.unlink(temp)


def write_atomic(path: str | os.PathLike, data: bytes, *, check: Callable[[bytes], None] | None = None,
                 expect: FileStamp | None = None, backup: bool = True, mode: int = 0o600,
                 timeout: float = LOCK_TIMEOUT, exclusive: bool = False) -> FileStamp:
    """Write ``data`` to ``path`` so that the file holds either its old bytes or the new ones, never a part.

    Under an exclusive lock: with ``expect``, only if the file still holds what that stamp saw (else
    :class:`FileChanged`); a temporary file beside the real one (a symlink is followed), 0600 (the owner's only)
    unless ``mode`` says otherwise, owned as the old file was where the system allows it, synced and read back,
    then handed to ``check`` (which raises to stop the write); with ``backup``, the old file becomes ``NAME.bak``
    once the new one is in place. Missing folders are made 0700. A read-only file (:class:`ReadOnlyFile`) and
    anything that is no regular file (:class:`NotARegularFile`) are refused. With ``exclusive``, a new file only:
    anything at the name, a link included, is :class:`FileChanged` (never followed, never replaced).

    Raises :class:`FileBusy` when another program holds the lock for ``timeout`` seconds, ``OSError`` when the
    system refuses; either way the file and its .bak are as they were. Returns the stamp of what was written."""
    real = Path(path) if exclusive else real_path(Path(path))
    folder = real.parent
    temp = aside = None
    make_private_dirs(folder)
    lock = _held_lock(real, path, timeout)
    try:
        st = _current(real, exclusive)
        if expect is not None and not expect.same_content(_stamp_now(real)) and (expect.exists or st is not None):
            raise FileChanged(os.fspath(path))
        for name in _temp_names(real):
            remove_quietly(folder / name)
        owner = (st.st_uid, st.st_gid) if st is not None else None
        temp = _write_temp(real, data, mode, owner if owner != (os.geteuid(), os.getegid()) else None)
        if check is not None:
            with open(temp, "rb") as f:
                check(f.read())
        if exclusive:
            _place_new(temp, real)
        else:
            aside = _keep_old(real) if backup and st is not None else None
            os.replace(temp, real)
        temp = None
        stamp = stamp_of(data, os.stat(real))
        if aside is not None:
            try:
                os.chmod(aside, 0o600)
                os.replace(aside, real.with_name(real.name + ".bak"))
                aside = None
            except OSError:
                pass  # the new file is in place; the old .bak stays as it was
    finally:
        remove_quietly(_lock_path(real))  # no clutter: unlinked while held (see _lock)
        lock.release()
        remove_quietly(temp)
        remove_quietly(aside)
    fsync_folder(folder)
    return stamp



def _held_lock(real: Path, path: str | os.PathLike, timeout: float):
    """The exclusive lock of ``real``, acquired (:class:`FileBusy` when another save holds it past ``timeout``)."""
    from filelock import Timeout  # a third-party import, only when a file is written

    lock = _lock(real, timeout)
    try:
        lock.acquire()
    except Timeout:
        raise FileBusy(os.fspath(path)) from None
    return lock


def retire(path: str | os.PathLike, expect: FileStamp, keep_as: str | os.PathLike | None = None,
           timeout: float = LOCK_TIMEOUT) -> None:
    """Move the file at ``path`` to ``keep_as`` (or remove it, with None) under its lock, only while it still holds
    what ``expect`` saw (else :class:`FileChanged`, and nothing is moved): the last step of a rename, which never
    drops a change another program saved meanwhile. :class:`FileBusy` as for a write."""
    real = Path(path)
    lock = _held_lock(real, path, timeout)
    try:
        if not expect.same_content(_stamp_now(real)):
            raise FileChanged(os.fspath(path))
        if keep_as is None:
            os.unlink(real)
        else:
            os.replace(real, keep_as)
    finally:
        remove_quietly(_lock_path(real))
        lock.release()
    fsync_folder(real.parent)
