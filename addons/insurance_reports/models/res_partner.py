from odoo import api, models
from odoo.tools import SQL

# A Russian INN: 10 digits (company) or 12 (person); the check digits are
# verified by res.partner's constraint when the card is saved.
INN_PATTERN = "^([0-9]{10}|[0-9]{12})$"


class ResPartner(models.Model):
    _inherit = "res.partner"

    # ------------------------------------------------------------
    # Data quality: what a complete client card holds
    # ------------------------------------------------------------

    @api.model
    def _card_has_phone_sql(self, alias="partner"):
        a = SQL.identifier(alias)
        return SQL("(COALESCE(%s.phone, '') <> '' OR COALESCE(%s.mobile, '') <> '')", a, a)

    @api.model
    def _card_has_email_sql(self, alias="partner"):
        return SQL("(COALESCE(%s.email, '') LIKE %s)", SQL.identifier(alias), "%_@_%")

    @api.model
    def _card_has_inn_sql(self, alias="partner"):
        return SQL("(COALESCE(%s.vat, '') ~ %s)", SQL.identifier(alias), INN_PATTERN)

    @api.model
    def _card_has_consent_sql(self, alias="partner"):
        """Consent to the processing of personal data, or at least to service SMS."""
        a = SQL.identifier(alias)
        return SQL("(%s.pd_consent_date IS NOT NULL OR COALESCE(%s.sms_consent, FALSE))", a, a)
