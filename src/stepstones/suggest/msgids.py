"""Keep the notes assistant's English texts visible to Django's message extraction.

The pure package marks its texts with `N_` (which `makemessages` does not know); this module
lists them inside `gettext_noop(...)`, and a test fails when the two drift apart.
"""

from __future__ import annotations

from django.utils.translation import gettext_noop

MSGIDS = [
    gettext_noop('"%(cue)s" makes "%(match)s" hypothetical.'),
    gettext_noop('"%(cue)s" negates "%(match)s".'),
    gettext_noop(
        '"%(match)s" does not make the person a child: the notes give an adult age ("%(cue)s").'
    ),
    gettext_noop('"%(match)s" is about someone else ("%(cue)s"), not the person.'),
    gettext_noop('"%(match)s" is part of a question, not an observation.'),
    gettext_noop("Act: harbouring"),
    gettext_noop("Act: receipt"),
    gettext_noop("Act: recruitment"),
    gettext_noop("Act: transfer"),
    gettext_noop("Act: transportation"),
    gettext_noop("Child (under 18)"),
    gettext_noop("Means: abduction"),
    gettext_noop("Means: abuse of a position of vulnerability"),
    gettext_noop("Means: abuse of power"),
    gettext_noop("Means: deception"),
    gettext_noop("Means: fraud"),
    gettext_noop("Means: other forms of coercion"),
    gettext_noop("Means: payments to a person having control over the person"),
    gettext_noop("Means: threat of force"),
    gettext_noop("Means: use of force"),
    gettext_noop("Purpose: forced begging"),
    gettext_noop("Purpose: forced criminality"),
    gettext_noop("Purpose: forced labour or services"),
    gettext_noop("Purpose: forced marriage"),
    gettext_noop("Purpose: illegal adoption"),
    gettext_noop("Purpose: other exploitation"),
    gettext_noop("Purpose: removal of organs"),
    gettext_noop("Purpose: servitude"),
    gettext_noop("Purpose: sexual exploitation"),
    gettext_noop("Purpose: slavery or practices similar to slavery"),
]
