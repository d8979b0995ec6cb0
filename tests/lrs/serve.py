"""Runs Ralph (ralph-malph) as a Learning Record Store for Hearken's tests, on 127.0.0.1.

Started by tests/lrs/lrs.sh; not for production. Two things differ from `ralph runserver`:
- the file-system backend writes each batch with operation type APPEND (its default, CREATE,
  refuses every write after the first, since the statements file then exists);
- with --watch-stdin the server exits when its standard input closes, so a test binary that
  started it leaves no server behind, whatever way it ends.
"""

import os
import sys
import threading

import uvicorn
from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend

FSLRSBackend.default_operation_type = BaseOperationType.APPEND

from ralph.api import app  # noqa: E402  (after the patch above)


def watch_stdin():
    sys.stdin.buffer.read()
    os._exit(0)


def main():
    port = int(sys.argv[1])
    if "--watch-stdin" in sys.argv:
        threading.Thread(target=watch_stdin, daemon=True).start()
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)


if __name__ == "__main__":
    main()
