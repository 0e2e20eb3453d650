from __future__ import annotations

from django.apps import AppConfig


class SuggestConfig(AppConfig):
    name = "stepstones.suggest"
    label = "suggest"
    verbose_name = "Notes assistant"
