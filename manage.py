#!/usr/bin/env python
"""Same as the `amparo` console script."""

from amparo.__main__ import main

if __name__ == "__main__":
    main()
