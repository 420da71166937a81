"""Controlled vocabularies of the data model: claimants, sides, statuses, event types.

Everything a data file may say in a coded field is listed here, once. The
schema in ``data/README.md`` documents the same lists for people who write data
by hand; a test keeps the two in step.

To add a claimant, add one entry to :data:`CLAIMANTS`. Its side is stated here
and nowhere else: data files never carry a ``side`` of their own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

SIDES: Final = ("ru", "ua", "independent")
"""The three voices the dashboard sets side by side."""

SIDE_LABELS: Final = {"ru": "Russia", "ua": "Ukraine", "independent": "Independent"}


@dataclass(frozen=True)
class Claimant:
    """Who made a statement.

    Attributes
    ----------
    code : str
        The value written in data files, e.g. ``ru_general_staff``.
    side : str
        ``ru``, ``ua`` or ``independent``.
    label : str
        How the dashboard names the claimant, e.g. "Russian General Staff".
    rank : int
        Weight when one side makes several claims about a settlement on the same
        day: 1 national leadership and high command, 2 other officials and
        field commanders, 3 unofficial voices (journalists, bloggers). The
        lower rank wins a tie; see :func:`geo.claims.claimed_status`.
    """

    code: str
    side: str
    label: str
    rank: int


_CLAIMANT_LIST: Final = (
    Claimant("ru_president", "ru", "Russian President", 1),
    Claimant("ru_general_staff", "ru", "Russian General Staff", 1),
    Claimant("ru_mod", "ru", "Russian Ministry of Defence", 1),
    Claimant("ru_commander", "ru", "Russian military commander", 2),
    Claimant("ru_official", "ru", "Russian official (regional or local)", 2),
    Claimant("ru_milblogger", "ru", "Russian military blogger (unofficial)", 3),
    Claimant("ua_president", "ua", "Ukrainian President", 1),
    Claimant("ua_army_commander", "ua", "Ukrainian Commander-in-Chief", 1),
    Claimant("ua_general_staff", "ua", "Ukrainian General Staff", 1),
    Claimant("ua_official", "ua", "Ukrainian official or agency", 2),
    Claimant("ua_unofficial", "ua", "Ukrainian journalist or analyst (unofficial)", 3),
    Claimant("isw", "independent", "Institute for the Study of War (ISW)", 1),
    Claimant("deepstate", "independent", "DeepStateMap", 1),
    Claimant("citeam", "independent", "Conflict Intelligence Team (CIT)", 1),
    Claimant("independent_media", "independent", "Independent media reporting", 2),
)

CLAIMANTS: Final[dict[str, Claimant]] = {c.code: c for c in _CLAIMANT_LIST}
"""Every claimant code a data file may use, keyed by code."""

CLAIM_STATUSES: Final = {
    "ru_control": "Russian control",
    "ua_control": "Ukrainian control",
    "contested": "Contested",
    "not_marked": "Not marked by the tracker",
}
"""What a claim says about a settlement.

``ru_control`` and ``ua_control``: the claimant says that side holds it.
``contested``: the claimant says fighting goes on in or for it, or that
neither side holds it fully (a grey zone). "Ukraine says it is still fighting
in X" is ``contested``; "Russia says it retook X" is ``ru_control``.
``not_marked``: only for independent map trackers; the tracker shows no
Ukrainian control and no grey zone there. It is not a claim of Russian
control.
"""

TRACKER_ONLY_STATUSES: Final = frozenset({"not_marked"})

CLAIM_SCOPES: Final = {
    "settlement": "The statement names this settlement.",
    "area": "The statement is about a wider area (district or oblast) that holds this settlement.",
}

SOURCE_DIRECTNESS: Final = {
    "primary": "the claimant's own channel or publication",
    "major": "a wire or major outlet reporting it",
    "secondary": "another outlet reporting it",
    "aggregator": "an aggregator rewriting others' reports",
    "repost": "a forum, blog or mirror copying another's text",
}
"""How directly the cited source carries the statement, from the claimant's own words down to a copy."""

WEAK_DIRECTNESS: Final = ("aggregator", "repost")
"""Directness values that mark a claim as resting on a weak page alone."""

DIRECTNESS_LABELS: Final = {
    "primary": "primary source",
    "major": "major outlet",
    "secondary": "other outlet",
    "aggregator": "aggregator only",
    "repost": "repost only",
}
"""Short words for each directness value, shown beside the source."""


def directness_words(code: str) -> str:
    """Say how direct a source is in a few words, marking weak pages with a warning sign.

    Parameters
    ----------
    code : str
        A key of :data:`SOURCE_DIRECTNESS`.

    Returns
    -------
    str
        E.g. ``"major outlet"``, or ``"⚠ aggregator only"``.
    """
    words = DIRECTNESS_LABELS.get(code, code)
    return f"⚠ {words}" if code in WEAK_DIRECTNESS else words


GEO_PRECISION: Final = {
    1: "exact (the settlement's own point)",
    2: "approximate (within about 2 km)",
    3: "district level",
}
"""ACLED-style location precision, used by settlements and events alike."""

OBLASTS: Final = ("Kursk", "Belgorod")

EVENT_TYPES: Final[dict[str, tuple[str, ...]]] = {
    "Battles": (
        "Armed clash",
        "Government regains territory",
        "Non-state actor overtakes territory",
    ),
    "Explosions/Remote violence": (
        "Air/drone strike",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Suicide bomb",
        "Grenade",
        "Chemical weapon",
    ),
    "Violence against civilians": (
        "Attack",
        "Abduction/forced disappearance",
        "Sexual violence",
    ),
    "Strategic developments": (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
}
"""ACLED's event types and sub-event types, so ACLED exports map one to one."""


def side_of(claimant: str) -> str:
    """Return the side a claimant speaks for.

    Parameters
    ----------
    claimant : str
        A code from :data:`CLAIMANTS`.

    Returns
    -------
    str
        ``ru``, ``ua`` or ``independent``.

    Raises
    ------
    KeyError
        If the code is not in the vocabulary.
    """
    return CLAIMANTS[claimant].side


def claimant_words(code: str) -> str:
    """Name a claimant in words for the reader ("Russian official (regional or local)", never ``ru_official``).

    Parameters
    ----------
    code : str
        A code from :data:`CLAIMANTS`; an unknown one is returned as it is.

    Returns
    -------
    str
        The claimant's label.
    """
    claimant = CLAIMANTS.get(code)
    return claimant.label if claimant else code
