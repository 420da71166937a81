"""Page objects are made per script run, never shared between sessions (see ui/routes.py)."""

from __future__ import annotations

from ui.routes import all_pages, claims_page, data_page, map_page


def test_every_call_makes_new_page_objects():
    first, second = all_pages(), all_pages()
    assert not {id(page) for page in first} & {id(page) for page in second}
    assert map_page() is not map_page()
    assert claims_page() is not claims_page()
    assert data_page() is not data_page()
