"""Why a data file could not be extended, for reporting a failed write as PostgreSQL does.

LMDB reports a short write (the file system is full, or the file may not grow past the process's
``RLIMIT_FSIZE``) as a plain EIO. :func:`extend_failure` tells those cases apart after the fact:
``"No space left on device"`` when the file system has (almost) no room left, ``"File too large"``
when the file has reached the process's file size limit, else None (a genuine I/O error).
PostgreSQL reports both of the first two with SQLSTATE 53100 (disk_full).
"""

from __future__ import annotations

import os
import resource

__all__ = ["DISK_FULL_THRESHOLD", "FILE_LIMIT_MARGIN", "extend_failure"]

DISK_FULL_THRESHOLD = 4 << 20  # bytes available below which a failed write counts as "disk full"
FILE_LIMIT_MARGIN = 1 << 20  # a file within this many bytes of RLIMIT_FSIZE counts as "too large"


def extend_failure(datafile: str) -> str | None:
    """The strerror text of why writing ``datafile`` failed, when it is lack of room; else None."""
    try:
        st = os.statvfs(os.path.dirname(datafile) or ".")
        if st.f_bavail * st.f_frsize < DISK_FULL_THRESHOLD:
            return os.strerror(28)  # ENOSPC
    except OSError:
        pass
    soft, _hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    if soft != resource.RLIM_INFINITY:
        try:
            size = os.path.getsize(datafile)
        except OSError:
            size = 0
        if size + FILE_LIMIT_MARGIN >= soft:
            return os.strerror(27)  # EFBIG
    return None
