"""The shared chromium fixture really drives Debian's chromium."""

from infoview.demo.site import serve


def test_chromium_renders_a_page_served_on_loopback(page, tmp_path):
    (tmp_path / "index.html").write_text(
        "<html><head><title>probe</title></head><body><p id=x>rendered</p>"
        "<script>document.getElementById('x').textContent += ' by js'</script></body></html>"
    )
    with serve(tmp_path) as server:
        page.goto(server.url)
        assert page.title() == "probe"
        assert page.text_content("#x") == "rendered by js"
