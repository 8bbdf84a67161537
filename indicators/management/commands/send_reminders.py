"""Daily reminders: e-mail the responsible staff before each quarter's report deadline and when it is late.

Run once a day (cron/systemd timer): `python manage.py send_reminders [--today YYYY-MM-DD] [--days N]`.
A due-soon reminder goes out N days before the deadline and again the day before; a late notice
the day after the deadline and then every 7 days until the report is submitted (the rules:
indicators.reminders; who gets which: indicators.selectors.reminders). This command writes the mails.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse
from django.utils import timezone

from indicators.reminders import Reminder
from indicators.selectors.reminders import reminder_recipients, reminder_window_days, reminders_to_send
from kpi_portal.lib.thai import format_thai_date
from kpi_portal.lib.people import person_name


def line(reminder: Reminder) -> str:
    indicator = reminder.indicator
    deadline = format_thai_date(reminder.deadline)
    if reminder.is_late:
        state = f"เลยกำหนดส่ง ({deadline}) มาแล้ว {-reminder.days_left} วัน"
    else:
        state = f"กำหนดส่ง {deadline} (อีก {reminder.days_left} วัน)"
    url = reverse("indicators:report_edit", args=[indicator.pk, reminder.quarter])
    what = f"{indicator.agency.name_th} · ตัวชี้วัดที่ {indicator.number} {indicator.name}"
    return f"- {what} · ไตรมาสที่ {reminder.quarter}: {state}  {url}"


class Command(BaseCommand):
    help = "ส่งอีเมลเตือนกำหนดส่งรายงานผลรายไตรมาส และเตือนเมื่อส่งล่าช้า (รันวันละครั้ง)"

    def add_arguments(self, parser):
        parser.add_argument("--today", help="วันที่ (ค.ศ. YYYY-MM-DD) ที่ถือเป็นวันนี้ สำหรับทดสอบหรือรันย้อนหลัง")
        parser.add_argument("--days", type=int, default=None, help="เตือนล่วงหน้ากี่วันก่อนกำหนดส่ง")

    def handle(self, *args, **options):
        try:
            today = dt.date.fromisoformat(options["today"]) if options["today"] else timezone.localdate()
        except ValueError:
            raise CommandError("--today ต้องเป็นรูปแบบ YYYY-MM-DD (ค.ศ.)") from None
        days = options["days"] if options["days"] is not None else reminder_window_days()
        items = reminders_to_send(today=today, window=days)
        recipients = reminder_recipients(items)
        per_user: dict[int, list[Reminder]] = {}
        users = {}
        for item in items:
            for user in recipients[item.indicator.pk]:
                per_user.setdefault(user.pk, []).append(item)
                users[user.pk] = user
        for pk, user_items in per_user.items():
            user = users[pk]
            late = [r for r in user_items if r.is_late]
            subject = "[KPI Portal] " + (
                "รายงานผลรายไตรมาสเลยกำหนดส่ง" if late else "ใกล้กำหนดส่งรายงานผลรายไตรมาส"
            )
            body = "\n".join(
                [
                    f"เรียน {person_name(user)}",
                    "",
                    "รายงานผลการดำเนินงานตามตัวชี้วัดต่อไปนี้ยังไม่ได้ส่ง:",
                    *[line(r) for r in user_items],
                    "",
                    "กรุณาเข้าสู่ระบบเพื่อรายงานผลและแนบหลักฐาน",
                    settings.SITE_NAME,
                ]
            )
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
        self.stdout.write(f"ส่งอีเมลเตือน {len(per_user)} ฉบับ ({len(items)} รายการ) ณ วันที่ {format_thai_date(today)}")
