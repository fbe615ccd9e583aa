from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

# What was asked: fixed when the request is created.
REQUEST_FIELDS = (
    "lead_id",
    "policy_id",
    "partner_id",
    "requested_by_id",
    "request_date",
    "discount_requested",
    "discount_limit",
    "premium",
    "commission_rate",
    "company_id",
)
# What was decided: written once, by the decision.
DECISION_FIELDS = ("state", "decision_comment", "decided_by_id", "decision_date", "approver_id")
# Terms of the policy the approval covers: changing one supersedes it.
APPROVED_TERMS = (
    ("discount_percent", "discount_requested"),
    ("premium", "premium"),
    ("commission_rate", "commission_rate"),
)
SOLD_STATES = ("active", "expired", "renewed")


class InsuranceDiscountApproval(models.Model):
    """A request to grant a client a discount above the requester's limit.

    Pending until an approver (the company's discount approver or a head of
    sales, never the requester) approves or rejects it with a comment. A
    decided approval is immutable; the system supersedes it when the approved
    terms of the policy change."""

    _name = "insurance.discount.approval"
    _description = "Discount Approval"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "request_date desc, id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name")
    lead_id = fields.Many2one("crm.lead", string="Deal", required=True, index=True)
    policy_id = fields.Many2one("insurance.policy", index=True)
    partner_id = fields.Many2one("res.partner", string="Client", required=True, index=True)
    requested_by_id = fields.Many2one(
        "res.users", required=True, default=lambda self: self.env.user
    )
    approver_id = fields.Many2one(
        "res.users",
        index=True,
        help="Empty: any head of sales of the company decides.",
    )
    request_date = fields.Datetime(required=True, default=fields.Datetime.now, index=True)
    discount_requested = fields.Float(string="Requested Discount (%)", digits=(5, 2))
    discount_limit = fields.Float(string="Limit Without Approval (%)", digits=(5, 2))
    reason = fields.Text(string="Justification")
    state = fields.Selection(
        selection=[
            ("pending", "Waiting for Approval"),
            ("approved", "Approved"),
            ("rejected", "Rejected"),
            ("superseded", "Superseded"),
        ],
        required=True,
        default="pending",
        index=True,
        tracking=True,
    )
    decision_comment = fields.Text()
    decided_by_id = fields.Many2one("res.users", readonly=True)
    decision_date = fields.Datetime(readonly=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )

    # Snapshot of the terms asked for
    currency_id = fields.Many2one(
        "res.currency", related="company_id.currency_id", string="Currency"
    )
    product_id = fields.Many2one(
        "insurance.product", related="policy_id.product_id", string="Product", store=True
    )
    premium = fields.Monetary(currency_field="currency_id")
    commission_rate = fields.Float(string="Commission (%)", digits=(5, 2))
    commission_amount = fields.Monetary(
        string="Commission", currency_field="currency_id", compute="_compute_amounts"
    )
    discount_amount = fields.Monetary(
        string="Discount", currency_field="currency_id", compute="_compute_amounts"
    )
    commission_net_amount = fields.Monetary(
        string="Commission after Discount",
        currency_field="currency_id",
        compute="_compute_amounts",
    )
    can_decide = fields.Boolean(compute="_compute_can_decide")

    # Cross-sell potential of the client's group (computed on the client company)
    client_company_id = fields.Many2one(
        "res.partner", string="Client Company", related="partner_id.commercial_partner_id"
    )
    related_partner_ids = fields.Many2many(
        "res.partner",
        string="Related Companies",
        compute="_compute_cross_sell",
        help="Parent company, branches (child companies) and sister companies.",
    )
    related_partner_count = fields.Integer(
        string="Related Companies Count", compute="_compute_cross_sell"
    )
    missing_product_ids = fields.Many2many(
        "insurance.product",
        string="Products Not Yet Bought",
        compute="_compute_cross_sell",
        help="Active products that neither the client nor its related companies ever "
        "bought from us.",
    )
    missing_product_count = fields.Integer(
        string="Products Not Yet Bought Count", compute="_compute_cross_sell"
    )

    # Loyalty of the client (the client company and its contacts)
    client_since = fields.Date(
        compute="_compute_loyalty", help="Sale date of the first policy we sold to the client."
    )
    years_with_us = fields.Float(string="Years with Us", digits=(4, 1), compute="_compute_loyalty")
    renewed_policy_ids = fields.Many2many(
        "insurance.policy", string="Renewed Policies", compute="_compute_loyalty"
    )
    renewal_count = fields.Integer(string="Renewals", compute="_compute_loyalty")
    active_policy_count = fields.Integer(string="Policies in Force", compute="_compute_loyalty")
    commission_earned = fields.Monetary(currency_field="currency_id", compute="_compute_loyalty")
    nps_average = fields.Float(
        string="Average NPS Score", digits=(3, 1), compute="_compute_loyalty"
    )
    nps_count = fields.Integer(string="NPS Answers", compute="_compute_loyalty")
    nps_last_score = fields.Integer(string="Last NPS Score", compute="_compute_loyalty")
    nps_last_date = fields.Date(string="Last NPS Date", compute="_compute_loyalty")

    # ------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------

    @api.depends("policy_id.name", "partner_id.name", "discount_requested")
    def _compute_name(self):
        for approval in self:
            discount = f"{approval.discount_requested:g}"
            approval.name = _(
                "Discount %(discount)s%% — %(client)s",
                discount=discount,
                client=approval.partner_id.name or "",
            )

    @api.depends("premium", "commission_rate", "discount_requested")
    def _compute_amounts(self):
        for approval in self:
            currency = approval.currency_id or self.env.company.currency_id
            commission = currency.round(approval.premium * approval.commission_rate / 100.0)
            discount = currency.round(approval.premium * approval.discount_requested / 100.0)
            approval.commission_amount = commission
            approval.discount_amount = discount
            approval.commission_net_amount = commission - discount

    @api.depends_context("uid")
    @api.depends("state", "approver_id", "requested_by_id")
    def _compute_can_decide(self):
        for approval in self:
            approval.can_decide = approval.state == "pending" and not approval._decide_refusal()

    def _client_groups(self):
        """{client company: its related companies (parent, branches, sisters)},
        from the companies' parent links, for every approval at once."""
        clients = self.partner_id.commercial_partner_id
        Partner = self.env["res.partner"].sudo()
        parents = clients.parent_id
        family = Partner.search(
            [
                ("is_company", "=", True),
                "|",
                ("parent_id", "in", (clients | parents).ids),
                ("id", "in", parents.ids),
            ]
        )
        groups = {}
        for client in clients:
            related = family.filtered(
                lambda p, c=client: (
                    p != c
                    and (
                        p == c.parent_id
                        or p.parent_id == c
                        or (c.parent_id and p.parent_id == c.parent_id)
                    )
                )
            )
            groups[client] = related
        return groups

    @api.depends_context("uid")
    @api.depends("partner_id")
    def _compute_cross_sell(self):
        groups = self._client_groups()
        group_of = {}
        for client, related in groups.items():
            for partner in client | related:
                group_of.setdefault(partner.id, set()).add(client.id)
        all_companies = self.env["res.partner"].browse(
            {p.id for client, related in groups.items() for p in client | related}
        )
        Policy = self.env["insurance.policy"].sudo()
        bought = {}  # client id -> set of product ids bought by its group
        for partner, product in Policy._read_group(
            [
                ("partner_id.commercial_partner_id", "in", all_companies.ids),
                ("origin", "=", "own"),
                ("state", "in", SOLD_STATES),
            ],
            ["partner_id", "product_id"],
        ):
            for client_id in group_of.get(partner.commercial_partner_id.id, ()):
                bought.setdefault(client_id, set()).add(product.id)
        products = (
            self.env["insurance.product"]
            .sudo()
            .search([("company_id", "in", self.company_id.ids + [False])])
        )
        for approval in self:
            client = approval.partner_id.commercial_partner_id
            related = groups.get(client, self.env["res.partner"])
            missing = products.filtered(
                lambda p, a=approval, c=client: (
                    p.id not in bought.get(c.id, set())
                    and (not p.company_id or p.company_id == a.company_id)
                )
            )
            # computed with sudo: show only the companies the user may open
            # (another manager's client stays hidden from the approver)
            related = related.with_env(self.env)._filtered_access("read")
            approval.related_partner_ids = related
            approval.related_partner_count = len(related)
            approval.missing_product_ids = missing
            approval.missing_product_count = len(missing)

    @api.depends_context("uid")
    @api.depends("partner_id")
    def _compute_loyalty(self):
        clients = self.partner_id.commercial_partner_id
        Policy = self.env["insurance.policy"].sudo()
        domain = [
            ("partner_id.commercial_partner_id", "in", clients.ids),
            ("origin", "=", "own"),
        ]
        first_sale, in_force, earned = {}, {}, {}
        for partner, state, date_min, count, commission in Policy._read_group(
            domain + [("state", "in", SOLD_STATES)],
            ["partner_id", "state"],
            ["date_sale:min", "__count", "commission_amount:sum"],
        ):
            client_id = partner.commercial_partner_id.id
            if client_id not in first_sale or date_min < first_sale[client_id]:
                first_sale[client_id] = date_min
            earned[client_id] = earned.get(client_id, 0.0) + commission
            if state == "active":
                in_force[client_id] = in_force.get(client_id, 0) + count
        renewed = Policy.search(domain + [("state", "=", "renewed")], order="date_end desc")
        Nps = self.env["insurance.nps.response"].sudo()
        nps_domain = [("partner_id.commercial_partner_id", "in", clients.ids)]
        nps_stats = {}
        for partner, total, count in Nps._read_group(
            nps_domain, ["partner_id"], ["score:sum", "__count"]
        ):
            stats = nps_stats.setdefault(partner.commercial_partner_id.id, [0, 0])
            stats[0] += total
            stats[1] += count
        last_nps = {}
        for response in Nps.search(nps_domain, order="date desc, id desc"):
            last_nps.setdefault(response.partner_id.commercial_partner_id.id, response)
        today = fields.Date.context_today(self)
        for approval in self:
            client_id = approval.partner_id.commercial_partner_id.id
            since = first_sale.get(client_id)
            approval.client_since = since
            approval.years_with_us = round((today - since).days / 365.25, 1) if since else 0.0
            client_renewed = renewed.filtered(
                lambda p, c=client_id: p.partner_id.commercial_partner_id.id == c
            )
            approval.renewed_policy_ids = client_renewed.with_env(self.env)._filtered_access("read")
            approval.renewal_count = len(client_renewed)
            approval.active_policy_count = in_force.get(client_id, 0)
            approval.commission_earned = earned.get(client_id, 0.0)
            total, count = nps_stats.get(client_id, (0, 0))
            approval.nps_count = count
            approval.nps_average = total / count if count else 0.0
            last = last_nps.get(client_id)
            approval.nps_last_score = last.score if last else 0
            approval.nps_last_date = last.date if last else False

    # ------------------------------------------------------------
    # Immutability
    # ------------------------------------------------------------

    def write(self, vals):
        if set(vals) & set(REQUEST_FIELDS):
            raise UserError(
                _("The request of a discount approval cannot be changed; request a new one.")
            )
        superseding = vals.get("state") == "superseded" and set(vals) <= {"state"}
        if superseding:
            if any(approval.state not in ("pending", "approved") for approval in self):
                raise UserError(_("Only a pending or approved discount can be superseded."))
        elif set(vals) & set(DECISION_FIELDS + ("reason",)):
            if any(approval.state != "pending" for approval in self):
                raise UserError(
                    _("A decided discount approval cannot be changed: request a new one.")
                )
            if vals.get("state") in ("approved", "rejected") or "decided_by_id" in vals:
                self._check_can_decide()
            elif "state" in vals and vals["state"] != "pending":
                raise UserError(_("A discount approval is decided with Approve or Reject."))
            if "approver_id" in vals and not (
                self.env.su or self.env.user.has_group("insurance_broker.group_broker_head")
            ):
                raise AccessError(_("Only a head of sales can change the approver."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_decided(self):
        if any(approval.state != "pending" for approval in self):
            raise UserError(_("A decided discount approval cannot be deleted."))

    # ------------------------------------------------------------
    # Who decides
    # ------------------------------------------------------------

    @api.model
    def _approvers_for(self, company, requester):
        """The company's discount approver, else its heads of sales; never the
        requester."""
        approver = company.insurance_discount_approver_id
        if approver and approver != requester and approver.active:
            return approver
        heads = self.env.ref("insurance_broker.group_broker_head").sudo().users
        return heads.filtered(
            lambda u: (
                u.active
                and not u.share
                and u.id != 1  # OdooBot
                and u != requester
                and company in u.company_ids
            )
        )

    def _decide_refusal(self):
        """Why the current user may not decide this approval (empty: they may)."""
        self.ensure_one()
        user = self.env.user
        if user == self.requested_by_id:
            return _("You cannot decide on your own discount request.")
        if user != self.approver_id and not user.has_group("insurance_broker.group_broker_head"):
            return _("Only the discount approver or a head of sales can decide on a discount.")
        return ""

    def _check_can_decide(self):
        for approval in self:
            refusal = approval._decide_refusal()
            if refusal:
                raise AccessError(refusal)

    # ------------------------------------------------------------
    # Request
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        self._check_client_references(vals_list, ("lead_id", "policy_id", "partner_id"))
        for vals in vals_list:
            if not self.env.su:
                # a request is born pending, with the approver of the settings
                if vals.get("state", "pending") != "pending" or any(
                    vals.get(fname) for fname in ("decided_by_id", "decision_date")
                ):
                    raise AccessError(_("A discount is approved or rejected by its approver."))
                # in another's name, the approver could request and decide alone
                if vals.get("requested_by_id", self.env.uid) != self.env.uid:
                    raise AccessError(_("You can request a discount only in your own name."))
                vals.pop("approver_id", None)
            if not vals.get("approver_id"):
                vals["approver_id"] = self._default_approver(vals).id
        return super().create(vals_list)

    @api.model
    def _default_approver(self, vals):
        """The company's discount approver, unless they are the requester."""
        company = self.env["res.company"].browse(vals.get("company_id")) or self.env.company
        requester = self.env["res.users"].browse(vals.get("requested_by_id")) or self.env.user
        approver = company.insurance_discount_approver_id
        return approver if approver != requester else self.env["res.users"]

    def _notify_approvers(self):
        """A to-do for each approver and a message that reaches their Discuss
        inbox; approvers and the requester follow the request, so the chatter
        is where they talk it over."""
        for approval in self:
            approvers = approval.approver_id or self._approvers_for(
                approval.company_id, approval.requested_by_id
            )
            approval.message_subscribe(
                partner_ids=(approvers.partner_id | approval.requested_by_id.partner_id).ids
            )
            discount = f"{approval.discount_requested:g}"
            limit = f"{approval.discount_limit:g}"
            summary = _(
                "Approve a discount of %(discount)s%% for %(client)s",
                discount=discount,
                client=approval.partner_id.name,
            )
            note = _(
                "%(user)s asks for a discount of %(discount)s%% (limit %(limit)s%%) "
                "on %(policy)s: %(reason)s",
                user=approval.requested_by_id.name,
                discount=discount,
                limit=limit,
                policy=approval.policy_id.display_name,
                reason=approval.reason or "",
            )
            for approver in approvers:
                approval.activity_schedule(
                    "mail.mail_activity_data_todo",
                    summary=summary,
                    note=note,
                    user_id=approver.id,
                )
            approval.message_post(
                body=note,
                partner_ids=approvers.partner_id.ids,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )

    # ------------------------------------------------------------
    # Decision
    # ------------------------------------------------------------

    def _open_decision_wizard(self, decision):
        self.ensure_one()
        if self.state != "pending":
            raise UserError(_("This discount request has already been decided."))
        self._check_can_decide()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "insurance_broker.insurance_discount_decision_wizard_action"
        )
        action["context"] = {"default_approval_id": self.id, "default_decision": decision}
        return action

    def action_approve(self):
        return self._open_decision_wizard("approved")

    def action_reject(self):
        return self._open_decision_wizard("rejected")

    def _decide(self, decision, comment):
        """Record the decision (approved / rejected) with its mandatory comment,
        close the approvers' to-dos, tell the deal and the requester."""
        if decision not in ("approved", "rejected"):
            raise UserError(_("A discount is either approved or rejected."))
        comment = (comment or "").strip()
        if not comment:
            raise UserError(_("Write a comment explaining the decision."))
        if any(approval.state != "pending" for approval in self):
            raise UserError(_("This discount request has already been decided."))
        self._check_can_decide()
        self.write(
            {
                "state": decision,
                "decision_comment": comment,
                "decided_by_id": self.env.user.id,
                "decision_date": fields.Datetime.now(),
            }
        )
        for approval in self:
            approval.sudo().activity_ids.filtered(
                lambda a: a.activity_type_id == self.env.ref("mail.mail_activity_data_todo")
            ).action_feedback(feedback=comment)
            body = approval._decision_message()
            approval.message_post(
                body=body,
                partner_ids=approval.requested_by_id.partner_id.ids,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
            approval.lead_id.sudo().message_post(
                body=body,
                author_id=self.env.user.partner_id.id,
                message_type="comment",
                subtype_xmlid="mail.mt_note",
            )
        return True

    def _decision_message(self):
        self.ensure_one()
        discount = f"{self.discount_requested:g}"
        if self.state == "approved":
            return _(
                "Discount of %(discount)s%% on %(policy)s approved by %(user)s: %(comment)s",
                discount=discount,
                policy=self.policy_id.display_name,
                user=self.decided_by_id.name,
                comment=self.decision_comment,
            )
        return _(
            "Discount of %(discount)s%% on %(policy)s rejected by %(user)s: %(comment)s",
            discount=discount,
            policy=self.policy_id.display_name,
            user=self.decided_by_id.name,
            comment=self.decision_comment,
        )

    # ------------------------------------------------------------
    # Supersession
    # ------------------------------------------------------------

    def _terms_changed(self):
        """Does the policy differ from the terms this approval covers?"""
        self.ensure_one()
        policy = self.policy_id
        return any(
            abs((policy[policy_field] or 0.0) - (self[own_field] or 0.0)) > 0.005
            for policy_field, own_field in APPROVED_TERMS
        )

    def _supersede(self):
        """The policy's terms changed after the request: this approval no
        longer holds (the change itself is in the policy's term log)."""
        self.sudo().write({"state": "superseded"})
        for approval in self:
            approval.sudo().activity_unlink(["mail.mail_activity_data_todo"])
            approval.sudo().message_post(
                body=_(
                    "The terms of %(policy)s changed after the request: this approval is "
                    "superseded and the policy needs a new one.",
                    policy=approval.policy_id.display_name,
                ),
                message_type="comment",
                subtype_xmlid="mail.mt_note",
            )
