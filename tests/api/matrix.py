"""The URLs whose persona rules the API suite declares (tests/api/test_api_matrix.py).

The page-wide persona matrix (tests/access/test_persona_matrix.py) expects a login redirect for
anonymous visitors; API endpoints answer 401 JSON instead, so they are declared and checked here.
"""

from __future__ import annotations

# URL names under these namespaces are covered by tests/api/test_api_matrix.py.
NAMESPACES = ("api:", "apitokens:")


def declared_elsewhere(name: str) -> bool:
    """Whether the API suite, not the page matrix, declares who may use this URL."""
    return name.startswith(NAMESPACES)
