"""`{% case_page %}`: the case page's sections, built in Python.

The case page's template rendered 14 includes, reversed 30 URLs and translated 40 phrases one
template node at a time: a third of the page's time in a profile of a case with 500 timeline
items, more than all its queries. Here the jump navigation, the header and every section's
shell are one `str.format` each, every value escaped with `html.escape` as the template's
autoescape did. The custody panel stays a template (its own view answers it after a transfer)
and the timeline is `timeline_page`, as the older items' partial shows it. A test compares the
page with the template this replaced (`tests/case_detail_before.html`).

A panel owned by another part of Amparo is one `Loader` in `SECTIONS`: a `<section>` the page
loads with `hx-get` and `hx-trigger="load"`, with a link to the panel for a browser without
JavaScript.
"""

from __future__ import annotations

import functools
import html
import uuid
from dataclasses import dataclass
from typing import Any

from django import template
from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.formats import localize
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, gettext_noop

from amparo.cases.templatetags.timeline_items import timeline_page

register = template.Library()


def _e(value: Any) -> str:
    """Escaped as the template's autoescape did (Django's `escape` is `html.escape`)."""
    return html.escape(str(value))


_ID = uuid.UUID(int=0)


def _case_url(url_name: str, case_id: str) -> str:
    """`reverse(url_name, args=[case_id])`, escaped: 16 of them cost 1 ms a page on a loaded
    machine, so each URL is reversed once a process (and URL configuration), with the id put
    in."""
    where = (settings.ROOT_URLCONF, get_urlconf(), get_script_prefix())
    return _with_any_id(url_name, *where).replace(str(_ID), case_id)


@functools.cache
def _with_any_id(url_name: str, *_where: Any) -> str:
    return html.escape(reverse(url_name, args=[_ID]))


@dataclass(frozen=True)
class Loader:
    """A panel the page loads after itself, from `url_name` (which takes the case's id)."""

    panel_id: str
    url_name: str
    title: str  # its heading, a message id
    css: str = "card panel"
    link: str = ""  # the words of its link, a message id; empty: "Load" and the heading
    # The blank line the panel's former include put before it (the page stays byte-identical).
    lead: str = "\n"

    def html(self, case_id: str) -> str:
        url = _case_url(self.url_name, case_id)
        title = gettext(self.title)
        link = gettext(self.link) if self.link else f"{gettext('Load')} {title.lower()}"
        return (
            f'{self.lead}<section id="{self.panel_id}" class="{self.css}" hx-get="{url}" '
            f'hx-trigger="load" hx-swap="outerHTML">\n  <h2>{_e(title)}</h2>\n'
            f'  <p class="muted"><a href="{url}">{_e(link)}</a></p>\n</section>\n'
        )


TEAM = Loader("team", "cases:team", gettext_noop("Case team"))
LOCATOR = Loader("locator-panel", "cases:locator", gettext_noop("Detainee locator"))
# Section id, its label (a message id), its panels. Summary, custody and the timeline are
# built below: they show the case's own facts.
SECTIONS: tuple[tuple[str, str, tuple[Loader, ...]], ...] = (
    ("requests", gettext_noop("Requests"), (
        Loader("request-panel", "relief:panel", gettext_noop("Requests and decisions"),
               css="card relief-panel", link=gettext_noop("Load the requests and next steps"),
               lead="\n\n"),
    )),
    ("court", gettext_noop("Court"), (
        Loader("hearings-panel", "cases:hearings", gettext_noop("Immigration court")),
        Loader("court-panel", "courts:panel", gettext_noop("Court"), css="card",
               link=gettext_noop("Load court cases and deadlines")),
    )),
    ("deadlines", gettext_noop("Deadlines"), (
        Loader("deadlines-panel", "cases:deadlines", gettext_noop("Deadlines")),
    )),
    ("documents", gettext_noop("Documents"), (
        Loader("documents-panel", "documents:panel", gettext_noop("Documents"),
               css="card documents-panel", link=gettext_noop("Load the documents"), lead="\n\n"),
    )),
    ("people", gettext_noop("People"), (
        Loader("people-panel", "cases:people", gettext_noop("Family and contacts")),
    )),
    ("advocacy", gettext_noop("Advocacy"), (
        Loader("advocacy-panel", "advocacy:panel", gettext_noop("Advocacy"), css="card advocacy",
               link=gettext_noop("Load waivers, congressional inquiries and statements")),
    )),
    ("notes", gettext_noop("Notes"), (
        Loader("notes-panel", "cases:notes", gettext_noop("Notes and calls")),
    )),
)  # fmt: skip
# The jump navigation: every section's id and its name there, in the page's order.
JUMP = (
    ("summary", gettext_noop("Summary")),
    ("custody", gettext_noop("Custody")),
    *((section_id, label) for section_id, label, _loaders in SECTIONS),
    ("timeline", gettext_noop("Timeline")),
)

