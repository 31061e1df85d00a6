"""The palette (graphkit.viz.colours) for people who see colours differently, and on both themes.

Distinguishable means: every two group colours (and the unknown group's grey) are at least
MIN_DELTA_E apart in CAM02-UCS (colorspacious's deltaE; about 1 is just noticeable, 10 is a clear
difference at a glance), as seen with normal vision and with deuteranopia, protanopia and tritanopia
simulated at full severity (colorspacious implements Machado, Oliveira and Fernandes 2009).
"""

from __future__ import annotations

from itertools import combinations

import numpy as np
import pytest
from colorspacious import cspace_convert, deltaE

from graphkit.viz.colours import (
    BACKGROUNDS,
    GROUP_COLOURS,
    GROUP_LETTERS,
    LABEL_LOOKS,
    PATH_COLOUR,
    UNKNOWN_GROUP_COLOUR,
    UNKNOWN_GROUP_LETTER,
    contrast,
    ink_on,
    rgb,
)

MIN_DELTA_E = 10.0
GROUPS = {**GROUP_COLOURS, "unknown": UNKNOWN_GROUP_COLOUR}
VISION = {
    "normal": None,
    "deuteranopia": "deuteranomaly",
    "protanopia": "protanomaly",
    "tritanopia": "tritanomaly",
}


def seen(colour: str, deficiency: str | None) -> np.ndarray:
    """The colour as sRGB (0..1) as someone with ``deficiency`` (None: normal vision) sees it."""
    srgb = np.array(rgb(colour)) / 255
    if deficiency is None:
        return srgb
    space = {"name": "sRGB1+CVD", "cvd_type": deficiency, "severity": 100}
    return np.clip(cspace_convert(srgb, space, "sRGB1"), 0, 1)


def test_contrast_is_wcag_s():
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#ffffff", "#000000") == contrast("#000000", "#ffffff")


@pytest.mark.parametrize("theme", sorted(BACKGROUNDS))
def test_every_node_and_path_colour_has_3_to_1_contrast_on_both_backgrounds(theme):
    background = BACKGROUNDS[theme]
    colours = {**GROUPS, "path": PATH_COLOUR, **{label: look.colour for label, look in LABEL_LOOKS.items()}}
    low = {what: round(contrast(c, background), 2) for what, c in colours.items() if c}
    assert {what: ratio for what, ratio in low.items() if ratio < 3} == {}, low


@pytest.mark.parametrize("vision", VISION)
def test_every_two_groups_stay_apart_for_every_kind_of_colour_vision(vision):
    colours = {group: seen(colour, VISION[vision]) for group, colour in GROUPS.items()}
    distances = {
        (a, b): round(float(deltaE(colours[a], colours[b], input_space="sRGB1")), 1)
        for a, b in combinations(colours, 2)
    }
    too_close = {pair: d for pair, d in distances.items() if d < MIN_DELTA_E}
    assert too_close == {}, f"under {vision}, closest: {min(distances.items(), key=lambda kv: kv[1])}"


def test_every_group_has_its_own_letter_readable_on_its_colour():
    letters = [*GROUP_LETTERS.values(), UNKNOWN_GROUP_LETTER]
    assert len(set(letters)) == len(letters) == len(GROUPS)
    assert set(GROUP_LETTERS) == set(GROUP_COLOURS)
    for colour in GROUPS.values():
        assert contrast(ink_on(colour), colour) >= 4.5, colour
