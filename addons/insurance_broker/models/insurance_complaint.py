from odoo import fields, models


class InsuranceComplaint(models.Model):
    """A client's complaint about our service, a manager or a policy."""

    _name = "insurance.complaint"
    _description = "Client Complaint"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"

    name = fields.Char(string="Subject", required=True, tracking=True)
    date = fields.Date(required=True, default=fields.Date.context_today, index=True)
    partner_id = fields.Many2one(
        "res.partner", string="Client", required=True, index=True, tracking=True
    )
    user_id = fields.Many2one(
        "res.users",
        string="Manager",
        index=True,
        tracking=True,
        help="The employee the complaint is about.",
    )
    policy_id = fields.Many2one("insurance.policy", string="Policy", index=True)
    lead_id = fields.Many2one("crm.lead", string="Deal", index=True)
    channel = fields.Selection(
        selection=[
            ("phone", "Phone"),
            ("email", "E-mail"),
            ("office", "Office"),
            ("website", "Website"),
            ("messenger", "Messenger"),
            ("service_desk", "Service Desk"),
            ("regulator", "Bank of Russia"),
        ],
        required=True,
        default="phone",
    )
    state = fields.Selection(
        selection=[
            ("new", "New"),
            ("in_progress", "In Progress"),
            ("resolved", "Resolved"),
            ("rejected", "Rejected"),
        ],
        string="Status",
        required=True,
        default="new",
        index=True,
        tracking=True,
    )
    description = fields.Text()
    resolution = fields.Text(tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
