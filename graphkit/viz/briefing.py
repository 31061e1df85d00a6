"""A briefing pack as Markdown, as a self-contained HTML page to print on one A4 sheet, and as a PDF."""

from __future__ import annotations

import html
import importlib.util
import re
from pathlib import Path

from graphkit.analysis.briefing import Briefing, Fact
from graphkit.graph.search import unaccented

PRIVATE_WARNING = "Contains private facts: do not share"
_MARK = {"internal": "(internal)", "private": "(private)"}
# Markdown's special characters; "_" inside a word (WORKS_FOR) emphasises nothing and stays as it is.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*\[\]<>#|~]|(?<![0-9A-Za-z])_|_(?![0-9A-Za-z]))")
_LINK = re.compile(r"https?://[^\s<>\"']+")


def _md(text: str) -> str:
    """Text from the data, safe inside Markdown: one line, no markup, links or HTML of its own."""
    return _MARKDOWN_SPECIAL.sub(lambda m: "\\" + m.group(0), " ".join(str(text).split()))


def _is_link(citation: str) -> bool:
    return bool(_LINK.fullmatch(citation))


def _intro(b: Briefing, numbers: str) -> str:
    return (
        f"For {b.coalition_name}, as of {b.as_of}. {numbers} are the sources listed at the end; "
        "facts marked (internal) stay within the coalition."
    )


def to_markdown(b: Briefing) -> str:
    """The pack as Markdown: a title, the warning when it was built with private facts, the sections,
    the numbered sources."""
    lines = [f"# Briefing pack: {_md(b.headline)}", ""]
    if b.private:
        lines += [f"**{PRIVATE_WARNING}.**", ""]
    lines += [_md(_intro(b, "Numbers in brackets")), ""]

    def fact_line(f: Fact) -> str:
        mark = f" {_MARK[f.sensitivity]}" if f.sensitivity in _MARK else ""
        cites = "".join(f" [{n}]" for n in f.sources)
        return f"{_md(f.text)}{mark}{cites}"

    for s in b.sections:
        lines += [f"## {_md(s.title)}", ""]
        if s.note:
            lines += [f"_{_md(s.note)}_" if not s.facts else _md(s.note), ""]
        for f in s.facts:
            lines.append(f"- {fact_line(f)}")
            lines += [f"  - {fact_line(d)}" for d in f.details]
        if s.facts:
            lines.append("")
    lines += ["## Sources", ""]
    lines += [f"{i}. {f'<{c}>' if _is_link(c) else _md(c)}" for i, c in enumerate(b.sources, 1)]
    return "\n".join(lines) + "\n"


_CSS = """
@page { size: A4; margin: 12mm 14mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; color: #1a1a1a; background: #fff;
  font: 9.5pt/1.35 "Source Sans 3", "Segoe UI", "Helvetica Neue", Arial, sans-serif; }
main { max-width: 182mm; margin: 0 auto; }
@media screen { body { background: #eceff3; } main { margin: 16px auto; padding: 12mm 14mm;
  background: #fff; box-shadow: 0 1px 6px rgba(0,0,0,.18); } }
header { border-bottom: 2px solid #1f4e79; padding-bottom: 5px; margin-bottom: 8px; }
.kicker { margin: 0; font-size: 8pt; letter-spacing: .06em; text-transform: uppercase; color: #1f4e79; }
h1 { margin: 2px 0 3px; font-size: 17pt; line-height: 1.15; }
.intro { margin: 0; color: #444; font-size: 8.5pt; }
.warning { margin: 0 0 8px; padding: 5px 8px; border: 2px solid #b00020; color: #b00020;
  font-weight: 700; text-transform: uppercase; letter-spacing: .03em; }
section { margin: 0 0 7px; }
h2 { margin: 0 0 3px; font-size: 10.5pt; color: #1f4e79; border-bottom: 1px solid #c9d3de;
  break-after: avoid; page-break-after: avoid; }
ul, ol { margin: 0; padding-left: 16px; }
li { margin: 1px 0; break-inside: avoid; page-break-inside: avoid; }
li li { color: #333; }
.note { margin: 0 0 2px; }
.none { color: #666; font-style: italic; }
.mark { font-size: 8pt; font-weight: 600; color: #8a5a00; }
.mark.private { color: #b00020; }
sup { font-size: 7pt; line-height: 0; }
sup a { color: #1f4e79; text-decoration: none; }
.sources { margin-top: 8px; font-size: 7.5pt; color: #444; }
.sources h2 { font-size: 9pt; }
.sources ol { columns: 2; column-gap: 8mm; padding-left: 18px; }
.sources li { overflow-wrap: anywhere; }
.sources a { color: #444; }
"""


