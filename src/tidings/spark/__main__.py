"""``spark-submit .../tidings/spark/__main__.py code INPUTS --out DIR``: the CLI's ``tidings spark``."""

import sys

from tidings.cli import main

if __name__ == "__main__":
    sys.argv[1:1] = ["spark"]
    main()
