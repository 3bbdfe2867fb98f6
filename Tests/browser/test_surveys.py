"""Surveys of issue 13 in a real headless Chromium: a customer opens a SERVQUAL link at phone width, answers
in Chinese, and the manager then sees the gaps by dimension and the zone-of-tolerance chart.

A manager makes a SERVQUAL survey in the three-column form and invites a customer through the API. In a
browser sized like a phone, the customer opens the single-use link, switches the page to Chinese, rates a
few statements (the lowest level they would accept, the level they desire and what they got), splits the
100 importance points and sends. The page thanks them; the same link then says it was answered. The admin
signs in and finds the survey's gaps (perceived − desired) by dimension and the zone-of-tolerance chart."""

from __future__ import annotations

import random

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select


def test_a_customer_answers_servqual_on_a_phone_in_chinese(driver, base_url, login, wait, api):
    tag = str(random.randrange(10**6, 10**7))
    survey = api("POST", "/surveys", {"kind": "servqual", "title": f"Service quality {tag}", "title_zh": f"服务质量 {tag}", "three_column": True})
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

    ratings = {"a1": "5", "d1": "8", "p1": "4", "a5": "3", "d5": "6", "p5": "6", "a11": "5", "d11": "8", "p11": "6"}
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
    # Columns: dimension, adequate, desired, perceived, gap (perceived − desired), share in the zone, importance.
    assert rows[0][4].text == "-4.00" and "negative" in rows[0][4].get_attribute("class")
    assert rows[1][4].text == "0.00" and rows[2][4].text == "-2.00" and rows[4][4].text == "–"
    chart = driver.find_element(By.CSS_SELECTOR, "#zone-chart svg")
    assert chart.get_attribute("role") == "img" and len(chart.find_elements(By.TAG_NAME, "rect")) == 4
    assert "1." in driver.find_element(By.ID, "servqual-failures").text

    # The manager's survey reports show the same survey's zone of tolerance and flag item 1 as a failure.
    driver.get(f"{base_url}/reports/surveys?survey_id={survey['id']}")
    section = wait.until(EC.presence_of_element_located((By.ID, "report-servqual-dimensions")))
    assert section.find_element(By.CSS_SELECTOR, "svg").get_attribute("role") == "img"
    assert "有形度" in section.text
    items = driver.find_element(By.ID, "report-servqual-items")
    first = items.find_element(By.CSS_SELECTOR, "tbody tr").find_elements(By.TAG_NAME, "td")
    assert first[0].text == "1" and "服务失败" in first[-1].text