def to_html(b: Briefing) -> str:
    """The pack as a self-contained HTML page (no scripts, no outside files), laid out to print on A4."""
    e = html.escape

    def fact_item(f: Fact) -> str:
        mark = (
            f' <span class="mark {f.sensitivity}">{_MARK[f.sensitivity]}</span>'
            if f.sensitivity in _MARK
            else ""
        )
        cites = "".join(f'<sup><a href="#source-{n}">{n}</a></sup>' for n in f.sources)
        under = "".join(fact_item(d) for d in f.details)
        return f"<li>{e(f.text)}{mark}{cites}{f'<ul>{under}</ul>' if under else ''}</li>"

    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Briefing pack: {e(b.name)}</title>",
        f"<style>{_CSS}</style></head><body><main>",
        f'<header><p class="kicker">Briefing pack · {e(b.coalition_name)} · as of {e(b.as_of)}</p>',
        f"<h1>{e(b.headline)}</h1>",
        f'<p class="intro">{e(_intro(b, "Raised numbers"))}</p></header>',
    ]
    if b.private:
        parts.append(f'<p class="warning" role="alert">{PRIVATE_WARNING}</p>')
    for s in b.sections:
        parts.append(f"<section><h2>{e(s.title)}</h2>")
        if s.note:
            parts.append(f'<p class="note{"" if s.facts else " none"}">{e(s.note)}</p>')
        if s.facts:
            parts.append(f"<ul>{''.join(fact_item(f) for f in s.facts)}</ul>")
        parts.append("</section>")
    sources = "".join(
        f'<li id="source-{i}">' + (f'<a href="{e(c)}">{e(c)}</a>' if _is_link(c) else e(c)) + "</li>"
        for i, c in enumerate(b.sources, 1)
    )
    parts.append(f'<section class="sources"><h2>Sources</h2><ol>{sources}</ol></section>')
    parts.append("</main></body></html>")
    return "\n".join(parts) + "\n"


# -- PDF ----------------------------------------------------------------------------------------

#: Where a Unicode font may be found (Debian's fonts-dejavu-core, Fedora's, matplotlib's copy), as
#: (regular, bold). Without one the pack uses PDF's own Helvetica, which holds Latin-1 only, and
#: letters outside it lose their accents.
_FONT_DIRS = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/usr/share/fonts/TTF")
_BLUE, _GREY, _RED, _AMBER = (31, 78, 121), (68, 68, 68), (176, 0, 32), (138, 90, 0)


def _unicode_font() -> tuple[Path, Path] | None:
    dirs = [Path(d) for d in _FONT_DIRS]
    matplotlib = importlib.util.find_spec("matplotlib")  # found, not imported: only its font is wanted
    if matplotlib and matplotlib.origin:
        dirs.append(Path(matplotlib.origin).parent / "mpl-data" / "fonts" / "ttf")
    for d in dirs:
        regular, bold = d / "DejaVuSans.ttf", d / "DejaVuSans-Bold.ttf"
        if regular.is_file() and bold.is_file():
            return regular, bold
    return None


