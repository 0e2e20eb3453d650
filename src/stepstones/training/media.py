"""What a trainer may upload for a step: images and short videos, recognised by their bytes.

The name and the browser's declared type are not trusted: the first bytes decide, and anything
else (an SVG, an HTML file, a script) is refused, so a file can never run in a participant's
browser.
"""

from __future__ import annotations

MAX_MEDIA_BYTES = 20 * 1024 * 1024


def sniff(head: bytes) -> str | None:
    """Return the content type the first bytes of a file show, or None when not allowed."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"GIF87a") or head.startswith(b"GIF89a"):
        return "image/gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head[4:8] == b"ftyp":
        return "video/mp4"
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return "video/webm"
    return None
