from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..tools.sms_gateways import GATEWAYS
from .sms_sms import PROVIDERS


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    # Gateway
    sms_provider = fields.Selection(
        PROVIDERS,
        string="SMS Gateway",
        default="iap",
        config_parameter="insurance_sms.provider",
    )
    sms_login = fields.Char(
        string="Gateway Login",
        config_parameter="insurance_sms.login",
        groups="base.group_system",
        help="SMS.ru, SMSC.ru: leave empty to sign in with the API key alone. "
        "SMS Aero: the account's e-mail.",
    )
    sms_api_key = fields.Char(
        string="API Key or Password",
        config_parameter="insurance_sms.api_key",
        groups="base.group_system",
    )
    sms_sender = fields.Char(
        string="Sender Name",
        config_parameter="insurance_sms.sender",
        help="Registered with the operators through the gateway (up to 11 Latin characters).",
    )
    sms_test_mode = fields.Boolean(
        string="Gateway Test Mode",
        config_parameter="insurance_sms.test_mode",
        help="The gateway accepts the SMS but neither sends nor charges them.",
    )
    sms_smsru_url = fields.Char(
        string="SMS.ru API URL",
        config_parameter="insurance_sms.smsru_url",
        groups="base.group_system",
        help="Empty: https://sms.ru. Change it for a proxy or a test gateway.",
    )
    sms_smsc_url = fields.Char(
        string="SMSC.ru API URL",
        config_parameter="insurance_sms.smsc_url",
        groups="base.group_system",
        help="Empty: https://smsc.ru/sys. Change it for a proxy or a test gateway.",
    )
    sms_smsaero_url = fields.Char(
        string="SMS Aero API URL",
        config_parameter="insurance_sms.smsaero_url",
        groups="base.group_system",
        help="Empty: https://gate.smsaero.ru/v2. Change it for a proxy or a test gateway.",
    )
    sms_callback_url = fields.Char(
        string="Delivery Report URL",
        compute="_compute_sms_callback_url",
        groups="base.group_system",
        help="Give this address to the gateway for delivery reports; it holds a secret.",
    )
    # Rules
    sms_transliterate = fields.Boolean(
        string="Send in Latin Letters",
        config_parameter="insurance_sms.transliterate",
        help="Transliterate Russian texts: 160 characters per SMS instead of 70.",
    )
    sms_send_hour_from = fields.Float(
        string="Send From", default=9.0, config_parameter="insurance_sms.send_hour_from"
    )
    sms_send_hour_to = fields.Float(
        string="Send Until", default=21.0, config_parameter="insurance_sms.send_hour_to"
    )
    # Triggers
    sms_new_lead_stage_id = fields.Many2one(
        "crm.stage",
        string="New Lead Stage",
        config_parameter="insurance_sms.new_lead_stage_id",
        help="When a deal leaves this stage for a later one, the client gets an SMS "
        "(automation rule “SMS: deal taken in progress”).",
    )
    sms_expiry_days = fields.Char(
        string="Reminder Days",
        default="30,7",
        config_parameter="insurance_sms.expiry_days",
        help="Days before the end of a policy when the client gets a reminder, "
        "separated by commas.",
    )
    sms_expiry_foreign = fields.Boolean(
        string="Remind Policies Held Elsewhere",
        config_parameter="insurance_sms.expiry_foreign",
    )
    sms_expiry_template_id = fields.Many2one(
        "sms.template",
        string="Reminder Template",
        domain="[('model', '=', 'insurance.policy')]",
        config_parameter="insurance_sms.expiry_template_id",
    )

    def _compute_sms_callback_url(self):
        secret = self.env["sms.sms"]._sms_callback_secret()
        base = self.env["ir.config_parameter"].sudo().get_param("web.base.url", "")
        for settings in self:
            provider = settings.sms_provider if settings.sms_provider in GATEWAYS else "smsru"
            settings.sms_callback_url = f"{base}/insurance_sms/status/{provider}/{secret}"

    @api.constrains("sms_expiry_days")
    def _check_sms_expiry_days(self):
        for settings in self:
            for part in (settings.sms_expiry_days or "").replace(";", ",").split(","):
                part = part.strip()
                if part and not (part.isdigit() and 0 < int(part) <= 366):
                    raise ValidationError(
                        _(
                            "Reminder days must be whole numbers of days from 1 to 366 "
                            "separated by commas, e.g. “30,7”; “%(value)s” is not.",
                            value=part,
                        )
                    )

    @api.constrains("sms_send_hour_from", "sms_send_hour_to")
    def _check_sms_send_hours(self):
        for settings in self:
            start, end = settings.sms_send_hour_from, settings.sms_send_hour_to
            if not (0 <= start < end <= 24):
                raise ValidationError(
                    _(
                        "SMS sending hours must be within the day and “Send From” must be "
                        "earlier than “Send Until”, e.g. 09:00 and 21:00."
                    )
                )
