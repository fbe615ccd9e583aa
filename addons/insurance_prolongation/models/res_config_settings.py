from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    renewal_days_own = fields.Integer(related="company_id.renewal_days_own", readonly=False)
    renewal_days_foreign = fields.Integer(related="company_id.renewal_days_foreign", readonly=False)
    renewal_assign_own = fields.Selection(related="company_id.renewal_assign_own", readonly=False)
    renewal_user_own_id = fields.Many2one(related="company_id.renewal_user_own_id", readonly=False)
    renewal_rr_user_own_ids = fields.Many2many(
        related="company_id.renewal_rr_user_own_ids", readonly=False
    )
    renewal_assign_team_own_id = fields.Many2one(
        related="company_id.renewal_assign_team_own_id", readonly=False
    )
    renewal_assign_foreign = fields.Selection(
        related="company_id.renewal_assign_foreign", readonly=False
    )
    renewal_user_foreign_id = fields.Many2one(
        related="company_id.renewal_user_foreign_id", readonly=False
    )
    renewal_rr_user_foreign_ids = fields.Many2many(
        related="company_id.renewal_rr_user_foreign_ids", readonly=False
    )
    renewal_assign_team_foreign_id = fields.Many2one(
        related="company_id.renewal_assign_team_foreign_id", readonly=False
    )
    renewal_fallback_user_id = fields.Many2one(
        related="company_id.renewal_fallback_user_id", readonly=False
    )
    renewal_stage_id = fields.Many2one(related="company_id.renewal_stage_id", readonly=False)
    renewal_team_id = fields.Many2one(related="company_id.renewal_team_id", readonly=False)
    renewal_tag_ids = fields.Many2many(related="company_id.renewal_tag_ids", readonly=False)
    renewal_activity_type_id = fields.Many2one(
        related="company_id.renewal_activity_type_id", readonly=False
    )
    renewal_activity_days = fields.Integer(
        related="company_id.renewal_activity_days", readonly=False
    )
