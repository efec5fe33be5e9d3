#!/usr/bin/env python
"""Same as the `nik` console script, for habit's sake."""

from nik.__main__ import main

if __name__ == "__main__":
    main()
