from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

ASSIGNMENT_MODES = [
    ("seller", "Original seller"),
    ("issuer", "Original issuer"),
    ("user", "A fixed user"),
    ("round_robin", "Round-robin over chosen users"),
    ("team", "Members of a sales team"),
]
ORIGINS = ("own", "foreign")


class ResCompany(models.Model):
    _inherit = "res.company"

    # ------------------------------------------------------------
    # When renewals are created
    # ------------------------------------------------------------
    renewal_days_own = fields.Integer(
        string="Renewal Days (Own Policies)",
        default=30,
        help="A renewal deal is created this many days before a policy we sold ends.",
    )
    renewal_days_foreign = fields.Integer(
        string="Renewal Days (Foreign Policies)",
        default=45,
        help="A renewal deal is created this many days before a policy held elsewhere "
        "ends: winning a client over takes longer.",
    )

    # ------------------------------------------------------------
    # Who receives them, per origin
    # ------------------------------------------------------------
    renewal_assign_own = fields.Selection(
        ASSIGNMENT_MODES, string="Own Renewals Go To", default="seller"
    )
    renewal_user_own_id = fields.Many2one("res.users", string="Own Renewals User")
    renewal_rr_user_own_ids = fields.Many2many(
        "res.users",
        "res_company_renewal_rr_own_rel",
        "company_id",
        "user_id",
        string="Own Renewals Rotation",
    )
    renewal_assign_team_own_id = fields.Many2one("crm.team", string="Own Renewals Team")
    renewal_rr_last_own_id = fields.Many2one(
        "res.users",
        string="Last Own Renewal Assignee",
        help="Where the rotation of own renewals stopped; the next deal goes to the "
        "user after this one.",
    )
    renewal_assign_foreign = fields.Selection(
        ASSIGNMENT_MODES, string="Foreign Renewals Go To", default="seller"
    )
    renewal_user_foreign_id = fields.Many2one("res.users", string="Foreign Renewals User")
    renewal_rr_user_foreign_ids = fields.Many2many(
        "res.users",
        "res_company_renewal_rr_foreign_rel",
        "company_id",
        "user_id",
        string="Foreign Renewals Rotation",
    )
    renewal_assign_team_foreign_id = fields.Many2one("crm.team", string="Foreign Renewals Team")
    renewal_rr_last_foreign_id = fields.Many2one(
        "res.users", string="Last Foreign Renewal Assignee"
    )
    renewal_fallback_user_id = fields.Many2one(
        "res.users",
        help="Receives the renewals whose chosen user is archived, has left the company "
        "or is not set.",
    )

    # ------------------------------------------------------------
    # What the renewal deal looks like
    # ------------------------------------------------------------
    renewal_stage_id = fields.Many2one("crm.stage")
    renewal_team_id = fields.Many2one("crm.team", string="Renewal Sales Team")
    renewal_tag_ids = fields.Many2many(
        "crm.tag",
        "res_company_renewal_tag_rel",
        "company_id",
        "tag_id",
        string="Renewal Tags",
    )
    renewal_activity_type_id = fields.Many2one(
        "mail.activity.type",
        string="Renewal Activity",
        default=lambda self: self.env.ref("mail.mail_activity_data_call", raise_if_not_found=False),
    )
    renewal_activity_days = fields.Integer(
        string="Renewal Activity Deadline (days)",
        default=3,
        help="The activity is due this many days after the renewal deal is created, "
        "and never after the policy ends.",
    )

    @api.constrains("renewal_days_own", "renewal_days_foreign", "renewal_activity_days")
    def _check_renewal_days(self):
        for company in self:
            if not (
                0 < company.renewal_days_own <= 366 and 0 < company.renewal_days_foreign <= 366
            ):
                raise ValidationError(
                    _("Renewal deals are created between 1 and 366 days before a policy ends.")
                )
            if company.renewal_activity_days < 0:
                raise ValidationError(_("The renewal activity deadline cannot be negative."))

    # ------------------------------------------------------------
    # Settings per origin
    # ------------------------------------------------------------

    def _renewal_days(self, origin):
        self.ensure_one()
        return self.renewal_days_foreign if origin == "foreign" else self.renewal_days_own

    def _renewal_assignment(self, origin):
        """Mode, fixed user, rotation pool, team and last rotation user of
        ``origin``. Without a mode, renewals go back to the seller."""
        self.ensure_one()
        if origin == "foreign":
            return (
                self.renewal_assign_foreign or "seller",
                self.renewal_user_foreign_id,
                self.renewal_rr_user_foreign_ids,
                self.renewal_assign_team_foreign_id,
                self.renewal_rr_last_foreign_id,
            )
        return (
            self.renewal_assign_own or "seller",
            self.renewal_user_own_id,
            self.renewal_rr_user_own_ids,
            self.renewal_assign_team_own_id,
            self.renewal_rr_last_own_id,
        )

    def _set_renewal_rotation_last(self, origin, user):
        self.ensure_one()
        field = "renewal_rr_last_foreign_id" if origin == "foreign" else "renewal_rr_last_own_id"
        self.sudo().write({field: user.id})