class _Pdf:
    """Writes a briefing pack into an fpdf2 document, A4, in the HTML page's look."""

    def __init__(self, b: Briefing) -> None:
        from fpdf import FPDF

        self.pdf = pdf = FPDF(format="A4")
        pdf.set_margins(14, 12, 14)
        pdf.set_auto_page_break(True, 12)
        pdf.set_title(f"Briefing pack: {b.name}")
        pdf.set_author(b.coalition_name)
        pdf.set_creator("graphkit")
        pdf.set_lang("en")
        font = _unicode_font()
        if font:
            pdf.add_font("pack", "", str(font[0]))
            pdf.add_font("pack", "B", str(font[1]))
        self.family = "pack" if font else "helvetica"
        pdf.add_page()

    def text(self, value: str) -> str:
        """``value`` as the font can write it: unchanged in a Unicode font, else in Latin-1 (letters
        outside it without their accents, "Łódź" -> "Lodz", and "?" for what has no Latin letter)."""
        if self.family == "pack":
            return value
        kept = "".join(c if c.encode("latin-1", "ignore") else unaccented(c) for c in value)
        return kept.encode("latin-1", "replace").decode("latin-1")

    def write(
        self,
        value: str,
        size: float = 9.5,
        style: str = "",
        colour=(26, 26, 26),
        indent: float = 0,
        bullet: str = "",
        **kw,
    ) -> None:
        """A paragraph at ``indent`` mm, after a ``bullet`` hanging at its left when given."""
        pdf = self.pdf
        pdf.set_font(self.family, style, size)
        pdf.set_text_color(*colour)
        pdf.set_x(pdf.l_margin + indent)
        if bullet:
            pdf.cell(4, size * 0.5, self.text(bullet))
        pdf.multi_cell(0, size * 0.5, self.text(value), align="L", new_x="LMARGIN", new_y="NEXT", **kw)

    def heading(self, title: str, size: float = 10.5) -> None:
        pdf = self.pdf
        if pdf.will_page_break(16):
            pdf.add_page()
        pdf.ln(2)
        pdf.start_section(self.text(title))  # the PDF's outline: its sections, as headings
        self.write(title, size, "B", _BLUE)
        pdf.set_draw_color(201, 211, 222)
        pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
        pdf.ln(1)

    def fact(self, f: Fact, depth: int = 0) -> None:
        mark = f" {_MARK[f.sensitivity]}" if f.sensitivity in _MARK else ""
        cites = "".join(f" [{n}]" for n in f.sources)
        colour = _RED if f.sensitivity == "private" else _GREY if depth else (26, 26, 26)
        bullet = "\u2013" if depth else "\u2022"  # both in Latin-1's reach: Helvetica has them too
        self.write(
            f"{f.text}{mark}{cites}", 9 if depth else 9.5, colour=colour, indent=2 + 5 * depth, bullet=bullet
        )
        for d in f.details:
            self.fact(d, depth + 1)


def to_pdf(b: Briefing) -> bytes:
    """The pack as a PDF to print or send: the HTML page's sections and numbered sources, on A4."""
    doc = _Pdf(b)
    doc.write(f"BRIEFING PACK · {b.coalition_name} · AS OF {b.as_of}", 8, "B", _BLUE)
    doc.write(b.headline, 17, "B")
    doc.write(_intro(b, "Numbers in brackets"), 8.5, colour=_GREY)
    if b.private:
        doc.pdf.ln(1)
        doc.write(PRIVATE_WARNING.upper(), 10, "B", _RED, border=1, padding=1.5)
    for s in b.sections:
        doc.heading(s.title)
        if s.note:
            doc.write(s.note, 9.5, colour=(102, 102, 102) if not s.facts else (26, 26, 26))
        for f in s.facts:
            doc.fact(f)
    doc.heading("Sources", 9.5)
    for i, c in enumerate(b.sources, 1):
        doc.write(f"{i}. {c}", 8, colour=_GREY, link=c if _is_link(c) else None)
    return bytes(doc.pdf.output())
