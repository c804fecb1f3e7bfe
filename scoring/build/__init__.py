"""Build tools run by make targets and the first start: the shipped templates from their TOML
sources (templates.py) and the demo submissions and rounds (demo.py, demo_rounds.py).
"""
