"""Studies on top of scored results: robustness of the ranking, tracking pilots over rounds."""
