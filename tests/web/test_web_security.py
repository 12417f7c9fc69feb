"""Security: loopback unless a token, the token on every request, the store read-only,
and stored markup escaped wherever it is shown."""
from __future__ import annotations

import os

import duckdb
import pytest
from fastapi.testclient import TestClient

from dyadwatch.web import check_bind, create_app

from support import run_cli

TOKEN = "s3cret-token"


@pytest.fixture(scope="module")
def guarded(web_db):
    with TestClient(create_app(web_db, token=TOKEN)) as client:
        yield client


def test_loopback_only_without_a_token():
    check_bind("127.0.0.1", None)
    check_bind("localhost", None)
    check_bind("::1", None)
    for host in ("0.0.0.0", "192.168.1.10", "example.org", "::"):
        with pytest.raises(ValueError, match="--token"):
            check_bind(host, None)
        check_bind(host, TOKEN)


def test_serve_refuses_a_public_address_without_a_token(web_db):
    result = run_cli("serve", "--db", str(web_db), "--host", "0.0.0.0", "--port", "1", check=False)
    assert result.returncode == 2
    assert "--token" in result.stderr and "refusing" in result.stderr


@pytest.mark.parametrize("path", ["/", "/api/dyads", "/openapi.json", "/docs", "/static/dyadwatch.css",
                                  "/articles", "/api/search?q=Moscow"])
def test_every_request_needs_the_token(guarded, path):
    guarded.cookies.clear()
    join = "&" if "?" in path else "?"
    assert guarded.get(path).status_code == 401
    assert guarded.get(path, headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert guarded.get(f"{path}{join}token=wrong").status_code == 401
    assert guarded.get(path, headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200
    guarded.cookies.clear()
    assert guarded.get(f"{path}{join}token={TOKEN}", follow_redirects=True).status_code == 200


def test_a_page_opened_with_the_token_keeps_it_in_a_cookie(guarded):
    guarded.cookies.clear()
    first = guarded.get("/timeline", params={"token": TOKEN, "actor": "ARM"}, follow_redirects=False)
    assert first.status_code == 303 and first.headers["location"] == "/timeline?actor=ARM"
    assert "httponly" in first.headers["set-cookie"].lower()
    # The cookie now carries the token: links and assets work without it in the address.
    assert guarded.get("/timeline?actor=ARM").status_code == 200
    assert guarded.get("/static/dyadwatch.js").status_code == 200
    guarded.cookies.clear()
    assert guarded.get("/timeline").status_code == 401


def test_the_store_is_opened_read_only(web_db):
    before = os.stat(web_db).st_mtime_ns
    app = create_app(web_db)
    with TestClient(app) as client:
        for path in ("/", "/timeline", "/network", "/stories", "/api/search?q=Moscow"):
            assert client.get(path).status_code == 200
        with pytest.raises(duckdb.Error):
            app.state.dashboard.store.con.execute("CREATE TABLE intruder (x INTEGER)")
    assert os.stat(web_db).st_mtime_ns == before


def test_stored_markup_is_shown_as_text(hostile_db):
    with TestClient(create_app(hostile_db)) as client:
        articles = client.get("/api/articles").json()["articles"]
        assert len(articles) == 4
        pages = {a["article_id"]: client.get(f"/articles/{a['article_id']}").text for a in articles}
        pages["/"] = client.get("/").text
        pages["/articles"] = client.get("/articles").text
        pages["/timeline"] = client.get("/timeline").text
        pages["/search"] = client.get("/search", params={"q": "script window"}).text
        for name, html in pages.items():
            assert "<script>window" not in html, name
            assert "onerror=" not in html.replace("onerror=&#34;", "").replace("onerror=&quot;", ""), name
            assert not any(f'href="{scheme}' in html for scheme in ("javascript:", "data:")), name
        markup = pages["markup0000000001"]
        # The evidence is highlighted and its pieces escaped: the markup reads as text.
        assert '<mark class="evidence"' in markup
        assert "&lt;script&gt;window.__dw_pwned" in markup and "&lt;img src=x onerror=" in markup
        assert "Share &lt;script&gt;" in markup  # removed boilerplate too
        processed = [a for a in articles if a["article_id"] != "markup0000000001"]
        titles = [a["title"] or "" for a in processed]
        assert any("<script>" in t for t in titles), "process kept the hostile title as text"
        for article in processed:
            assert "&lt;script&gt;" in pages[article["article_id"]] or "<script>" not in (article["title"] or "")


def test_the_serve_command_answers_only_with_the_token(web_db, tmp_path):
    import json
    import socket
    import subprocess
    import time
    import urllib.error
    import urllib.request

    from support import DYADWATCH

    with socket.socket() as s:  # a free port (several processes may hold a store read-only at once)
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    process = subprocess.Popen([str(DYADWATCH), "serve", "--db", str(web_db), "--port", str(port),
                                "--token", TOKEN], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        url = f"http://127.0.0.1:{port}/api/dyads"
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(url, timeout=5)
                raise AssertionError("answered without the token")
            except urllib.error.HTTPError as exc:
                assert exc.code == 401
                break
            except urllib.error.URLError:
                assert process.poll() is None, process.stdout.read()
                assert time.monotonic() < deadline, "serve did not start"
                time.sleep(0.2)
        request = urllib.request.Request(url, headers={"Authorization": f"Bearer {TOKEN}"})
        with urllib.request.urlopen(request, timeout=10) as response:
            assert any(d["dyad"] == "ARM-RUS" for d in json.load(response))
    finally:
        process.terminate()
        process.wait(timeout=15)
