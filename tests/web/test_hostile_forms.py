"""Hostile input through every form a person can reach (issue 17 §6).

The test does what an attacker with an account would: it opens every main page as each persona
(and logged out), reads every form on it that posts, including the forms a page draws when a
section opens and the file upload, fills every field with each entry of a corpus of hostile
text (markup and script, right-to-left and combining characters, a very long value, SQL and
template syntax, a formula, a header break, characters outside the Basic Multilingual Plane...),
and sends it. Whatever the form is, the answer must be one of:

- a clear refusal (a 4xx, or the form again with its errors) that stored nothing: no row of any
  table of the project's data changed (the audit trail, sessions and login records may);
- or success, with the value stored and shown safely: the markup never comes back as markup, on
  the answer or on the page it leads to, and a redirect never leaves the site.

Never a server error. The forms are found in the pages, not listed here, so a form added later is
fuzzed without anyone remembering to add it. The API has its own test of the same (schemathesis,
and the malformed bodies below).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

import pytest
from django.apps import apps
from django.conf import LazySettings
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.test import Client
from django.utils import timezone

from stepstones.api.actions import create_token
from stepstones.cases.models import Case
from stepstones.training import actions as training_actions
from stepstones.training.models import StepKind
from stepstones.training.steps import StepSpec
from tests.personas import add_trainer, assess_case, build_network, open_case, refer

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse

pytestmark = pytest.mark.django_db

SCRIPT = '<script>alert("stepstones")</script>'
IMAGE = '"><img src=x onerror=alert(1)>'
CORPUS = (
    SCRIPT,
    IMAGE,
    "\u202eevil\u202c رسالة سرية עברית",  # a right-to-left override, Arabic, Hebrew
    "e" + "\u0301" * 300,  # one letter under 300 combining accents
    "Ж" * 20_000,  # a very long value
    "'; DROP TABLE cases_case; --",
    '=HYPERLINK("http://evil.example","open me")',
    "line\r\nSet-Cookie: stolen=1",
    "{{ 7*7 }} {% debug %} ${7*7}",
    "\u200b\u200d\ufeff",  # only invisible characters
    "🙂 𝕏 \U0001f600",
    "../../../../etc/passwd",
    "99999999999999999999999",
    "-1",
)
# Markup that must never come back as markup.
DANGEROUS = (SCRIPT, "<img src=x onerror=alert(1)>")
# Forms left out, and why: they end the session the crawl runs in.
ENDS_SESSION = ("/accounts/logout/", "/accounts/sessions/")
# Tables that may change on a refusal: the trail of the refusal itself and the login machinery.
MAY_CHANGE = {"audit", "sessions", "axes", "admin"}
HOSTILE_FILES = (
    ("evil.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
    ("photo.png", b"<html><script>alert(1)</script></html>"),  # not what it says it is
    ("empty.jpg", b""),
    ("../../etc/passwd.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64),
)


@dataclass
class Form:
    """A form as the page draws it: where it posts, and the values a browser would send."""

    page: str
    action: str
    htmx: bool
    method: str = "post"
    fields: list[tuple[str, str]] = field(default_factory=list)
    text: list[str] = field(default_factory=list)  # names a person types into
    choices: list[str] = field(default_factory=list)  # selects, radios, checkboxes
    files: list[str] = field(default_factory=list)


class _Forms(HTMLParser):
    """Every form of a page (filters and searches too), and what each would send."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.forms: list[Form] = []
        self.lazy: list[str] = []  # fragments the page draws when a section opens
        self._form: Form | None = None
        self._select: str | None = None
        self._first_option: str | None = None
        self._selected = False
        self._textarea: str | None = None
        self._radios: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if "hx-get" in a and tag == "details":
            self.lazy.append(urljoin(self.page, a["hx-get"]))
        if tag == "form":
            posts = a.get("method", "get").lower() == "post" or "hx-post" in a
            action = a.get("hx-post") or a.get("hx-get") or a.get("action") or self.page
            htmx = "hx-post" in a or "hx-get" in a
            method = "post" if posts else "get"
            self._form = Form(self.page, urljoin(self.page, action), htmx, method)
            self._radios = set()
            return
        form = self._form
        if form is None:
            return
        name = a.get("name", "")
        if tag == "input" and name:
            kind = a.get("type", "text").lower()
            if kind in {"submit", "button", "image", "reset"}:
                if "formaction" not in a and name not in {n for n, _v in form.fields}:
                    form.fields.append((name, a.get("value", "")))
            elif kind == "file":
                form.files.append(name)
            elif kind in {"checkbox", "radio"}:
                if name not in form.choices:
                    form.choices.append(name)
                first = kind == "radio" and name not in self._radios
                if "checked" in a or first:
                    form.fields = [(n, v) for n, v in form.fields if n != name or kind != "radio"]
                    form.fields.append((name, a.get("value", "on")))
                    self._radios.add(name)
            else:
                form.fields.append((name, a.get("value", "")))
                if kind != "hidden":
                    form.text.append(name)
        elif tag == "textarea" and name:
            self._textarea = name
            form.fields.append((name, ""))
            form.text.append(name)
        elif tag == "select" and name:
            self._select, self._first_option, self._selected = name, None, False
            form.choices.append(name)
        elif tag == "option" and self._select is not None:
            value = a.get("value", "")
            if self._first_option is None and value:
                self._first_option = value
            if "selected" in a:
                form.fields.append((self._select, value))
                self._selected = True
        elif tag == "button" and name and "formaction" not in a:
            form.fields.append((name, a.get("value", "")))

    def handle_data(self, data: str) -> None:
        if self._form is not None and self._textarea is not None:
            name = self._textarea
            self._form.fields = [(n, data if n == name else v) for n, v in self._form.fields]

    def handle_endtag(self, tag: str) -> None:
        form = self._form
        if tag == "textarea":
            self._textarea = None
        elif tag == "select" and form is not None and self._select is not None:
            if not self._selected and self._first_option is not None:
                form.fields.append((self._select, self._first_option))
            self._select = None
        elif tag == "form" and form is not None:
            self.forms.append(form)
            self._form = None


