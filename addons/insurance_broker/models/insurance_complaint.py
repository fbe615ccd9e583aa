from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

# Days given to answer a complaint; the deadline can be changed on each one.
COMPLAINT_RESPONSE_DAYS = 15
# Links to client data: the user must be able to read what they link to.
CLIENT_REFERENCES = ("partner_id", "policy_id", "lead_id")


class InsuranceComplaint(models.Model):
    """A client's complaint about our service, a manager or a policy."""

    _name = "insurance.complaint"
    _description = "Client Complaint"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"

    reference = fields.Char(
        required=True, readonly=True, copy=False, default=lambda self: _("New"), index=True
    )
    name = fields.Char(string="Subject", required=True, tracking=True)
    date = fields.Date(required=True, default=fields.Date.context_today, index=True)
    date_deadline = fields.Date(
        string="Deadline",
        compute="_compute_date_deadline",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
        index=True,
        help="When the client must have our answer: the receipt date plus "
        "%s days, unless changed." % COMPLAINT_RESPONSE_DAYS,
    )
    date_closed = fields.Date(
        string="Date Resolved",
        readonly=True,
        copy=False,
        help="When the complaint was resolved or rejected.",
    )
    is_overdue = fields.Boolean(
        string="Overdue", compute="_compute_is_overdue", search="_search_is_overdue"
    )
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
    policy_id = fields.Many2one("insurance.policy", index=True)
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
        group_expand="_read_group_expand_full",
    )
    description = fields.Text()
    resolution = fields.Text(tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )

    # ------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------

    @api.depends("date")
    def _compute_date_deadline(self):
        for complaint in self:
            if complaint.date:
                complaint.date_deadline = complaint.date + relativedelta(
                    days=COMPLAINT_RESPONSE_DAYS
                )

    @api.depends_context("tz")
    @api.depends("date_deadline", "state")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for complaint in self:
            complaint.is_overdue = bool(
                complaint.state in self._open_states()
                and complaint.date_deadline
                and complaint.date_deadline < today
            )

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!="):
            raise UserError(_("Search on overdue complaints with = or != only."))
        domain = [
            ("state", "in", self._open_states()),
            ("date_deadline", "<", fields.Date.context_today(self)),
        ]
        if (operator == "=") != bool(value):
            return ["!", "&", *domain]
        return domain

    @api.model
    def _open_states(self):
        return ("new", "in_progress")

    # ------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------

    @api.constrains("state", "resolution")
    def _check_resolution(self):
        for complaint in self:
            if complaint.state == "resolved" and not (complaint.resolution or "").strip():
                raise ValidationError(
                    _(
                        "Complaint %(complaint)s cannot be resolved without a resolution: "
                        "describe what was done for the client.",
                        complaint=complaint.display_name,
                    )
                )

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        self._check_client_references(vals_list, CLIENT_REFERENCES)
        for vals in vals_list:
            if not vals.get("reference") or vals["reference"] == _("New"):
                vals["reference"] = self.env["ir.sequence"].next_by_code(
                    "insurance.complaint"
                ) or _("New")
            if vals.get("state") in ("resolved", "rejected") and not vals.get("date_closed"):
                vals["date_closed"] = fields.Date.context_today(self)
        return super().create(vals_list)

    def write(self, vals):
        self._check_client_references([vals], CLIENT_REFERENCES)
        if "state" in vals:
            closed = vals["state"] in ("resolved", "rejected")
            vals = dict(vals, date_closed=fields.Date.context_today(self) if closed else False)
        return super().write(vals)

    @api.depends("reference", "name")
    def _compute_display_name(self):
        for complaint in self:
            complaint.display_name = (
                f"{complaint.reference} {complaint.name}" if complaint.reference else complaint.name
            )

    # ------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------

    def action_start(self):
        self.filtered(lambda c: c.state == "new").write({"state": "in_progress"})

    def action_resolve(self):
        if any(complaint.state not in self._open_states() for complaint in self):
            raise UserError(_("Only a new complaint or one in progress can be resolved."))
        self.write({"state": "resolved"})

    def action_reject(self):
        if any(complaint.state not in self._open_states() for complaint in self):
            raise UserError(_("Only a new complaint or one in progress can be rejected."))
        self.write({"state": "rejected"})

    def action_reopen(self):
        self.filtered(lambda c: c.state in ("resolved", "rejected")).write({"state": "in_progress"})
