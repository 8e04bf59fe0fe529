"""orlint: a fast linter for how a codebase talks to OpenRouter.

The package carries the `orlint` binary; `python -m orlint` runs it.
"""

import os
import shutil
import sysconfig


def find_orlint_bin() -> str:
    """The path of the `orlint` binary installed with this package."""
    name = "orlint" + (sysconfig.get_config_var("EXE") or "")
    candidates = [
        sysconfig.get_path("scripts"),
        # `pip install --user`
        sysconfig.get_path("scripts", "nt_user" if os.name == "nt" else "posix_user"),
        # `pip install --target DIR` puts the scripts in DIR/bin, beside the package.
        os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "bin"),
    ]
    for directory in candidates:
        path = os.path.join(directory, name)
        if os.path.isfile(path):
            return path
    found = shutil.which("orlint")
    if found:
        return found
    raise FileNotFoundError(
        "the orlint binary was not found next to this Python package (looked in "
        + ", ".join(candidates)
        + "); reinstall it with `pip install --force-reinstall orlint`"
    )


__all__ = ["find_orlint_bin"]
