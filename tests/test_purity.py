"""The pure engines import nothing from Django or from the Django apps."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "stepstones"
PURE_PACKAGES = ["assessment", "recruitment", "disclosure", "notes", "linkage"]
DJANGO_APPS = [
    "web",
    "screening",
    "api",
    "agencies",
    "cases",
    "referrals",
    "audit",
    "stats",
    "training",
    "offers",
    "suggest",
]


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


def _forbidden(name: str) -> bool:
    top = name.split(".")
    if top[0] == "django" or top[0] == "ninja":
        return True
    return len(top) > 1 and top[0] == "stepstones" and top[1] in DJANGO_APPS + ["settings", "urls"]


PURE_FILES = sorted(
    path
    for package in PURE_PACKAGES
    if (SRC / package).is_dir()
    for path in (SRC / package).rglob("*.py")
)


def test_there_are_pure_modules_to_check() -> None:
    assert PURE_FILES, "no pure package found: the purity check would pass vacuously"


@pytest.mark.parametrize("path", PURE_FILES, ids=lambda p: str(p.relative_to(SRC)))
def test_pure_module_imports_no_django(path: Path) -> None:
    bad = [name for name in _imports(path) if _forbidden(name)]
    assert bad == [], f"{path.relative_to(SRC)} imports {bad}"


def test_the_checker_catches_a_django_import(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text("from django.db import models\nimport stepstones.cases.models\n")
    assert [n for n in _imports(module) if _forbidden(n)] == [
        "django.db",
        "stepstones.cases.models",
    ]
