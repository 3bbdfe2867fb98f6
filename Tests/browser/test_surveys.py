"""Surveys of issue 13 in a real headless Chromium: a customer opens a SERVQUAL link at phone width, answers
in Chinese, and the manager then sees the gaps by dimension (the zone-of-tolerance chart comes with the reports).

A manager makes a SERVQUAL survey and invites a customer through the API. In a fresh browser sized like a
phone, the customer opens the single-use link, switches the page to Chinese, rates a few statements (an
expectation and a perception each), splits the 100 importance points and sends. The page thanks them; the
same link then says it was answered. The admin signs in and finds the survey's gaps by dimension."""

from __future__ import annotations

import random

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select


def test_a_customer_answers_servqual_on_a_phone_in_chinese(driver, base_url, login, wait, api):
    tag = str(random.randrange(10**6, 10**7))
    survey = api("POST", "/surveys", {"kind": "servqual", "title": f"Service quality {tag}", "title_zh": f"服务质量 {tag}"})
    customer = api("POST", "/customers", {"name": f"孙先生 {tag}"})
    invitation = api("POST", f"/surveys/{survey['id']}/invitations", {"customer_id": customer["id"]})

    driver.set_window_size(390, 844)
    driver.get(base_url + invitation["url"])
    wait.until(EC.element_to_be_clickable((By.ID, "lang-zh-Hans"))).click()
    wait.until(lambda d: d.find_element(By.TAG_NAME, "html").get_attribute("lang") == "zh-Hans")
    assert f"服务质量 {tag}" in driver.find_element(By.ID, "survey-title").text
    assert "有形度" in driver.find_element(By.TAG_NAME, "main").text
    # Nothing wider than the phone: no sideways scrolling.
    assert driver.execute_script("return document.documentElement.scrollWidth <= window.innerWidth + 1")

    ratings = {"e1": "7", "p1": "4", "e5": "6", "p5": "6", "e11": "7", "p11": "5"}
    for name, value in ratings.items():
        field = driver.find_element(By.NAME, name)
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", field)
        Select(field).select_by_value(value)
    points = {"w_tangibles": "10", "w_reliability": "40", "w_responsiveness": "20", "w_assurance": "15",
              "w_empathy": "15"}
    for name, value in points.items():
        field = driver.find_element(By.NAME, name)
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", field)
        field.send_keys(value)
    submit = driver.find_element(By.ID, "survey-submit")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", submit)
    submit.click()

    wait.until(EC.text_to_be_present_in_element((By.TAG_NAME, "main"), "感谢您的反馈！"))
    assert "本问卷已提交" in driver.find_element(By.ID, "survey-state").text
    responses = api("GET", f"/surveys/{survey['id']}/responses")["items"]
    assert len(responses) == 1 and responses[0]["language"] == "zh-Hans"
    assert responses[0]["answers"]["p1"] == 4 and responses[0]["answers"]["w_reliability"] == 40

    driver.set_window_size(1280, 900)
    login()
    driver.get(f"{base_url}/surveys/{survey['id']}")
    table = wait.until(EC.presence_of_element_located((By.ID, "servqual-dimensions")))
    # The browser still speaks Chinese (the switch is remembered): dimensions in their order, 有形度 first.
    rows = [row.find_elements(By.TAG_NAME, "td") for row in table.find_elements(By.CSS_SELECTOR, "tbody tr")]
    assert [cells[0].text for cells in rows] == ["有形度", "信赖度", "反映度", "专业度", "同理度"]
    assert rows[0][3].text == "-3.00" and "negative" in rows[0][3].get_attribute("class")
    assert rows[1][3].text == "0.00" and rows[2][3].text == "-2.00" and rows[4][3].text == "–"
