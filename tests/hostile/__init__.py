"""Builders for hostile and malformed submission files, written inside each test's tmp_path."""
