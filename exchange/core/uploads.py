"""Validated image uploads: the bytes decide the type, never the name or the browser."""

import io

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

ALLOWED_IMAGE_FORMATS = {"PNG", "JPEG", "WEBP", "GIF"}
# Document types people may upload, by extension, with the bytes each must start with.
FILE_SIGNATURES = {
    "pdf": (b"%PDF-",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "docx": (b"PK\x03\x04",),
    "xlsx": (b"PK\x03\x04",),
    "pptx": (b"PK\x03\x04",),
    "odt": (b"PK\x03\x04",),
    "odp": (b"PK\x03\x04",),
}


def check_document(upload, *, types: tuple[str, ...], max_bytes: int) -> str:
    """The type of an uploaded document (one of `types`) by its name *and* its first
    bytes, within the size limit; ValidationError with a clear message otherwise."""
    name = upload.name or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension == "jpeg":
        extension = "jpg"
    if extension not in types:
        raise ValidationError(
            _("Upload a file of one of these types: %(types)s.")
            % {"types": ", ".join(t.upper() for t in types)},
            code="file_type",
        )
    if upload.size > max_bytes:
        raise ValidationError(
            _("The file is too large (%(size)s MB). The limit is %(limit)s MB.")
            % {
                "size": round(upload.size / 1_048_576, 1),
                "limit": round(max_bytes / 1_048_576, 1),
            },
            code="file_size",
        )
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not any(head.startswith(sig) for sig in FILE_SIGNATURES[extension]):
        raise ValidationError(
            _("This file is not a real %(type)s file.") % {"type": extension.upper()},
            code="file_content",
        )
    return extension


LOGO_BOX = (512, 512)


def reencode_image(upload, *, max_bytes: int | None = None, box=LOGO_BOX) -> ContentFile:
    """Check an uploaded image and return it re-encoded as PNG (metadata and any payload
    hidden in the original file are dropped). Raises ValidationError with a clear message."""
    max_bytes = max_bytes or settings.LOGO_MAX_BYTES
    if upload.size > max_bytes:
        raise ValidationError(
            _("The file is too large (%(size)s MB). The limit is %(limit)s MB."),
            params={
                "size": round(upload.size / 1_048_576, 1),
                "limit": round(max_bytes / 1_048_576, 1),
            },
            code="too_large",
        )
    upload.seek(0)
    try:
        with Image.open(upload) as probe:
            image_format = probe.format
            width, height = probe.size
            probe.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(
            _("This file is not an image we can read. Upload a PNG, JPEG, WebP or GIF file."),
            code="not_an_image",
        ) from None
    if image_format not in ALLOWED_IMAGE_FORMATS:
        raise ValidationError(
            _(
                "Images in %(format)s format are not accepted. Upload a PNG, JPEG, WebP or GIF file."
            ),
            params={"format": image_format},
            code="bad_format",
        )
    if width * height > settings.LOGO_MAX_PIXELS:
        raise ValidationError(_("The image is too large in pixels."), code="too_many_pixels")
    upload.seek(0)
    try:
        with Image.open(upload) as image:
            image.load()
            image = image.convert("RGBA")
            image.thumbnail(box)
            out = io.BytesIO()
            image.save(out, format="PNG", optimize=True)
    except (OSError, ValueError, Image.DecompressionBombError):
        raise ValidationError(
            _("This file is not an image we can read. Upload a PNG, JPEG, WebP or GIF file."),
            code="not_an_image",
        ) from None
    return ContentFile(out.getvalue(), name="logo.png")
