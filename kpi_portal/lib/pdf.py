"""HTML → PDF with WeasyPrint: the only module that imports it.

Documents are Django templates under templates/pdf/ styled by static/css/pdf.css.
Three things happen between the template and WeasyPrint:

* Thai digits: official documents write ๐-๙. Digits in the text between tags are
  converted (never inside tags or character entities), so a per-call switch can
  print Arabic digits instead.
* SARA AM: WeasyPrint maps each glyph to the text of the first cluster it was
  drawn in, and HarfBuzz splits ำ (U+0E33) into NIKHAHIT + SARA AA inside one
  merged cluster, so after one "น้ำ" every SARA AA copies as "้ำ". Writing ำ as
  U+0E4D U+0E32 (its NFKC form) gives HarfBuzz nothing to decompose or reorder:
  every glyph keeps a cluster of its own and copies as itself. Sarabun draws both
  spellings identically; extracted text equals the source after NFKC.
* Fetching: the url_fetcher serves files under static/ and refuses everything
  else, so no request leaves the machine while rendering.
"""

from __future__ import annotations

import io
import mimetypes
import os
import re
import tempfile
import threading
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from itertools import islice
from multiprocessing import get_context
from pathlib import Path
from typing import BinaryIO
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from django.conf import settings
from django.template.loader import render_to_string
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from kpi_portal.lib.thai import to_thai_digits

STATIC_DIR = Path(settings.BASE_DIR) / "static"
STYLESHEET = STATIC_DIR / "css" / "pdf.css"
IN_FLIGHT_PER_WORKER = 2
SARA_AM = "\u0e33"
SARA_AM_DECOMPOSED = "\u0e4d\u0e32"

# Text between two tags; entities (&#x27; &amp; …) are matched first so their digits stay Arabic.
_TEXT_RE = re.compile(r">([^<]+)<")
_ENTITY_OR_DIGIT_RE = re.compile(r"&#?\w+;|[0-9]+")


class StaticFilesFetcher(URLFetcher):
    """Serve files under static/ only; record and refuse every other URL."""

    def __init__(self):
        super().__init__(allowed_protocols={"file"}, allow_redirects=False)
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        path = static_path(url)
        if path is None:
            self.refused.append(url)
            raise ValueError(f"refused to fetch {url!r}: documents may only use static files")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})


def static_path(url: str) -> Path | None:
    """The file a file:// URL names if it lies inside static/, else None."""
    parts = urlsplit(url)
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        return None
    path = Path(url2pathname(unquote(parts.path))).resolve()
    if not path.is_relative_to(STATIC_DIR.resolve()) or not path.is_file():
        return None
    return path


def base_url() -> str:
    return STATIC_DIR.resolve().as_uri() + "/"


def prepare_text(html: str, *, thai_digits: bool) -> str:
    """Rewrite the text between tags: ำ decomposed, digits in Thai when asked."""

    def digits(match: re.Match) -> str:
        token = match.group(0)
        return token if token.startswith("&") else to_thai_digits(token)

    def text(match: re.Match) -> str:
        value = match.group(1).replace(SARA_AM, SARA_AM_DECOMPOSED)
        if thai_digits:
            value = _ENTITY_OR_DIGIT_RE.sub(digits, value)
        return f">{value}<"

    return _TEXT_RE.sub(text, html)


def use_thai_digits(thai_digits: bool | None) -> bool:
    return settings.PDF_THAI_DIGITS if thai_digits is None else thai_digits


def render_html(*, template_name: str, context: dict, thai_digits: bool | None = None) -> str:
    """The finished HTML of a document, ready for WeasyPrint."""
    thai = use_thai_digits(thai_digits)
    html = render_to_string(template_name, {**context, "thai_digits": thai})
    return prepare_text(html, thai_digits=thai)


# One FontConfiguration and parsed stylesheet, reused by every render of a thread: Pango font maps are
# not shared across threads, and a forked worker process builds its own.
_local = threading.local()


