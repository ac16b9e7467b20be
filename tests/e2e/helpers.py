"""Steps the browser journeys share."""

import re


def admin_login(page, base_url: str, username: str, password: str) -> None:
    """Sign in through Wagtail's login form and wait for the dashboard."""
    page.goto(base_url + "/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("form button[type=submit] >> nth=-1")
    page.wait_for_url(re.compile(r".*/admin/$"))
