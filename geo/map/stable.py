"""Ids that depend only on a layer's content, so the same layer gives the same script on every rerun."""

from __future__ import annotations

from typing import Any

from branca.element import Element


def stable_ids(element: Any, prefix: str) -> Any:
    """Give an element and all its descendants ids that depend only on their order.

    folium names every object with a random id, so the same layers would
    produce different JavaScript on every rerun; streamlit-folium would then
    remove and re-add them (closing any open popup). Numbering them in order
    makes identical layers produce identical code.

    Parameters
    ----------
    element : branca Element
        Usually a FeatureGroup, after everything has been added to it.
    prefix : str
        Distinguishes layers from each other (letters only).

    Returns
    -------
    The same element, renumbered.
    """
    order: list[Any] = []
    pending = [element]
    while pending:
        current = pending.pop(0)
        order.append(current)
        pending.extend(current._children.values())
        inner = getattr(current, "html", None)  # a Popup keeps its content outside _children
        if isinstance(inner, Element):
            pending.append(inner)
    for number, current in enumerate(order):
        current._id = f"{prefix}{number}"
    for current in order:  # some templates name children by their key in _children: rekey them
        current._children = type(current._children)((child.get_name(), child) for child in current._children.values())
    return element
