"""The benchmark is run by hand (see benchmark.py), never by the test suite."""

collect_ignore_glob = ["*.py"]