def forms_on(client: Client, page: str) -> tuple[list[Form], list[str]]:
    response = client.get(page)
    assert response.status_code == 200, f"{page}: HTTP {response.status_code}"
    parser = _Forms(page)
    parser.feed(response.content.decode())
    return parser.forms, parser.lazy


def project_rows() -> dict[str, int]:
    """Rows in every table of the project's data (not the trail of a refusal, not sessions)."""
    counts: dict[str, int] = {}
    for model in apps.get_models():
        if model._meta.app_label in MAY_CHANGE or model._meta.proxy:
            continue
        counts[model._meta.label] = model._default_manager.count()
    return counts


def fingerprint() -> dict[str, int]:
    """Rows and their latest change, so that an update in place is seen too."""
    counts = project_rows()
    for model in apps.get_models():
        names = {f.name for f in model._meta.concrete_fields}
        stamp = next((n for n in ("updated_at", "withdrawn_at", "responded_at") if n in names), "")
        if stamp and model._meta.app_label not in MAY_CHANGE:
            latest = model._default_manager.aggregate(latest=models.Max(stamp))["latest"]
            counts[f"{model._meta.label}.{stamp}"] = hash(latest)
    return counts


def refused(status: int, body: str) -> bool:
    """A refusal: a 4xx, a form shown again with its errors, or a page with an error message."""
    return status >= 400 or 'class="errorlist' in body or '<li class="error">' in body


def shown_safely(label: str, body: str) -> None:
    for markup in DANGEROUS:
        assert markup not in body, f"{label}: {markup!r} came back as markup"


def stays_on_site(label: str, location: str) -> None:
    parts = urlsplit(location)
    assert not parts.netloc and not location.startswith("//"), f"{label}: redirect to {location}"


def world() -> dict[str, object]:
    net = build_network()
    case = open_case(net)
    referral = refer(net, case, net.social)
    assessment = assess_case(net, case, {"age_band": "adult"})
    trainer = add_trainer(net)
    session = training_actions.create_session(
        by=trainer,
        title="Skopje",
        day=timezone.localdate(),
        language="en",
        steps=[StepSpec(StepKind.JOURNEY, "smuggling_turns_into_trafficking_in_transit", 3)],
    )
    return {
        "case": case.pk,
        "referral": referral.pk,
        "assessment": assessment.pk,
        "session": session.pk,
        "join": session.join_code,
    }


def pages(w: dict[str, object]) -> dict[str, list[str]]:
    """The pages whose forms are fuzzed, per persona ("" is logged out)."""
    case, referral, session = w["case"], w["referral"], w["session"]
    # The case holder (nina) comes last: she closes the case, which ends what others could do.
    return {
        "": [
            "/",
            "/accounts/login/",
            "/screen/",
            "/screen/?mode=all",
            "/offers/",
            "/suggest/",
            f"/training/join/?code={w['join']}",
        ],
        "sara": [f"/referrals/{referral}/", "/referrals/"],
        "olga": ["/orgs/members/", "/orgs/entry/"],
        "audrey": ["/audit/"],
        "cora": ["/referrals/network/", "/stats/"],
        "tina": ["/training/", f"/training/{session}/", f"/training/{session}/evaluation/"],
        "nina": [
            "/cases/list/",
            "/cases/new/",
            f"/cases/{case}/",
            f"/cases/{case}/assessments/new/",
            f"/referrals/new/{case}/",
            f"/referrals/{referral}/",
            f"/referrals/chain/{case}/",
            "/orgs/directory/",
            "/api/tokens/",
            "/screen/",
            "/offers/",
            "/suggest/",
        ],
    }


