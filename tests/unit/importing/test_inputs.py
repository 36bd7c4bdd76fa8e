"""What a file to import is, and its text in the encoding it declares (``briefing.importing.inputs``)."""

from __future__ import annotations

import codecs
import email.generator
import email.policy
import io
from email.message import EmailMessage
from pathlib import Path

import pytest

from briefing.importing.inputs import Refused, decode_html, load_bytes, load_file, what_it_is
from briefing.util.files import UnsafeFile

#: The importer is tested on the other stacks too (its libraries' oldest declared versions).
pytestmark = pytest.mark.stacks

PAGE = "<!DOCTYPE html><html lang='ja'><head><meta charset='{charset}'><title>題</title></head><body><p>{text}</p></body></html>"


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"<!DOCTYPE html>\n<html><body>x</body></html>", "html"),
        (b"\xef\xbb\xbf  <html lang='ja'>", "html"),
        (b"<!-- saved from url=(0022)https://example.com/ -->\n<html>", "html"),
        (b"<?xml version='1.0'?>\n<!-- c -->\n<rss version='2.0'><channel/></rss>", "feed"),
        (b"<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'/>", "feed"),
        (b"<?xml version='1.0'?><rdf:RDF xmlns:rdf='x'/>", "feed"),
        (
            b"From: <Saved by Blink>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\tboundary=x\r\n",
            "mhtml",
        ),
        (b"\x89PNG\r\n\x1a\n....", "a PNG image"),
        (b"%PDF-1.7\n", "a PDF document"),
        (b"PK\x03\x04rest", "a ZIP archive (or an Office document)"),
        (b"just some words", "plain text, not markup"),
        (b"<?xml version='1.0'?><svg xmlns='x'/>", "XML whose root is <svg>, neither a page nor a feed"),
        (b"<html>\x00\x00", "a binary file"),
        ("<html><body>x</body></html>".encode("utf-16"), "html"),
    ],
)
def test_a_file_is_told_by_its_bytes(data: bytes, kind: str) -> None:
    assert what_it_is(data) == kind


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("photo.html", b"\x89PNG\r\n\x1a\nxxxx", "its suffix says an HTML page, but it is a PNG image"),
        ("feed.xml", b"<!DOCTYPE html><html><body>x</body></html>", "its suffix says a feed, but it is an HTML page"),
        ("page.html", b"<rss version='2.0'><channel/></rss>", "its suffix says an HTML page, but it is a feed"),
        ("page.mhtml", b"<html><body>x</body></html>", "its suffix says an MHTML page, but it is an HTML page"),
        ("notes.txt", b"text", ".txt: not a saved page or a feed"),
    ],
)
def test_a_file_not_what_its_suffix_says_is_refused(tmp_path: Path, name: str, data: bytes, message: str) -> None:
    (tmp_path / name).write_bytes(data)
    with pytest.raises(Refused, match=message.replace("(", r"\(").replace(")", r"\)")):
        load_file(tmp_path / name)


def test_only_regular_files_inside_their_folder_are_read(tmp_path: Path) -> None:
    outside = tmp_path / "secret.html"
    outside.write_text("<html><body><p>secret</p></body></html>", "utf-8")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "link.html").symlink_to(outside)
    with pytest.raises(UnsafeFile):
        load_file(tmp_path / "in" / "link.html")
    (tmp_path / "in" / "dir.html").mkdir()
    with pytest.raises(UnsafeFile):
        load_file(tmp_path / "in" / "dir.html")


@pytest.mark.parametrize(
    ("charset", "codec", "text"),
    [
        ("Shift_JIS", "cp932", "外務省①髙"),  # ① and 髙 are Windows-31J, which browsers read Shift_JIS as
        ("shift-jis", "cp932", "記者会見"),
        ("EUC-JP", "euc_jp", "首脳会談"),
        ("gb2312", "gb18030", "外交部发言人"),
        ("GBK", "gb18030", "发言人"),
        ("big5", "big5hkscs", "外交部發言人"),
        ("utf-8", "utf-8", "王毅"),
    ],
)
def test_a_page_is_decoded_in_the_encoding_it_declares(charset: str, codec: str, text: str) -> None:
    data = PAGE.format(charset=charset, text=text).encode(codec)
    assert text in decode_html(data, None)


def test_the_declaration_of_a_mime_part_wins_and_a_bom_wins_over_both() -> None:
    data = PAGE.format(charset="utf-8", text="会談").encode("euc_jp")
    assert "会談" in decode_html(data, "EUC-JP")
    assert "会談" in decode_html(codecs.BOM_UTF8 + PAGE.format(charset="shift_jis", text="会談").encode(), None)


def test_a_wrong_declaration_falls_back_to_what_decodes() -> None:
    data = PAGE.format(charset="shift_jis", text="中国外交部が発表した声明の全文です。").encode("utf-8")
    assert "中国外交部が発表した声明の全文です。" in decode_html(data, None)


def test_bytes_that_decode_in_nothing_are_refused_never_replaced() -> None:
    with pytest.raises(Refused, match="does not decode"):
        decode_html(b"<html><meta charset='utf-8'>" + bytes(range(128, 256)) * 3, None)


def _mhtml(html: str, charset: str, url: str) -> bytes:
    message = EmailMessage(policy=email.policy.SMTP)
    message["From"] = "<Saved by Blink>"
    message["Snapshot-Content-Location"] = url
    message["Subject"] = "saved"
    message.make_related()
    message.add_related(html.encode(charset), "text", "html", cte="quoted-printable", params={"charset": charset})
    html_part = next(iter(message.iter_parts()))
    html_part["Content-Location"] = url
    message.add_related(b"\x89PNG fake", "image", "png", cte="base64")
    out = io.BytesIO()
    email.generator.BytesGenerator(out, policy=email.policy.SMTP).flatten(message)
    return out.getvalue()


def test_an_mhtml_file_gives_its_html_part_and_the_address_it_was_saved_from(tmp_path: Path) -> None:
    url = "https://www3.nhk.or.jp/news/html/20250228/k10014735821000.html"
    html = PAGE.format(charset="shift_jis", text="外相会談を行った。" * 30)
    (tmp_path / "page.mhtml").write_bytes(_mhtml(html, "shift_jis", url))
    loaded = load_file(tmp_path / "page.mhtml")
    assert loaded.kind == "html" and loaded.saved_from == url
    assert "外相会談を行った。" * 30 in loaded.html


def test_an_mhtml_file_without_a_page_is_refused() -> None:
    data = b"From: x\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=b\r\n\r\n--b\r\nContent-Type: image/png\r\n\r\nxx\r\n--b--\r\n"
    with pytest.raises(Refused, match="without an HTML part"):
        load_bytes(data, "mhtml")


def test_the_saved_from_comment_gives_the_address() -> None:
    data = b"<!-- saved from url=(0036)https://www.mofa.go.jp/press/x.html -->\n<html><body><p>x</p></body></html>"
    assert load_bytes(data, "html").saved_from == "https://www.mofa.go.jp/press/x.html"
    assert load_bytes(b"<!-- saved from url=(0020)javascript:alert(1) -->\n<html></html>", "html").saved_from is None
