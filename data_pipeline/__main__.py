"""Entry point for python -m data_pipeline."""

import sys
import traceback

from data_pipeline.cli import EXIT_FAILED, main


def run() -> None:
    """main() with its exit code; a bug prints its traceback and exits 2, never 1 (which means
    "done, some files rejected")."""
    try:
        code = main()
    except Exception:
        traceback.print_exc()
        code = EXIT_FAILED
    sys.exit(code)


if __name__ == "__main__":
    run()
