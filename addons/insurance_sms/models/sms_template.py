from odoo import api, fields, models

from ..tools.sms_text import sms_length_info, transliterate


class SmsTemplate(models.Model):
    _inherit = "sms.template"

    is_marketing = fields.Boolean(
        string="Marketing Text",
        help="Offers, discounts, advertising: sent only to clients who agreed to "
        "receive marketing SMS.",
    )
    sms_encoding = fields.Selection(
        [("gsm7", "Latin (GSM-7)"), ("ucs2", "Cyrillic (UCS-2)")],
        string="Encoding",
        compute="_compute_sms_length",
    )
    sms_length = fields.Integer(string="Characters", compute="_compute_sms_length")
    sms_segment_count = fields.Integer(
        string="SMS Parts",
        compute="_compute_sms_length",
        help="Parts the text is billed as: 70 Cyrillic characters in one SMS, 67 per "
        "part when split (160 and 153 in Latin). Placeholders are counted as written; "
        "the actual text may be longer.",
    )
    sms_transliterated = fields.Boolean(
        string="Sent in Latin Letters",
        compute="_compute_sms_length",
        help="Transliteration is enabled in the SMS settings.",
    )

    @api.depends("body")
    @api.depends_context("lang")
    def _compute_sms_length(self):
        translit = self.env["sms.sms"]._sms_transliterate_enabled()
        for template in self:
            body = template.body or ""
            if translit:
                body = transliterate(body)
            encoding, length, segments = sms_length_info(body)
            template.sms_encoding = encoding
            template.sms_length = length
            template.sms_segment_count = segments
            template.sms_transliterated = translit

    def _send_automated(self, records):
        """Queue this template's SMS to the clients of ``records`` as an
        automated mailing: consent, blacklist and quiet hours apply, and each
        SMS is logged in the chatter of its record."""
        self.ensure_one()
        if not records:
            return self.env["sms.sms"]
        composer = (
            self.env["sms.composer"]
            .with_context(
                insurance_sms_automated=True,
                # one client may have two policies ending: two reminders
                insurance_sms_keep_same_number=True,
                default_res_model=records._name,
                default_res_ids=records.ids,
                default_composition_mode="mass",
                default_template_id=self.id,
                default_mass_keep_log=True,
            )
            .create({})
        )
        return composer._action_send_sms_mass(records)
