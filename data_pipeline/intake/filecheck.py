"""Checks on a file before any parser opens it: that it is what its extension claims, carries no
macros, and cannot exhaust memory when unpacked or read (zip bombs, a sheet of a million rows)."""

from __future__ import annotations

import zipfile
from pathlib import Path

from data_pipeline.errors import Rejection

MAX_FILE_BYTES = 20 * 1024 * 1024  # as the upload limit in .streamlit/config.toml
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MACRO_PARTS = ("vbaProject.bin", "vbaData.xml")
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# The stream an .xls with macros carries (its name in UTF-16), and the folders of .ods macros.
OLE_MACRO_STREAM = "_VBA_PROJECT".encode("utf-16-le")
ODS_MACRO_FOLDERS = ("Basic/", "Scripts/")
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
WORKBOOK_SUFFIXES = (".xlsx", ".xls", ".ods")
# Signatures of things people save under a wrong name.
FOREIGN_SIGNATURES = {
    b"PK\x03\x04": "một tệp nén (zip, xlsx, docx)",
    b"%PDF": "một tệp PDF",
    b"\xd0\xcf\x11\xe0": "một tệp Office cũ (.xls, .doc)",
    b"{\\rtf": "một tệp RTF",
}


def check_file(path: Path) -> None:
    """Raise Rejection when the file must not be parsed; say what it really is when known."""
    suffix = path.suffix.lower()
    if suffix in (".xlsm", ".xltm", ".xlam"):
        raise Rejection([f"Tệp '{path.name}' có thể chứa macro nên không được nhận; lưu lại dưới dạng .xlsx"])
    size = path.stat().st_size
    if size == 0:
        raise Rejection([f"Tệp '{path.name}' rỗng (0 byte)"])
    if size > MAX_FILE_BYTES:
        raise Rejection(
            [f"Tệp '{path.name}' lớn {size // 1024 // 1024} MB, vượt giới hạn {MAX_FILE_BYTES // 1024 // 1024} MB"]
        )
    with path.open("rb") as handle:
        head = handle.read(4096)
    if suffix in WORKBOOK_SUFFIXES:
        _check_workbook(path, head)
    elif suffix == ".csv":
        _check_text(path, head)


def _check_workbook(path: Path, head: bytes) -> None:
    """A workbook is a zip (.xlsx, .ods) or an OLE container (.xls, or an encrypted .xlsx, told
    apart when opened), whatever its name says; macros and zip bombs are refused."""
    if head.startswith(OLE_SIGNATURE):
        if OLE_MACRO_STREAM in path.read_bytes():
            raise Rejection(
                [f"Tệp '{path.name}' chứa macro (VBA) nên không được nhận; lưu lại dưới dạng .xlsx không macro"]
            )
        return
    if not head.startswith(b"PK\x03\x04"):
        raise Rejection(
            [f"Tệp '{path.name}' không phải tệp Excel .xlsx: nội dung là {_signature(head) or 'dữ liệu không nhận ra'}"]
        )
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            mimetype = archive.read("mimetype") if "mimetype" in archive.namelist() else b""
    except zipfile.BadZipFile:
        raise Rejection([f"Tệp '{path.name}' bị hỏng hoặc không trọn vẹn (không đọc được cấu trúc .xlsx)"]) from None
    names = {member.filename for member in members}
    is_ods = mimetype.strip() == ODS_MIMETYPE
    if not is_ods and ("[Content_Types].xml" not in names or "xl/workbook.xml" not in names):
        raise Rejection([f"Tệp '{path.name}' là tệp nén nhưng không phải sổ tính Excel .xlsx"])
    if any(name.endswith(MACRO_PARTS) for name in names) or (
        is_ods and any(name.startswith(ODS_MACRO_FOLDERS) for name in names)
    ):
        raise Rejection(
            [f"Tệp '{path.name}' chứa macro (VBA) nên không được nhận; lưu lại dưới dạng .xlsx không macro"]
        )
    unpacked = sum(member.file_size for member in members)
    if unpacked > MAX_UNPACKED_BYTES:
        raise Rejection(
            [
                f"Tệp '{path.name}' khi giải nén lớn {unpacked // 1024 // 1024} MB, vượt giới hạn "
                f"{MAX_UNPACKED_BYTES // 1024 // 1024} MB (có thể là tệp độc hại)"
            ]
        )


def _check_text(path: Path, head: bytes) -> None:
    if what := _signature(head):
        raise Rejection([f"Tệp '{path.name}' không phải tệp CSV: nội dung là {what}"])
    if b"\x00" in head:
        raise Rejection([f"Tệp '{path.name}' không phải tệp CSV: có ký tự nhị phân"])


def _signature(head: bytes) -> str | None:
    """What a file really is, by its first bytes, when it is a known foreign kind."""
    return next((what for signature, what in FOREIGN_SIGNATURES.items() if head.startswith(signature)), None)