PAGE = """<div class="case-page">
<button type="button" class="jump-toggle secondary" aria-expanded="false" \
aria-controls="jump" data-toggle="jump">{sections}</button>
<nav id="jump" class="jump" aria-label="{sections_of_the_case}">
{jump}
</nav>

<div class="case-sections">
<section class="case-section" id="summary" aria-labelledby="client-name">
  <div class="card case-header" id="client">
    <div>
      <h1 id="client-name"><bdi>{name}</bdi></h1>
      <p class="sub">{title} · <span class="status status-{status}">{status_shown}</span>\
{restricted}</p>
      <dl class="facts">
        <dt>{a_number_label}</dt><dd class="mono">{a_number}</dd>
        <dt>{immigration_status_label}</dt><dd>{immigration_status}</dd>
        <dt>{held_under_label}</dt><dd>{held_under}</dd>
        <dt>{country_label}</dt><dd>{country}</dd>
        {days}
      </dl>
      <p class="case-links">
{links}
      </p>
    </div>
  </div>
  {team}
</section>

<section class="case-section" id="custody" aria-label="{custody}">
  <div class="card">
    <h2>{custody}</h2>
    {custody_panel}
  </div>
  {locator}
</section>
{sections_html}
<section class="case-section card" id="timeline" aria-labelledby="timeline-title">
  <h2 id="timeline-title">{timeline}</h2>
  <p class="muted">{newest_first}</p>
  <ol class="timeline">{timeline_page}
</ol>
</section>
</div>
</div>
"""
SECTION = '\n<section class="case-section" id="{0}" aria-label="{1}">\n{2}\n</section>\n'
LINK = '<a href="{}">{}</a>'


def _links(context: Any, case_id: str) -> str:
    """The header's links: each on its own line, as the template's `{% if %}`s left them (an
    empty line for a link the reader may not follow)."""
    can_write, can_read_log = context.get("can_write"), context.get("can_read_log")

    def link(shown: bool, url_name: str, words: str) -> str:
        if not shown:
            return "        "
        url = _case_url(url_name, case_id)
        return "        " + LINK.format(url, _e(gettext(words)))

    return "\n".join(
        (
            link(can_write, "cases:edit", gettext_noop("Edit case")),
            link(can_write, "cases:client", gettext_noop("Edit client details")),
            link(can_write, "advocacy:publication", gettext_noop("Public page")),
            link(can_read_log, "audit:case-log", gettext_noop("Access log")),
            link(True, "exchange:case-export", gettext_noop("Export (zip)")),
        )
    )


def _custody_panel(context: Any) -> str:
    """The custody panel's template, rendered with the page's context as its include was."""
    panel = context.template.engine.get_template("custody/_custody_panel.html")
    with context.push():
        return str(panel.render(context))


@register.simple_tag(takes_context=True)
def case_page(context: Any) -> SafeString:
    """The page's content from the view's context (see `cases.views.case_detail_page`)."""
    case, person, custody = context["case"], context["person"], context["custody"]
    case_id = str(case.id)
    days = ""
    if custody.placement:
        days = _e(localize(custody.days_detained))
        days = f"<dt>{_e(gettext('Days detained'))}</dt><dd>{days}</dd>"
    restricted = ""
    if case.restricted:
        restricted = f" · <strong>{_e(gettext('Restricted'))}</strong>"
    jump = "\n".join(
        f'  <a href="#{section_id}">{_e(gettext(label))}</a>' for section_id, label in JUMP
    )
    sections_html = "".join(
        SECTION.format(section_id, _e(gettext(label)), "\n".join(
            "  " + loader.html(case_id) for loader in loaders
        ))
        for section_id, label, loaders in SECTIONS
    )  # fmt: skip
    page = PAGE.format(
        sections=_e(gettext("Sections")),
        sections_of_the_case=_e(gettext("Sections of the case")),
        jump=jump,
        name=_e(person.full_name),
        title=_e(case.title),
        status=_e(case.status),
        status_shown=_e(case.get_status_display()),
        restricted=restricted,
        a_number_label=_e(gettext("A-number")),
        a_number=_e(context.get("a_number") or "—"),
        immigration_status_label=_e(gettext("Status")),
        immigration_status=_e(person.get_immigration_status_display()),
        held_under_label=_e(gettext("Held under")),
        held_under=_e(case.get_detention_basis_display()),
        country_label=_e(gettext("Country of birth")),
        country=_e(context.get("country_of_birth") or "—"),
        days=days,
        links=_links(context, case_id),
        team=TEAM.html(case_id),
        custody=_e(gettext("Custody")),
        custody_panel=_custody_panel(context),
        locator=LOCATOR.html(case_id),
        sections_html=sections_html,
        timeline=_e(gettext("Timeline")),
        newest_first=_e(gettext("Newest first.")),
        timeline_page=timeline_page(case.id, context["timeline"]),
    )
    return mark_safe(page)  # every value was escaped above, or is the escaped HTML of a part
