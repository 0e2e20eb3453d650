"""Password hashing: Argon2id at the parameters OWASP recommends.

OWASP's Password Storage Cheat Sheet gives, as the first of its equivalent Argon2id settings,
19 MiB of memory, 2 iterations and 1 degree of parallelism. Django's own Argon2 hasher uses
100 MiB and 8 lanes; on a 2-core server that is several times the CPU per login for no gain a
cheaper setting of the same standard does not give. PBKDF2 hashes made before still verify,
and are rehashed with Argon2id at the user's next login (settings.PASSWORD_HASHERS).
"""

from __future__ import annotations

from django.contrib.auth.hashers import Argon2PasswordHasher


class Argon2idHasher(Argon2PasswordHasher):
    """Django's Argon2 hasher (variant id) with m = 19 MiB, t = 2, p = 1."""

    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1
