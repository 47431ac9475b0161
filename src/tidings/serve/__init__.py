"""``tidings serve``: a JSON API under /api/v1/ and HTML pages over a store opened read-only."""

from .app import create_app

__all__ = ["create_app"]
