"""SynergyPilot: the command line when given a command, else the desktop app."""

import sys

from scoring.cli import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
