"""Rule modules, grouped by what they read; importing the package registers them all."""

from __future__ import annotations

import importlib
import pkgutil


def load_all() -> None:
    """Import every rule module so its decorator registers it."""
    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")
