"""SLA of issue 11 §5 in a real headless Chromium: an admin sets a holiday on a branch's calendar
and a ticket's first-response due time moves past it.

The branch's calendar is open around the clock in UTC, and a policy (urgent requests, 60 business
minutes to the first response) applies to the ticket, so its due time falls on the day it is
received or the next. The admin pastes that day into the holiday list of the branch's calendar
page; the running server's job worker recomputes the open tickets of the branch, and the ticket
page shows a due time after the holiday."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta, timezone

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

ALWAYS = [["00:00", "24:00"]]
DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


def _utc(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def test_a_holiday_on_the_branch_calendar_moves_the_due_time(driver, base_url, login, wait, api):
    tag = str(random.randrange(10**6, 10**7))
    branch = api("POST", "/branches", {"name": f"SLA 门店 {tag}"})
    api(
        "PUT",
        f"/branches/{branch['id']}/calendar",
        {"time_zone": "UTC", "weekly": {day: ALWAYS for day in DAYS}, "holidays": [], "extra_workdays": []},
    )
    api(
        "POST",
        "/sla-policies",
        {
            "name": f"加急请求 {tag}",
            "tiers": None,
            "priorities": ["urgent"],
            "types": ["request"],
            "first_response_minutes": 60,
            "resolution_minutes": 600,
        },
    )
    customer = api("POST", "/customers", {"name": f"赵先生 {tag}"})
    ticket = api(
        "POST",
        "/tickets",
        {
            "customer_id": customer["id"],
            "type": "request",
            "channel": "phone",
            "priority": "urgent",
            "subject": f"预约保养 {tag}",
            "branch_id": branch["id"],
        },
    )
    due = _utc(ticket["first_response_due_at"])
    received = _utc(ticket["received_at"])
    assert due - received <= timedelta(minutes=61), "60 business minutes on a calendar that never closes"
    holiday: date = due.date()

    login()
    driver.get(f"{base_url}/tickets/{ticket['id']}")
    before = wait.until(EC.presence_of_element_located((By.ID, "sla-due-first_response"))).text

    # The admin pastes the due day into the branch calendar's holiday list.
    driver.get(f"{base_url}/admin/branches/{branch['id']}/calendar")
    holidays = wait.until(EC.presence_of_element_located((By.ID, "cal-holidays")))
    holidays.clear()
    holidays.send_keys(holiday.isoformat())
    holidays.submit()
    wait.until(lambda d: "/admin/branches/" in d.current_url and holiday.isoformat() in d.page_source)

    # The job worker recomputes the branch's open tickets; the ticket page shows the new due time.
    def moved(d):
        d.get(f"{base_url}/tickets/{ticket['id']}")
        text = d.find_element(By.ID, "sla-due-first_response").text
        return text if text != before else False

    after = WebDriverWait(driver, 30, poll_frequency=1).until(moved)
    assert after != before
    moved_due = _utc(api("GET", f"/tickets/{ticket['id']}")["first_response_due_at"])
    assert moved_due > datetime.combine(holiday + timedelta(days=1), datetime.min.time(), tzinfo=timezone.utc)
