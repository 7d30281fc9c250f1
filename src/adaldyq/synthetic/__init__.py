"""Synthetic OCDS with planted red-flag patterns and their ground truth.

For tests that measure recall and precision of the procurement rules, and for benchmarks at any
size, without publishing real procurement data. See `generator.generate`.
"""

from adaldyq.synthetic.generator import Summary, generate, read_truth, truth_path

__all__ = ["Summary", "generate", "read_truth", "truth_path"]