Files = dict[str, SimpleUploadedFile]


def fills(form: Form) -> Iterator[tuple[str, list[tuple[str, str]], Files]]:
    """Each hostile version of the form: the corpus in every text field, then in its choices."""
    keep = [(n, v) for n, v in form.fields if n == "csrfmiddlewaretoken"]
    for n, payload in enumerate(CORPUS):
        values = keep + [
            (name, payload if name in form.text else value)
            for name, value in form.fields
            if name != "csrfmiddlewaretoken"
        ]
        files: Files = {}
        if form.files:
            filename, content = HOSTILE_FILES[n % len(HOSTILE_FILES)]
            files = {name: SimpleUploadedFile(filename, content) for name in form.files}
        yield f"text #{n}", values, files
    for payload in (SCRIPT, "99999999999999999999999"):
        values = keep + [
            (name, payload if name in form.choices or name in form.text else value)
            for name, value in form.fields
            if name != "csrfmiddlewaretoken"
        ]
        values += [(name, payload) for name in form.choices if name not in dict(values)]
        yield f"choices {payload[:8]!r}", values, {}


def send(
    client: Client, form: Form, values: list[tuple[str, str]], files: Files
) -> _MonkeyPatchedWSGIResponse:
    data: dict[str, list[str]] = {}
    for name, value in values:
        data.setdefault(name, []).append(value)
    headers = {"HX-Request": "true"} if form.htmx else {}
    if form.method == "get":
        return client.get(form.action, data, headers=headers)
    posted: dict[str, Any] = {**data, **files}
    return client.post(form.action, posted, headers=headers)


def test_every_form_refuses_hostile_input_clearly_or_shows_it_safely(
    settings: LazySettings,
) -> None:
    settings.STEPSTONES_PUBLIC_RATE_LIMIT = 0  # the public forms answer, not the rate limit
    w = world()
    sent = forms_seen = 0
    problems: list[str] = []
    done: set[tuple[str, tuple[str, ...]]] = set()  # a form on many pages is fuzzed once
    for who, paths in pages(w).items():
        client = Client()
        if who:
            client.force_login(User.objects.get(username=who))
        for path in paths:
            found, lazy = forms_on(client, path)
            for fragment in lazy:
                found += forms_on(client, fragment)[0]
            for form in found:
                shape = (form.action, tuple(sorted(n for n, _v in form.fields)))
                if any(form.action.endswith(end) for end in ENDS_SESSION) or shape in done:
                    continue
                done.add(shape)
                forms_seen += 1
                for what, values, files in fills(form):
                    label = (
                        f"{who or 'logged out'} on {path}:"
                        f" {form.method.upper()} {form.action} ({what})"
                    )
                    before = fingerprint()
                    response = send(client, form, values, files)
                    sent += 1
                    status = response.status_code
                    body = response.content.decode("utf-8", "replace")
                    if status >= 500:
                        problems.append(f"{label}: HTTP {status}")
                        continue
                    shown_safely(label, body)
                    if status in (301, 302, 303):
                        location = response.headers["Location"]
                        stays_on_site(label, location)
                        landing = client.get(location)
                        if landing.status_code >= 500:
                            problems.append(f"{label}: the page it leads to: HTTP 5xx")
                        body = landing.content.decode()
                        shown_safely(f"{label} -> {location}", body)
                    if (refused(status, body) or form.method == "get") and fingerprint() != before:
                        problems.append(f"{label}: refused ({status}) but stored something")
    assert not problems, "\n".join(problems)
    # The crawl really reached the forms: every persona's, the lazy ones and the upload.
    assert forms_seen >= 30, forms_seen
    assert sent >= forms_seen * len(CORPUS)


