"""Files of personal data sealed with a passphrase: scrypt, then Fernet (`cryptography`).

Exports that leave the database holding personal data (subject access, the HTCDS exchange) are
never written in the clear. A sealed file is a header line, the salt, and a Fernet token of the
contents; the key is derived from the passphrase with scrypt at OWASP's cost, once per file.
The passphrase comes from a file or the environment, never from the command line (where other
users of the machine can read it in the process list).
"""

from __future__ import annotations

import base64
import json
import os
from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from django.core.serializers.json import DjangoJSONEncoder

MAGIC = b"stepstones-sealed-export-1\n"
MIN_PASSPHRASE = 12
PASSPHRASE_VARIABLE = "STEPSTONES_EXPORT_PASSPHRASE"  # noqa: S105 - the name of a variable
# scrypt at the cost OWASP names for it (N = 2^17, r = 8, p = 1): about 128 MiB and a fraction
# of a second, once per file.
_SCRYPT = {"n": 2**17, "r": 8, "p": 1}


class ExportError(Exception):
    """The export could not be made or opened; the message says why in words."""

    def sentence(self) -> str:
        """The message as a sentence: a capital first letter and a full stop."""
        text = str(self)
        return f"{text[:1].upper()}{text[1:]}."


def _key(passphrase: str, salt: bytes) -> bytes:
    if len(passphrase) < MIN_PASSPHRASE:
        raise ExportError(f"the passphrase must be at least {MIN_PASSPHRASE} characters long")
    derived = Scrypt(salt=salt, length=32, **_SCRYPT).derive(passphrase.encode("utf-8"))
    return base64.urlsafe_b64encode(derived)


def seal_bytes(plain: bytes, passphrase: str) -> bytes:
    """Return `plain` sealed with a key derived from `passphrase` (a fresh salt)."""
    salt = os.urandom(16)
    token = Fernet(_key(passphrase, salt)).encrypt(plain)
    return MAGIC + base64.urlsafe_b64encode(salt) + b"\n" + token


def unseal_bytes(blob: bytes, passphrase: str) -> bytes:
    """Return the contents of a sealed file; `ExportError` on a wrong passphrase or file."""
    if not blob.startswith(MAGIC):
        raise ExportError("this is not a sealed stepstones export")
    try:
        salt_line, token = blob[len(MAGIC) :].split(b"\n", 1)
        salt = base64.urlsafe_b64decode(salt_line)
    except ValueError:
        raise ExportError("the export is damaged") from None
    try:
        return Fernet(_key(passphrase, salt)).decrypt(token)
    except InvalidToken:
        raise ExportError("wrong passphrase, or the export is damaged") from None


def seal(data: dict[str, Any], passphrase: str) -> bytes:
    """Return `data` as JSON, sealed."""
    plain = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1)
    return seal_bytes(plain.encode("utf-8"), passphrase)


def unseal(blob: bytes, passphrase: str) -> dict[str, Any]:
    """Return the data of a sealed JSON export."""
    value = json.loads(unseal_bytes(blob, passphrase).decode("utf-8"))
    if not isinstance(value, dict):
        raise ExportError("the export is damaged")
    return value


def passphrase_from(passphrase_file: str | None) -> str:
    """The passphrase from `passphrase_file`, else STEPSTONES_EXPORT_PASSPHRASE.

    `ExportError` names what to give when there is neither, or the file cannot be read.
    """
    if passphrase_file:
        try:
            return Path(passphrase_file).read_text(encoding="utf-8").strip()
        except OSError as error:
            raise ExportError(f"the passphrase file cannot be read: {error.strerror}") from None
    found = os.environ.get(PASSPHRASE_VARIABLE, "")
    if not found:
        raise ExportError(f"give a passphrase: --passphrase-file FILE, or {PASSPHRASE_VARIABLE}")
    return found


def write_sealed(path: Path, sealed: bytes) -> None:
    """Write a sealed file readable by its owner only (created so, never world-readable)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(sealed)
    path.chmod(0o600)  # an existing file keeps its mode through O_CREAT: set it
