"""`python -m orlint ...`: runs the orlint binary with the same arguments."""

import os
import subprocess
import sys

from orlint import find_orlint_bin


def main() -> int:
    binary = find_orlint_bin()
    if sys.platform == "win32":
        # Windows has no exec: wait for the child and pass its exit code on.
        return subprocess.call([binary, *sys.argv[1:]])
    os.execv(binary, [binary, *sys.argv[1:]])
    return 0  # not reached


if __name__ == "__main__":
    sys.exit(main())
