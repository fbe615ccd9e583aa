from odoo import api, models
from odoo.tools import SQL


class CrmLead(models.Model):
    _inherit = "crm.lead"

    # How the analytics read a deal in SQL: one definition each, shared by
    # every report view (``lead`` and ``stage`` are the aliases of crm_lead and
    # its crm_stage).

    @api.model
    def _owner_sql(self, lead="lead"):
        """The manager a deal is credited to: its seller, else its salesperson
        (as the sales plans and the dashboard count it)."""
        return SQL("COALESCE(%s.seller_id, %s.user_id)", SQL.identifier(lead), SQL.identifier(lead))

    @api.model
    def _won_sql(self, lead="lead", stage="stage"):
        """Won: active and in a won stage."""
        return SQL(
            "(%s.active AND COALESCE(%s.is_won, FALSE))",
            SQL.identifier(lead),
            SQL.identifier(stage),
        )

    @api.model
    def _lost_sql(self, lead="lead"):
        """Lost, as Odoo marks it: archived with a probability of zero."""
        return SQL(
            "(NOT %s.active AND COALESCE(%s.probability, 0) = 0)",
            SQL.identifier(lead),
            SQL.identifier(lead),
        )

    @api.model
    def _open_sql(self, lead="lead", stage="stage"):
        """Open: an active opportunity not yet won."""
        return SQL(
            "(%s.active AND %s.type = 'opportunity' AND NOT COALESCE(%s.is_won, FALSE))",
            SQL.identifier(lead),
            SQL.identifier(lead),
            SQL.identifier(stage),
        )

    @api.model
    def _objection_logged_sql(self, lead="lead"):
        """A lost deal whose objection is logged: it carries a lost reason."""
        return SQL("(%s.lost_reason_id IS NOT NULL)", SQL.identifier(lead))
