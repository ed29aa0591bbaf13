"""An operating-system error in the reader's words (catalog context ``os.error``), never the system's English."""

from __future__ import annotations

import errno

from .i18n import Msg, msg


def os_error_words(err: OSError) -> Msg:
    """An operating-system error in plain words (a Msg in the catalogs), by its errno; else its own text."""
    names = {
        errno.ENOENT: "no_such_file", errno.EACCES: "permission_denied", errno.EPERM: "permission_denied",
        errno.EISDIR: "is_a_directory", errno.ENOTDIR: "not_a_directory", errno.EROFS: "read_only",
        errno.ENOSPC: "no_space", errno.EDQUOT: "no_space", errno.ENAMETOOLONG: "name_too_long",
        errno.ELOOP: "too_many_links", errno.EBUSY: "busy", errno.EXDEV: "cross_device",
    }
    key = getattr(err, "words", None) or names.get(err.errno)  # a refused file (engine.data.atomic) says its own reason
    if key is None:
        return msg("os.error", "other", reason=err.strerror or type(err).__name__)
    return msg("os.error", key)
