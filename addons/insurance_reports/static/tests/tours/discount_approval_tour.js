/** @odoo-module **/

/**
 * The discount approval flow with two users (data: tests/test_discount_approval_tour.py).
 *
 * 1. insurance_discount_request_tour — the manager, on a phone, opens the deal
 *    whose policy carries a discount above their limit, tries to win it, reads
 *    why not, and requests the approval with a justification.
 * 2. insurance_discount_decision_tour — the head of sales, on a desktop, opens
 *    the request from the dashboard's «Control» card, reads the client's
 *    loyalty and cross-sell section and approves with a comment.
 * 3. insurance_discount_win_tour — the manager, on the phone again, wins the deal.
 *
 * The tours wait for elements (triggers), never for a fixed time.
 */

import { registry } from "@web/core/registry";

const CLIENT = "ООО «Тур-Логистик»";
const BRANCH = "ООО «Тур-Логистик Юг»";
const POLICY = "ТУР-0077";
const REASON = "Клиент переводит к нам весь автопарк из 40 машин";
const COMMENT = "Утверждаю в обмен на страхование филиала";

function actionMenuStep() {
    // On a phone the header buttons of the form move into the cog menu.
    return {
        isActive: ["mobile"],
        content: "Open the actions menu",
        trigger: ".o_control_panel .o_cp_action_menus button:has(.fa-cog)",
        run: "click",
    };
}

function headerButtonStep(name, content) {
    return {
        content,
        trigger:
            `.o_form_view .o_statusbar_buttons button[name=${name}]:enabled, ` +
            `.dropdown-menu button[name=${name}]:enabled`,
        run: "click",
    };
}

function dealOpenStep() {
    return {
        content: "The deal of the client is open",
        trigger: `.o_form_view .o_field_widget[name=partner_id]:contains('${CLIENT}'), .o_form_view .o_field_widget[name=partner_id] input:value('${CLIENT}')`,
    };
}

registry.category("web_tour.tours").add("insurance_discount_request_tour", {
    steps: () => [
        dealOpenStep(),
        actionMenuStep(),
        headerButtonStep("action_set_won_rainbowman", "Try to win the deal"),
        {
            content: "The deal cannot be won: the discount of the policy waits for an approval",
            trigger: `.modal .modal-body:contains('${POLICY}'):contains('12%'):contains('5%')`,
        },
        {
            content: "Close the message",
            trigger: ".modal .modal-footer .btn-primary",
            run: "click",
        },
        {
            trigger: "body:not(:has(.modal))",
        },
        {
            content: "The deal is not won",
            trigger: ".o_form_view:not(:has(.ribbon))",
        },
        actionMenuStep(),
        headerButtonStep("action_request_discount_approval", "Request the approval"),
        {
            content: "The request names the policy",
            trigger: `.modal .o_field_widget[name=policy_ids]:contains('${POLICY}')`,
        },
        {
            content: "Justify the discount",
            trigger: ".modal .o_field_widget[name=reason] textarea",
            run: `edit ${REASON}`,
        },
        {
            content: "Send the request",
            trigger: ".modal button[name=action_request]",
            run: "click",
        },
        {
            content: "The request is shown, waiting for approval",
            trigger: `.o_form_view .o_field_widget[name=name]:contains('12%'):contains('${CLIENT}')`,
        },
        {
            trigger: `.o_form_view .o_field_widget[name=reason] textarea:value('${REASON}')`,
        },
    ],
});

registry.category("web_tour.tours").add("insurance_discount_decision_tour", {
    steps: () => [
        {
            content: "Open them from the control card",
            trigger: ".o_kpi_control_card[data-card=approvals_to_decide]",
            run: "click",
        },
        {
            content: "Open the client's request",
            trigger: `.o_list_view .o_data_row:contains('${CLIENT}') td[name=partner_id]`,
            run: "click",
        },
        {
            content: "The seller's justification",
            trigger: `.o_form_view .o_field_widget[name=reason]:contains('${REASON}'), .o_form_view .o_field_widget[name=reason] textarea:value('${REASON}')`,
        },
        {
            content: "Loyalty: one policy in force already",
            trigger: ".o_form_view .o_field_widget[name=active_policy_count]:contains('1')",
        },
        {
            content: "Cross-sell: the client has a branch",
            trigger: ".o_form_view .o_field_widget[name=related_partner_count]:contains('1')",
        },
        {
            content: "Look at the related companies",
            trigger: ".o_form_view .o_notebook .nav-link[name=related_companies]",
            run: "click",
        },
        {
            trigger: `.o_form_view .o_field_widget[name=related_partner_ids] .o_data_row:contains('${BRANCH}')`,
        },
        {
            content: "Approve",
            trigger: ".o_form_view button[name=action_approve]",
            run: "click",
        },
        {
            content: "Explain the decision",
            trigger: ".modal .o_field_widget[name=comment] textarea",
            run: `edit ${COMMENT}`,
        },
        {
            content: "Confirm the decision",
            trigger: ".modal button[name=action_confirm]",
            run: "click",
        },
        {
            trigger: "body:not(:has(.modal))",
        },
        {
            content: "The decision is recorded on the request",
            trigger: `.o_form_view .o_field_widget[name=decision_comment]:contains('${COMMENT}')`,
        },
        {
            trigger: ".o_form_view:not(:has(button[name=action_approve]))",
        },
    ],
});

registry.category("web_tour.tours").add("insurance_discount_win_tour", {
    steps: () => [
        dealOpenStep(),
        actionMenuStep(),
        headerButtonStep("action_set_won_rainbowman", "Win the deal"),
        {
            content: "The deal is won",
            trigger: ".o_form_view .ribbon:contains(/won|выиграно/i)",
        },
        {
            trigger: ".o_form_view .o_form_saved",
        },
    ],
});