def _resources(thai_digits: bool) -> tuple[FontConfiguration, list]:
    cache = getattr(_local, "cache", None)
    if cache is None or cache["pid"] != os.getpid():
        cache = _local.cache = {"pid": os.getpid(), "fonts": FontConfiguration()}
    key = ("css", thai_digits)
    if key not in cache:
        fonts = cache["fonts"]
        style = "thai" if thai_digits else "decimal"
        page_numbers = (
            f'@page {{ @bottom-right {{ content: "หน้า " counter(page, {style}) "/" counter(pages, {style}); }} }}'
        )
        cache[key] = [
            CSS(filename=str(STYLESHEET), url_fetcher=StaticFilesFetcher(), font_config=fonts),
            CSS(string=page_numbers, font_config=fonts),
        ]
    return cache["fonts"], cache[key]


def html_to_pdf(html: str, *, thai_digits: bool | None = None, url_fetcher: URLFetcher | None = None) -> bytes:
    """Render finished HTML (see render_html) to PDF bytes."""
    fonts, stylesheets = _resources(use_thai_digits(thai_digits))
    document = HTML(string=html, base_url=base_url(), url_fetcher=url_fetcher or StaticFilesFetcher())
    return document.write_pdf(stylesheets=stylesheets, font_config=fonts)


def render_pdf(
    *,
    template_name: str,
    context: dict,
    thai_digits: bool | None = None,
    url_fetcher: URLFetcher | None = None,
) -> bytes:
    """Render a document template to PDF bytes."""
    html = render_html(template_name=template_name, context=context, thai_digits=thai_digits)
    return html_to_pdf(html, thai_digits=thai_digits, url_fetcher=url_fetcher)


def _forget_database_connections() -> None:
    """In a forked worker: drop (never close) the parent's database connections so nothing here touches
    their sockets. Workers only turn HTML into PDF; closing would end the parent's session, and closing in
    the parent instead would break an open transaction."""
    from django.db import connections

    for connection in connections.all(initialized_only=True):
        connection.connection = None


def _render_job(args: tuple[str, bool]) -> bytes:
    html, thai_digits = args
    return html_to_pdf(html, thai_digits=thai_digits)


def render_each(htmls, *, thai_digits: bool | None = None, workers: int | None = None, on_done=None):
    """Yield finished HTML documents rendered to PDF, in order, in parallel worker processes when workers > 1.

    WeasyPrint uses one core, so the city book spreads documents over processes. `htmls` may be a
    generator: a document is built only when a worker will soon be free, so building overlaps with
    rendering and at most a few documents (HTML or PDF) are held at once, whatever the city's size.
    `on_done(count)` is called in this process as each document is handed on.
    """
    thai = use_thai_digits(thai_digits)
    workers = workers or settings.PDF_WORKERS
    count = 0
    if workers <= 1:
        for html in htmls:
            part = html_to_pdf(html, thai_digits=thai)
            count += 1
            if on_done:
                on_done(count)
            yield part
        return
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=get_context("fork"), initializer=_forget_database_connections
    ) as pool:
        pending: deque = deque()
        documents = iter(htmls)
        while True:
            # Two documents per worker keeps every worker busy while the next one is built.
            for html in islice(documents, IN_FLIGHT_PER_WORKER * workers - len(pending)):
                pending.append(pool.submit(_render_job, (html, thai)))
            if not pending:
                return
            part = pending.popleft().result()
            count += 1
            if on_done:
                on_done(count)
            yield part


def write_book(htmls, out: BinaryIO, *, thai_digits: bool | None = None, workers: int | None = None, on_done=None):
    """Render documents (see render_each) and write them to `out` as one PDF.

    Finished parts wait on disk, not in memory, and are merged once the worker processes have
    exited: the workers' memory and the merge's (every page of the book) never add up.
    """
    with tempfile.TemporaryDirectory(prefix="kpi-book-") as folder:
        parts = []
        for number, part in enumerate(render_each(htmls, thai_digits=thai_digits, workers=workers, on_done=on_done)):
            path = Path(folder) / f"{number:05d}.pdf"
            path.write_bytes(part)
            parts.append(path)
        write_merged(parts, out)


def write_merged(sources, out: BinaryIO) -> None:
    """Concatenate PDF documents (paths or binary files) into one written to `out`; each keeps its own page numbering."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    for source in sources:
        writer.append(source)
    writer.write(out)


def merge_pdfs(documents) -> bytes:
    """The concatenated PDF as bytes: for a handful of documents (admin actions, tests)."""
    out = io.BytesIO()
    write_merged((io.BytesIO(document) for document in documents), out)
    return out.getvalue()
