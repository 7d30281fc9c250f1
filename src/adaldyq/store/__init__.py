"""Where data lives: the workspace layout and the analytics backends (DuckDB, Spark).

This package is the only one that imports duckdb or pyspark.
"""
