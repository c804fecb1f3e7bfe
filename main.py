"""SynergyPilot: the command line when given a command, else the desktop app."""

import sys

if __name__ == "__main__":
    if getattr(sys, "frozen", False):  # only a bundle needs it: spares the command line's --help the import
        import multiprocessing

        multiprocessing.freeze_support()  # in the bundle, the file-reader worker processes start here
    if len(sys.argv) > 1:
        from scoring.cli.main import main
    else:
        from gui.app import main
    sys.exit(main(sys.argv[1:]))
