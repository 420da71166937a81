"""A share link is the first thing a fresh server sees: it must still get the app's navigation and layout."""

from __future__ import annotations

import pytest

from tests.browser.harness import MAP_IFRAME, PAGE_LINKS, offline_page, streamlit_server, wait_until_idle

pytestmark = pytest.mark.browser


def test_first_request_to_a_deep_link_is_routed_through_app_py(browser):
    with streamlit_server() as base:  # a new server: no session has run app.py yet
        blocked: list[str] = []
        page = offline_page(browser, blocked)
        page.goto(f"{base}/claims?settlement=gornal&date=2025-04-27")
        page.get_by_role("heading", name="Gornal").wait_for(timeout=30_000)
        links = page.locator(PAGE_LINKS)
        for title in ("Map", "Claims side by side", "Data and your files"):
            links.get_by_text(title, exact=True).wait_for(timeout=10_000)
        assert page.title() == "Contested: Kursk and Belgorod claims"
        page.close()


def test_sessions_opened_at_the_same_moment_all_get_their_page(browser):
    """Several readers opening the dashboard at once on a fresh server each get a working page.

    Shared page objects once made all but one of the simultaneous sessions fail with "This page cannot
    be called directly" (see ui/routes.py).
    """
    sessions, rounds = 8, 3  # the collision is a race: each round of 8 at once hit it about every other time
    with streamlit_server() as base:
        blocked: list[str] = []
        pages = [offline_page(browser, blocked, width=1100, height=800) for _ in range(sessions)]
        for round_number in range(rounds):
            for number, page in enumerate(pages):
                target = "/claims?settlement=gornal&date=2025-04-27" if number % 4 == 3 else "/?date=2025-03-10"
                page.goto(base + target, wait_until="commit")  # returns at once: the pages load side by side
            _expect_every_page(pages, round_number)
        for page in pages:
            page.context.close()


def _expect_every_page(pages: list, round_number: int) -> None:
    for number, page in enumerate(pages):
        # Wait for the page's content or an exception box, whichever comes first.
        page.wait_for_function(
            """([frame, claims]) => {
                    if (document.querySelector('[data-testid=stException]')) return true;
                    const headings = [...document.querySelectorAll('h1, h2, h3')];
                    if (claims) return headings.some(h => h.innerText.includes('Gornal'));
                    const doc = document.querySelector(frame)?.contentDocument;
                    return Boolean(doc && doc.querySelector('.leaflet-container'));
                }""",
            arg=[MAP_IFRAME, number % 4 == 3],
            timeout=120_000,
        )
        wait_until_idle(page, timeout=120_000)
        problems = page.locator("[data-testid=stException]")
        assert problems.count() == 0, f"round {round_number}, session {number}: {problems.first.inner_text()[:300]}"
