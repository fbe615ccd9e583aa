import logging
import secrets
import threading
from datetime import datetime, time, timedelta

import pytz

from odoo import _, api, fields, models, tools

from ..tools.sms_gateways import GATEWAYS, UNKNOWN_OUTCOME
from ..tools.sms_text import transliterate

_logger = logging.getLogger(__name__)

PROVIDERS = [
    ("iap", "Odoo IAP"),
    ("smsru", "SMS.ru"),
    ("smsc", "SMSC.ru"),
    ("smsaero", "SMS Aero"),
]
# SMS marked "processing" and committed before each gateway call, by chunks:
# a crash loses at most this many outcomes, never sends them twice.
SEND_CHUNK = 100
# An SMS still "processing" after this long was interrupted mid-call.
STALE_PROCESSING = timedelta(minutes=15)
NOTIFICATION_FAILURES = {
    "sms_number_missing",
    "sms_number_format",
    "sms_credit",
    "sms_country_not_supported",
    "sms_registration_needed",
    "sms_server",
    "sms_acc",
    "sms_expired",
    "sms_invalid_destination",
    "sms_not_allowed",
    "sms_not_delivered",
    "sms_rejected",
}


def _in_test_mode():
    return getattr(threading.current_thread(), "testing", False)


class SmsSms(models.Model):
    _inherit = "sms.sms"

    failure_type = fields.Selection(
        selection_add=[
            ("sms_not_allowed", "Not Allowed"),
            ("sms_rejected", "Rejected"),
            ("sms_expired", "Expired"),
            ("sms_not_delivered", "Not Delivered"),
            ("sms_invalid_destination", "Invalid Destination"),
        ]
    )
    failure_reason = fields.Char(readonly=True, copy=False)
    date_not_before = fields.Datetime(
        string="Not Before",
        index="btree_not_null",
        copy=False,
        help="Quiet hours: the queue keeps this SMS until then.",
    )
    provider = fields.Selection(PROVIDERS, string="Gateway", readonly=True, copy=False)
    provider_message_id = fields.Char(
        string="Gateway Message ID", readonly=True, copy=False, index="btree_not_null"
    )
    date_process = fields.Datetime(string="Handed to Gateway", readonly=True, copy=False)

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        outgoing = records.filtered(lambda sms: sms.state == "outgoing")
        if outgoing:
            outgoing._apply_quiet_hours()
            outgoing._trigger_queue()
        return records

    # ------------------------------------------------------------------
    # Settings
    # ------------------------------------------------------------------
    @api.model
    def _sms_param(self, key, default=None):
        return self.env["ir.config_parameter"].sudo().get_param(f"insurance_sms.{key}", default)

    @api.model
    def _sms_provider(self):
        provider = self._sms_param("provider", "iap")
        return provider if provider in GATEWAYS else "iap"

    @api.model
    def _sms_gateway(self, provider=None):
        provider = provider or self._sms_provider()
        param = self._sms_param
        return GATEWAYS[provider](
            url=param(f"{provider}_url") or None,
            login=param("login", ""),
            password=param("api_key", ""),
            sender=param("sender", ""),
            test_mode=param("test_mode", "False") not in ("False", "0", ""),
            connect_timeout=float(param("connect_timeout", 5)),
            read_timeout=float(param("read_timeout", 20)),
            retries=int(param("retries", 3)),
            backoff=float(param("backoff", 0.5)),
            parallel=int(param("parallel", 4)),
        )

    @api.model
    def _sms_transliterate_enabled(self):
        return self._sms_param("transliterate", "False") not in ("False", "0", "")

    # ------------------------------------------------------------------
    # Quiet hours
    # ------------------------------------------------------------------
    @api.model
    def _quiet_hours(self):
        """Sending hours (from, to) in the recipient's local time."""
        return (
            float(self._sms_param("send_hour_from", 9.0)),
            float(self._sms_param("send_hour_to", 21.0)),
        )

    def _recipient_tz(self):
        self.ensure_one()
        tz_name = self.partner_id.tz or self.env.company.partner_id.tz or "Europe/Moscow"
        try:
            return pytz.timezone(tz_name)
        except pytz.UnknownTimeZoneError:
            return pytz.timezone("Europe/Moscow")

    def _next_allowed_send_time(self, now_utc):
        """None when ``now_utc`` is inside the recipient's sending hours, else
        the next morning's start of the sending hours, in naive UTC."""
        self.ensure_one()
        day_start, day_end = self._quiet_hours()
        tz = self._recipient_tz()
        local = pytz.utc.localize(now_utc).astimezone(tz)
        hour = local.hour + local.minute / 60.0 + local.second / 3600.0
        if day_start <= hour < day_end:
            return None
        morning_day = local.date() if hour < day_start else local.date() + timedelta(days=1)
        hours, minutes = int(day_start), round((day_start % 1) * 60)
        morning = tz.localize(datetime.combine(morning_day, time(hours, minutes)))
        return morning.astimezone(pytz.utc).replace(tzinfo=None)

    def _apply_quiet_hours(self):
        now = fields.Datetime.now()
        by_time = {}
        for sms in self.filtered(lambda s: not s.date_not_before):
            when = sms._next_allowed_send_time(now)
            if when:
                by_time.setdefault(when, []).append(sms.id)
        for when, ids in by_time.items():
            self.browse(ids).write({"date_not_before": when})
        return by_time

    def _trigger_queue(self):
        cron = self.env.ref("sms.ir_cron_sms_scheduler_action", raise_if_not_found=False)
        if not cron:
            return
        times = set(self.filtered("date_not_before").mapped("date_not_before"))
        if self.filtered(lambda s: not s.date_not_before):
            times.add(fields.Datetime.now())
        cron.sudo()._trigger(sorted(times))

    @api.model
    def _due_domain(self):
        return [
            "|",
            ("date_not_before", "=", False),
            ("date_not_before", "<=", fields.Datetime.now()),
        ]

    # ------------------------------------------------------------------
    # Queue and sending
    # ------------------------------------------------------------------
    @api.model
    def _process_queue(self, ids=None):
        domain = [("state", "=", "outgoing"), ("to_delete", "!=", True)] + self._due_domain()
        due_ids = self.search(domain, limit=10000).ids
        if ids:
            due_ids = list(set(due_ids) & set(ids))
        if not due_ids:
            return None
        return super(SmsSms, self.with_context(insurance_sms_from_queue=True))._process_queue(
            ids=due_ids
        )

    def send(self, unlink_failed=False, unlink_sent=True, auto_commit=False, raise_exception=False):
        now = fields.Datetime.now()
        due = self.filtered(lambda s: not s.date_not_before or s.date_not_before <= now)
        if self._sms_provider() != "iap" and not self.env.context.get("insurance_sms_from_queue"):
            # The gateway is called only from the queue, in its own transaction,
            # where marking the SMS "processing" can be committed before the
            # call; a user's request just wakes the queue up.
            due._trigger_queue()
            return None
        return super(
            SmsSms, due.with_context(insurance_sms_commit=auto_commit and not _in_test_mode())
        ).send(
            unlink_failed=unlink_failed,
            unlink_sent=unlink_sent,
            auto_commit=auto_commit,
            raise_exception=raise_exception,
        )

    def _send(self, unlink_failed=False, unlink_sent=True, raise_exception=False):
        numbers = self._sms_e164_numbers()
        remaining = self._cancel_blacklisted(numbers)
        if not remaining:
            return None
        provider = self._sms_provider()
        if provider == "iap":
            return super(SmsSms, remaining)._send(
                unlink_failed=unlink_failed,
                unlink_sent=unlink_sent,
                raise_exception=raise_exception,
            )
        invalid = remaining.filtered(lambda s: not numbers[s.id])
        for sms in invalid:
            sms._set_sms_error(
                "sms_number_format",
                _("Invalid phone number “%(number)s”.", number=sms.number or ""),
                unlink=unlink_failed,
            )
        gateway = self._sms_gateway(provider)
        translit = self._sms_transliterate_enabled()
        for chunk_ids in tools.split_every(SEND_CHUNK, (remaining - invalid).ids):
            chunk = self._claim_for_sending(chunk_ids, provider)
            if not chunk:
                continue
            self._sms_commit()
            items = [
                (numbers[sms.id], transliterate(sms.body) if translit else sms.body or "", sms.id)
                for sms in chunk
            ]
            results = gateway.send_many(items)
            chunk._apply_send_results(results, unlink_sent=unlink_sent, unlink_failed=unlink_failed)
            self._sms_commit()
        self.mail_message_id._notify_message_notification_update()
        return None

    def _sms_commit(self):
        """Commit inside the queue run only (like Odoo's own auto_commit): the
        "processing" mark must be durable before the gateway is called, so a
        crash right after the gateway accepted an SMS cannot resend it."""
        if self.env.context.get("insurance_sms_commit") and not _in_test_mode():
            self.env.cr.commit()  # pylint: disable=invalid-commit

    def _claim_for_sending(self, ids, provider):
        """Mark the SMS "processing" if still outgoing; only the ones claimed
        here may be handed to the gateway (never twice, even with two queues)."""
        self.flush_model()
        self.env.cr.execute(
            """UPDATE sms_sms
                  SET state = 'process', provider = %s, date_process = now() at time zone 'UTC',
                      write_date = now() at time zone 'UTC', write_uid = %s
                WHERE id IN %s AND state = 'outgoing'
            RETURNING id""",
            (provider, self.env.uid, tuple(ids)),
        )
        claimed = [row[0] for row in self.env.cr.fetchall()]
        records = self.browse(ids)
        records.invalidate_recordset(["state", "provider", "date_process", "write_date"])
        return self.browse(sorted(claimed))

    def _sms_e164_numbers(self):
        """{sms id: E.164 number, or False when invalid}, read in the client's
        country, else the company's: the same normalisation as the client card."""
        Partner = self.env["res.partner"]
        return {
            sms.id: bool(sms.number)
            and Partner._normalize_phone_number(sms.number, sms.partner_id.country_id)
            for sms in self
        }

    def _cancel_blacklisted(self, numbers):
        """Cancel the SMS to blacklisted numbers (single sends included);
        returns the others. ``numbers``: the result of _sms_e164_numbers."""
        listed = set(
            self.env["phone.blacklist"]
            .sudo()
            .search([("number", "in", [n for n in numbers.values() if n])])
            .mapped("number")
        )
        blacklisted = self.filtered(lambda s: numbers[s.id] in listed)
        if blacklisted:
            blacklisted.write(
                {
                    "state": "canceled",
                    "failure_type": "sms_blacklist",
                    "failure_reason": _("The number is in the SMS blacklist."),
                }
            )
            blacklisted.sms_tracker_id._action_update_from_sms_state("canceled")
        return self - blacklisted

    def _set_sms_error(self, failure_type, reason, unlink=False):
        vals = {"state": "error", "failure_type": failure_type, "failure_reason": reason}
        if unlink:
            vals["to_delete"] = True
        self.write(vals)
        self.sms_tracker_id._action_update_from_sms_state(
            "error",
            failure_type=failure_type if failure_type in NOTIFICATION_FAILURES else "unknown",
            failure_reason=reason,
        )

    def _apply_send_results(self, results, unlink_sent=True, unlink_failed=False):
        """Write the gateway's answers; ``results`` are in the order of ``self``."""
        groups = {}
        per_record = []
        for sms, result in zip(self, results, strict=True):
            reason = result.reason
            if result.state == UNKNOWN_OUTCOME:
                reason = _(
                    "The gateway may have received this SMS but gave no usable answer (%s). "
                    "It is not sent again automatically: check the gateway's journal "
                    "before sending it again.",
                    result.reason,
                )
            key = (result.state, result.failure_type)
            groups.setdefault(key, []).append(sms.id)
            per_record.append((sms.id, result.provider_id or None, reason or None))
        self._write_provider_answers(per_record)
        for (state, failure_type), ids in groups.items():
            records = self.browse(ids)
            if state == "pending":
                # kept until the delivery report when the gateway gave an id
                to_delete = records.filtered(lambda s: not s.provider_message_id)
                records.write({"state": "pending", "failure_type": False})
                if unlink_sent and to_delete:
                    to_delete.write({"to_delete": True})
                records.sms_tracker_id._action_update_from_sms_state("pending")
            else:
                vals = {"state": "error", "failure_type": failure_type or "unknown"}
                if unlink_failed:
                    vals["to_delete"] = True
                records.write(vals)
                for sms in records:
                    sms.sms_tracker_id._action_update_from_sms_state(
                        "error",
                        failure_type=vals["failure_type"]
                        if vals["failure_type"] in NOTIFICATION_FAILURES
                        else "unknown",
                        failure_reason=sms.failure_reason,
                    )

    def _write_provider_answers(self, rows):
        """(id, provider id, reason) for many SMS in one query."""
        if not rows:
            return
        self.flush_model()
        values = ",".join(["(%s, %s, %s)"] * len(rows))
        params = [value for row in rows for value in row]
        self.env.cr.execute(
            f"""UPDATE sms_sms
                   SET provider_message_id = v.pid, failure_reason = v.reason
                  FROM (VALUES {values}) AS v(id, pid, reason)
                 WHERE sms_sms.id = v.id::int""",  # noqa: S608 - placeholders only
            params,
        )
        self.browse([row[0] for row in rows]).invalidate_recordset(
            ["provider_message_id", "failure_reason"]
        )

    # ------------------------------------------------------------------
    # Delivery reports
    # ------------------------------------------------------------------
    @api.model
    def _cron_sms_delivery_status(self, limit=1000):
        self._fail_stale_processing()
        waiting = self.search(
            [
                ("state", "=", "pending"),
                ("provider", "in", list(GATEWAYS)),
                ("provider_message_id", "!=", False),
            ],
            limit=limit,
            order="id",
        )
        for provider, records in waiting.grouped("provider").items():
            gateway = self._sms_gateway(provider)
            numbers = records._sms_e164_numbers()
            for sms in records:
                status = gateway.status(sms.provider_message_id, numbers[sms.id] or sms.number)
                if status:
                    sms._apply_delivery_status(status.state, status.failure_type, status.reason)
            self._sms_commit()

    def _apply_delivery_status(self, state, failure_type="", reason=""):
        """A delivery report: ``state`` is pending, sent (delivered) or error."""
        if state == "pending":
            return
        if state == "sent":
            self.write({"state": "sent", "failure_type": False, "to_delete": True})
            self.sms_tracker_id._action_update_from_sms_state("sent")
            return
        failure_type = failure_type or "sms_not_delivered"
        self.write(
            {
                "state": "error",
                "failure_type": failure_type,
                "failure_reason": reason,
                "to_delete": True,
            }
        )
        for tracker in self.sms_tracker_id:
            tracker._action_update_from_provider_error(failure_type.removeprefix("sms_"))

    def _fail_stale_processing(self):
        """SMS left "processing" by an interrupted queue run: their outcome is
        unknown, so they end in error and are never resent automatically."""
        stale = self.search(
            [
                ("state", "=", "process"),
                ("provider", "in", list(GATEWAYS)),
                ("date_process", "<", fields.Datetime.now() - STALE_PROCESSING),
            ]
        )
        if stale:
            stale._set_sms_error(
                "unknown",
                _(
                    "Sending was interrupted while the gateway was being called; the SMS "
                    "may have been sent. It is not sent again automatically."
                ),
            )
        return stale

    @api.model
    def _sms_callback_secret(self):
        """Secret part of the delivery report URL, created on first use."""
        icp = self.env["ir.config_parameter"].sudo()
        secret = icp.get_param("insurance_sms.callback_secret")
        if not secret:
            secret = secrets.token_urlsafe(24)
            icp.set_param("insurance_sms.callback_secret", secret)
        return secret
