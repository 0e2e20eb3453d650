"""The second factor for the benchmarks' users: a real authenticator each, its codes computed.

Case workers pass a second factor after the password (stepstones.agencies.second_factor). The
benchmarks seed one TOTP device per user and type the code the device's app would show, computed
from its key (RFC 6238, django-otp's function), as the tests do. Import after Django is set up.
"""

from __future__ import annotations

import time
from typing import Any

from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

CODE_PAGE = "/accounts/two-factor/"


def authenticator(user: Any) -> TOTPDevice:
    """Return the user's confirmed authenticator, made with a new key when there is none."""
    device = TOTPDevice.objects.filter(user_id=user.pk, confirmed=True).order_by("id").first()
    if device is None:
        device = TOTPDevice.objects.create(user_id=user.pk, name="bench phone", confirmed=True)
    return device


def code_for_key(key_hex: str) -> str:
    """Return the code an app with this key shows now (30-second steps, 6 digits)."""
    return f"{totp(bytes.fromhex(key_hex)):06d}"


def pass_second_factor(client: Any, user: Any) -> None:
    """Type the user's code on the code page with a Django test client that logged in.

    The next step's code when this step's was used already (a device accepts one step of drift).
    """
    device = authenticator(user)
    device.refresh_from_db()
    step = (int(time.time()) - device.t0) // device.step
    target = max(step + device.drift, device.last_t + 1)
    code = totp(device.bin_key, device.step, device.t0, device.digits, target - step)
    response = client.post(CODE_PAGE, {"code": f"{code:06d}"})
    if response.status_code != 302:
        raise RuntimeError(f"the second factor was refused: HTTP {response.status_code}")
