from odoo import _, models


class SmsComposer(models.TransientModel):
    _inherit = "sms.composer"

    def _get_optout_record_ids(self, records, recipients_info):
        """Automated SMS need the client's recorded consent; marketing texts
        need the consent to marketing SMS."""
        optout_ids = super()._get_optout_record_ids(records, recipients_info)
        return optout_ids + [
            record.id
            for record in records
            if self._sms_consent_missing(recipients_info[record.id]["partner"])
        ]

    def _get_done_record_ids(self, records, recipients_info):
        if self.env.context.get("insurance_sms_keep_same_number"):
            return []
        return super()._get_done_record_ids(records, recipients_info)

    def _sms_consent_missing(self, partner):
        automated = self.env.context.get("insurance_sms_automated")
        marketing = self.template_id.is_marketing
        if not (automated or marketing):
            return False
        if not partner:
            return True
        if marketing and not partner.marketing_sms_consent:
            return True
        return bool(automated and not partner.sms_consent)

    def _prepare_mass_sms_values(self, records):
        result = super()._prepare_mass_sms_values(records)
        reasons = {
            "sms_optout": _("The client has not consented to these SMS."),
            "sms_blacklist": _("The number is in the SMS blacklist."),
            "sms_duplicate": _("Another SMS of this mailing goes to the same number."),
        }
        for values in result.values():
            if values["state"] == "canceled" and values["failure_type"] in reasons:
                values["failure_reason"] = reasons[values["failure_type"]]
        return result
