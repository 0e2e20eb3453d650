"""Choice labels read from a table built once per field, not once per `get_FOO_display()` call."""

from __future__ import annotations

from functools import cache
from typing import Any

from django.db import models
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable


@cache
def _labels(field: models.Field[Any, Any]) -> dict[Any, Any]:
    # The labels stay lazy: each call still speaks the request's language.
    return dict(make_hashable(field.flatchoices))


class ChoiceLabels(models.Model):
    """A model whose `get_FOO_display()` looks its label up in a table kept per field.

    Django rebuilds the field's whole choice table on every call; a list of fifty cases called
    it a hundred times per page. Same result, the value itself when it has no label.
    """

    class Meta:
        abstract = True

    def _get_FIELD_display(self, field: models.Field[Any, Any]) -> str:  # noqa: N802 - Django's name
        value = getattr(self, field.attname)
        return force_str(_labels(field).get(make_hashable(value), value), strings_only=True)  # type: ignore[no-any-return]
