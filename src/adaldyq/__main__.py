"""`python -m adaldyq` runs the command line."""

from adaldyq.cli import main

main()
