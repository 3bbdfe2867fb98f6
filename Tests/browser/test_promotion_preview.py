"""The promotion editor's live quote preview of issue 15 in a real headless Chromium.

The admin stores a 满减 promotion (200.00 off 50.00) through the API. On /promotions the preview basket of three
roses is priced against it; typing a different promotion with the same id into the editor re-prices the basket
as if it were saved — without pressing a button — and a broken one shows the engine's message in its place.
Nothing is saved by previewing."""

from __future__ import annotations

import random

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC


def test_the_preview_follows_the_promotion_being_typed(driver, base_url, login, wait, api):
    code = "live" + str(random.randrange(10**6, 10**7))
    api("POST", "/promotions", {"id": code, "kind": "threshold", "threshold": 20000, "off": 5000})
    login()
    driver.get(base_url + "/promotions")
    wait.until(EC.element_to_be_clickable((By.ID, "quote-submit"))).click()
    wait.until(EC.presence_of_element_located((By.ID, "quote-total")))
    before = driver.find_element(By.ID, "quote-total").text

    editor = wait.until(EC.element_to_be_clickable((By.ID, "promotion-definition")))
    editor.clear()
    editor.send_keys('{"id": "%s", "kind": "threshold", "threshold": 20000, "off": 9000}' % code)
    # Three roses at 99.00: the stored promotion takes 50.00 off; the one typed takes 90.00 instead.
    wait.until(lambda d: d.find_element(By.ID, "quote-total").text != before)
    assert float(before) - float(driver.find_element(By.ID, "quote-total").text) == 40.0
    editor.send_keys("x")
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#quote-output .alert"))
    stored = api("GET", f"/promotions/{code}")
    assert stored["off"] == 5000, stored
