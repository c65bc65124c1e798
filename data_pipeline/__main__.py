"""Entry point for python -m data_pipeline."""

import sys

from data_pipeline.cli import main

sys.exit(main())
