"""Follow-ups of issue 12 §2 in a real headless Chromium: an agent opens "my follow-ups" in Chinese,
marks one `issue_found`, and lands on the new ticket.

A plan follows up every resolved ticket the same day by phone. The agent logs a ticket for a new
customer (so they own it) and resolves it; the running server's job worker makes the follow-up task,
assigned to the agent. The agent finds it on /follow-ups with the customer's phone and the plan's
script, writes a note and clicks "发现问题": the browser lands on a new request ticket for the
customer, which the follow-up now names."""

from __future__ import annotations

import random
import re
import time

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC

TICKET_URL = re.compile(r"/tickets/([0-9A-Fa-f-]{36})(?:[?#].*)?$")


def test_an_agent_marks_a_follow_up_issue_found_in_chinese(driver, base_url, login, wait, api, agent_credentials):
    tag = str(random.randrange(10**6, 10**7))
    script = f"询问维修后热水器是否正常 {tag}"
    api(
        "POST",
        "/follow-up-plans",
        {
            "name": f"维修回访 {tag}",
            "trigger": {"kind": "ticket_resolved"},
            "steps": [{"offset_days": 0, "channel": "phone", "script": {"zh": script, "en": "Ask how the heater works"}}],
            "active": True,
        },
    )
    agent = api("POST", "/auth/token", {"email": agent_credentials.email, "password": agent_credentials.password})
    token = agent["token"]
    name = f"钱女士 {tag}"
    phone = "139" + "".join(random.choice("0123456789") for _ in range(8))
    customer = api("POST", "/customers", {"name": name, "phones": [phone]}, token=token)
    ticket = api(
        "POST",
        "/tickets",
        {"customer_id": customer["id"], "type": "request", "channel": "phone", "subject": f"热水器维修 {tag}"},
        token=token,
    )
    api("PATCH", f"/tickets/{ticket['id']}", {"status": "resolved"}, token=token)

    # The job worker turns the resolution into the agent's follow-up.
    tasks: list = []
    deadline = time.monotonic() + 30
    while not tasks and time.monotonic() < deadline:
        tasks = api("GET", f"/follow-ups?customer_id={customer['id']}", token=token)["items"]
        if not tasks:
            time.sleep(0.5)
    assert len(tasks) == 1, "the resolved ticket made one follow-up"
    task = tasks[0]
    assert task["status"] == "due" and task["source_ticket_id"] == ticket["id"]

    login(agent_credentials.email, agent_credentials.password)
    driver.get(f"{base_url}/follow-ups")
    wait.until(EC.element_to_be_clickable((By.ID, "lang-zh-Hans"))).click()
    wait.until(lambda d: d.find_element(By.TAG_NAME, "html").get_attribute("lang") == "zh-Hans")
    item = wait.until(EC.presence_of_element_located((By.ID, f"follow-up-{task['id']}")))
    assert "我的回访" in driver.find_element(By.TAG_NAME, "h1").text
    assert name in item.text and script in item.text
    assert item.find_element(By.CSS_SELECTOR, "a.call").get_attribute("href").startswith("tel:")
    item.find_element(By.NAME, "note").send_keys("热水器又开始漏水")
    item.find_element(By.CSS_SELECTOR, "button[value='issue_found']").click()

    found = wait.until(lambda d: TICKET_URL.search(d.current_url))
    new_ticket = found.group(1).lower()
    assert new_ticket != ticket["id"].lower()
    wait.until(EC.text_to_be_present_in_element((By.TAG_NAME, "main"), "回访结果已记录"))
    done = api("GET", f"/follow-ups?customer_id={customer['id']}", token=token)["items"][0]
    assert done["status"] == "done" and done["outcome"] == "issue_found"
    assert done["ticket_id"].lower() == new_ticket
    opened = api("GET", f"/tickets/{new_ticket}", token=token)
    assert opened["type"] == "request" and opened["channel"] == "phone"
    assert opened["customer_id"] == customer["id"] and opened["owner_id"] == task["assignee_id"]