def test_the_crawler_reads_a_form_as_a_browser_would_send_it() -> None:
    parser = _Forms("/cases/1/")
    parser.feed(
        '<form method="post" action="consent/"><input type="hidden" name="csrfmiddlewaretoken"'
        ' value="t"><input name="language" value="ar"><textarea name="note">hi</textarea>'
        '<select name="purpose"><option value="">--</option><option value="assistance">A'
        '</option><option value="return" selected>R</option></select>'
        '<input type="radio" name="how" value="oral"><input type="radio" name="how"'
        ' value="written"><input type="checkbox" name="share" value="gender">'
        '<input type="file" name="file"><button name="send" value="1">Send</button></form>'
        '<form method="get"><input name="q"></form>'
        '<details hx-get="/cases/1/form/edit/"></details>'
    )
    form, search = parser.forms
    assert (search.method, search.fields, search.text) == ("get", [("q", "")], ["q"])
    assert form.action == "/cases/1/consent/" and form.method == "post"
    assert form.fields == [
        ("csrfmiddlewaretoken", "t"),
        ("language", "ar"),
        ("note", "hi"),
        ("purpose", "return"),
        ("how", "oral"),
        ("send", "1"),
    ]
    assert form.text == ["language", "note"] and form.files == ["file"]
    assert form.choices == ["purpose", "how", "share"]
    assert parser.lazy == ["/cases/1/form/edit/"]


@pytest.mark.parametrize("language", ["en", "mk"])
def test_a_form_too_large_to_read_is_refused_in_words_and_nothing_is_stored(language: str) -> None:
    build_network()
    client = Client()
    client.force_login(User.objects.get(username="nina"))
    client.cookies["django_language"] = language
    client.get("/cases/new/")
    before = fingerprint()
    response = client.post(
        "/cases/new/",
        {"csrfmiddlewaretoken": client.cookies["csrftoken"].value, "summary": "x" * 3_000_000},
    )
    assert response.status_code == 413
    page = response.content.decode()
    assert f'lang="{language}"' in page and 'role="alert"' in page
    if language == "en":
        assert "larger than 2.5 MB" in page and "Nothing was saved" in page
    else:
        assert "Bad Request" not in page and "larger than" not in page
    assert fingerprint() == before


def test_the_checks_see_what_they_look_for() -> None:
    net = build_network()
    before = fingerprint()
    case = open_case(net)
    assert fingerprint() != before  # a row added
    before = fingerprint()
    Case.objects.filter(pk=case.pk).update(updated_at=timezone.now() + dt.timedelta(days=1))
    assert fingerprint() != before  # a row changed in place
    with pytest.raises(AssertionError):
        shown_safely("page", f"<p>{SCRIPT}</p>")
    shown_safely("page", "<p>&lt;script&gt;alert(&quot;stepstones&quot;)&lt;/script&gt;</p>")
    with pytest.raises(AssertionError):
        stays_on_site("form", "//evil.example/")
    stays_on_site("form", "/cases/1/")
    assert refused(200, '<ul class="errorlist"><li>x</li></ul>') and refused(429, "")
    assert not refused(200, "<p>Saved.</p>")


# -- The API: bodies that are not what they claim to be ---------------------------------------

MALFORMED = (
    (b"{", "application/json"),
    (b'{"kind": "trafficking",}', "application/json"),
    (b"[1, 2, 3]", "application/json"),
    (b'"just a string"', "application/json"),
    (b"[" * 50_000 + b"]" * 50_000, "application/json"),  # deeper than any parser's stack
    (b'{"summary": "' + b"\xff\xfe\xfd" + b'"}', "application/json"),  # not UTF-8
    (b'{"kind": 1e999999}', "application/json"),
    (b"kind=trafficking&gender=Feminine", "application/x-www-form-urlencoded"),
    (b"kind: trafficking\n- [", "application/yaml"),
    (b'a,b\n"unclosed,c\n', "text/csv"),
)


@pytest.mark.parametrize(("body", "content_type"), MALFORMED)
def test_the_api_answers_a_malformed_body_with_a_json_error_and_stores_nothing(
    body: bytes, content_type: str
) -> None:
    net = build_network()
    case = open_case(net)
    _token, secret = create_token(net.nina.user, name="fuzz")
    client = Client(headers={"Authorization": f"Bearer {secret}"})
    targets = [
        ("post", "/api/v1/cases"),
        ("patch", f"/api/v1/cases/{case.pk}"),
        ("post", "/api/v1/assess"),
        ("post", "/api/v1/offers/check"),
        ("post", "/api/v1/notes/suggest"),
    ]
    for method, url in targets:
        before = fingerprint()
        response = getattr(client, method)(url, body, content_type=content_type)
        label = f"{method.upper()} {url} with {body[:30]!r} as {content_type}"
        assert 400 <= response.status_code < 500, f"{label}: HTTP {response.status_code}"
        error = json.loads(response.content)["error"]
        assert error["code"] and error["message"], f"{label}: {error}"
        assert fingerprint() == before, f"{label}: stored something"
