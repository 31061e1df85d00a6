"""A briefing pack as Markdown, and as a self-contained HTML page to print on one A4 sheet."""

from __future__ import annotations

import html
import re

from graphkit.analysis.briefing import Briefing, Fact

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
