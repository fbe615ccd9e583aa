/** @odoo-module **/

/**
 * A manager sells two policies in one deal: creates the opportunity from the
 * Insurance pipeline, adds the policies on the deal's «Policies» page (the
 * commission is proposed by the commission rules), saves, marks the deal won
 * and sees the policies come into force.
 *
 * The data (client, insurers, products, rules, manager) is created by
 * tests/test_ui.py; the amounts below match its commission rules:
 *   Tour OSAGO / Tour Insurer Alfa: 10%  -> 10 000 x 10% = 1 000
 *   Tour KASKO / Tour Insurer Beta: 15%  -> 40 000 x 15% = 6 000
 *
 * Desktop edits the policies inline in the list; on a phone the same one2many
 * is shown as kanban cards (with the policy state badge) and every policy is
 * edited in a dialog.
 */

import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

const CLIENT = "Tour Client Ivanov";
const DEAL = "Tour deal: OSAGO and KASKO";
const POLICIES = [
    {
        product: "Tour OSAGO",
        insurer: "Tour Insurer Alfa",
        number: "ххх 0000000001",
        premium: "10000",
        rate: "/^10[^0-9]00$/",
        commission: "/1[^0-9]?000[^0-9]00/",
    },
    {
        product: "Tour KASKO",
        insurer: "Tour Insurer Beta",
        number: "ттт 0000000002",
        premium: "40000",
        rate: "/^15[^0-9]00$/",
        commission: "/6[^0-9]?000[^0-9]00/",
    },
];
const POLICY_FIELD = ".o_form_view .o_field_widget[name=policy_ids]";
const DIALOG = ".modal:not(.o_inactive_modal)";

function openPipelineSteps() {
    return [
        {
            isActive: ["desktop"],
            content: "Open the apps menu",
            trigger: ".o_navbar_apps_menu button:enabled",
            run: "click",
        },
        {
            isActive: ["desktop"],
            content: "Open the Insurance app: it lands on the deals pipeline",
            trigger: ".o_app[data-menu-xmlid='insurance_broker.menu_insurance_root']",
            run: "click",
        },
        {
            isActive: ["mobile"],
            content: "Open the app sidebar",
            trigger: ".o_main_navbar .o_menu_toggle",
            run: "click",
        },
        {
            isActive: ["mobile"],
            content: "Show all apps",
            trigger: ".o_app_menu_sidebar .o_sidebar_topbar a.btn-primary",
            run: "click",
        },
        {
            isActive: ["mobile"],
            content: "Open the Insurance app: it lands on the deals pipeline",
            trigger: ".o_app_menu_sidebar .o_app[data-menu-xmlid='insurance_broker.menu_insurance_root']",
            run: "click",
        },
        {
            content: "The deals pipeline is shown",
            trigger: ".o_opportunity_kanban",
        },
    ];
}

function createOpportunitySteps() {
    return [
        {
            content: "Create a new opportunity",
            trigger: ".o_control_panel .o-kanban-button-new",
            run: "click",
        },
        // The client: an autocomplete on desktop, a search dialog on a phone.
        {
            isActive: ["desktop"],
            content: "Type the client's name",
            trigger: ".o_kanban_quick_create .o_field_widget[name=partner_id] input",
            run: `edit ${CLIENT}`,
        },
        {
            isActive: ["desktop"],
            content: "Pick the client",
            trigger: `.o-autocomplete--dropdown-item a:contains('${CLIENT}')`,
            run: "click",
        },
        {
            isActive: ["mobile"],
            content: "Open the client search",
            trigger: ".o_kanban_quick_create .o_field_widget[name=partner_id] input",
            run: "click",
        },
        ...stepUtils.mobileKanbanSearchMany2X("Contact", CLIENT),
        {
            content: "The client is set",
            trigger: ".o_kanban_quick_create .o_field_widget[name=partner_id] .o_external_button",
        },
        {
            content: "Name the opportunity",
            trigger: ".o_kanban_quick_create .o_field_widget[name=name] input",
            run: `edit ${DEAL}`,
        },
        {
            content: "Open the full form of the opportunity",
            trigger: ".o_kanban_quick_create .o_kanban_edit",
            run: "click",
        },
        {
            content: "The deal form is open",
            trigger: `.o_form_view .o_field_widget[name=name] textarea:value('${DEAL}')`,
        },
        {
            content: "Open the Policies page",
            trigger: ".o_form_view .o_notebook .nav-link[name=policies]",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_notebook .nav-link.active[name=policies]",
        },
    ];
}

/** Desktop: a new line in the editable list, with autocompletes. */
function addPolicyInlineSteps(policy) {
    const row = `${POLICY_FIELD} .o_data_row.o_selected_row`;
    return [
        {
            content: "Add a policy line",
            trigger: `${POLICY_FIELD} .o_field_x2many_list_row_add a`,
            run: "click",
        },
        {
            content: `Choose the product ${policy.product}`,
            trigger: `${row} .o_field_widget[name=product_id] input`,
            run: `edit ${policy.product}`,
        },
        {
            trigger: `.o-autocomplete--dropdown-item a:contains('${policy.product}')`,
            run: "click",
        },
        {
            content: `Choose the insurer ${policy.insurer}`,
            trigger: `${row} .o_field_widget[name=insurer_id] input`,
            run: `edit ${policy.insurer}`,
        },
        {
            trigger: `.o-autocomplete--dropdown-item a:contains('${policy.insurer}')`,
            run: "click",
        },
        {
            content: "The commission rate is proposed by the rule",
            trigger: `${row} .o_field_widget[name=commission_rate] input:value(${policy.rate})`,
        },
        {
            content: "Type the series and number",
            trigger: `${row} .o_field_widget[name=name] input`,
            run: `edit ${policy.number}`,
        },
        {
            content: "Type the premium",
            trigger: `${row} .o_field_widget[name=premium] input`,
            // Tab leaves the cell: the change reaches the onchange.
            run: `edit ${policy.premium} && press Tab`,
        },
        {
            content: `The commission is computed: ${policy.commission}`,
            trigger: `${row} td[name=commission_amount]:contains(${policy.commission})`,
        },
    ];
}

/** Phone: the policies are kanban cards; a new policy opens in a dialog. */
function addPolicyDialogSteps(policy) {
    return [
        {
            content: "Add a policy",
            trigger: `${POLICY_FIELD} .o-kanban-button-new`,
            run: "click",
        },
        {
            trigger: `${DIALOG} .o_form_view .o_field_widget[name=product_id] input`,
            content: `Choose the product ${policy.product}`,
            run: "click",
        },
        {
            trigger: `${DIALOG} .o_kanban_record:contains('${policy.product}')`,
            run: "click",
        },
        {
            trigger: `${DIALOG} .o_field_widget[name=product_id] input:value('${policy.product}')`,
        },
        {
            trigger: `${DIALOG} .o_form_view .o_field_widget[name=insurer_id] input`,
            content: `Choose the insurer ${policy.insurer}`,
            run: "click",
        },
        {
            trigger: `${DIALOG} .o_kanban_record:contains('${policy.insurer}')`,
            run: "click",
        },
        {
            trigger: `${DIALOG} .o_field_widget[name=insurer_id] input:value('${policy.insurer}')`,
        },
        {
            content: "The commission rate is proposed by the rule",
            trigger: `${DIALOG} .o_field_widget[name=commission_rate] input:value(${policy.rate})`,
        },
        {
            content: "Type the series and number",
            trigger: `${DIALOG} .o_field_widget[name=name] input`,
            run: `edit ${policy.number}`,
        },
        {
            content: "Type the premium",
            trigger: `${DIALOG} .o_field_widget[name=premium] input`,
            // Tab leaves the field: the change reaches the onchange.
            run: `edit ${policy.premium} && press Tab`,
        },
        {
            content: `The commission is computed: ${policy.commission}`,
            trigger: `${DIALOG} .o_field_widget[name=commission_amount]:contains(${policy.commission})`,
        },
        {
            content: "Save the policy",
            trigger: `${DIALOG} .o_form_button_save:enabled`,
            run: "click",
        },
        {
            trigger: "body:not(:has(.modal))",
        },
        {
            content: "The policy card shows the product and the commission",
            trigger: `${POLICY_FIELD} .o_kanban_record:contains('${policy.product}'):contains(${policy.commission})`,
        },
    ];
}

function saveAndWinSteps() {
    return [
        {
            content: "Save the deal",
            trigger: ".o_form_view .o_form_button_save:enabled",
            run: "click",
        },
        {
            content: "wait for save completion",
            trigger: ".o_form_view .o_form_saved",
        },
        {
            content: "The deal totals add up both policies",
            trigger: ".o_form_view .o_field_widget[name=policy_commission_total]:contains(/7[^0-9]?000[^0-9]00/)",
        },
        {
            // On a phone the header buttons move into the cog menu.
            isActive: ["mobile"],
            content: "Open the actions menu",
            trigger: ".o_control_panel .o_cp_action_menus button:has(.fa-cog)",
            run: "click",
        },
        {
            content: "Mark the deal won",
            trigger:
                ".o_form_view .o_statusbar_buttons button[name=action_set_won_rainbowman]:enabled, " +
                ".dropdown-menu button[name=action_set_won_rainbowman]:enabled",
            run: "click",
        },
        {
            content: "The deal is won",
            trigger: ".o_form_view .ribbon:contains(/won|выиграно/i)",
        },
        {
            trigger: ".o_form_view .o_form_saved",
        },
    ];
}

function checkPoliciesActiveInlineSteps() {
    return POLICIES.map((policy) => ({
        content: `Policy ${policy.product} is active`,
        trigger:
            `${POLICY_FIELD} .o_data_row:has(td[name=product_id]:contains('${policy.product}'))` +
            " td[name=state]:contains(/in force|действует/i)",
    }));
}

function checkPoliciesActiveCardSteps() {
    const [first] = POLICIES;
    return [
        ...POLICIES.map((policy) => ({
            content: `Policy ${policy.product} is active`,
            trigger:
                `${POLICY_FIELD} .o_kanban_record:contains('${policy.product}')` +
                " .o_field_widget[name=state]:contains(/in force|действует/i)",
        })),
        {
            content: `Open policy ${first.product}`,
            trigger: `${POLICY_FIELD} .o_kanban_record:contains('${first.product}')`,
            run: "click",
        },
        {
            content: "Its status bar shows it in force",
            // The phone status bar shows the current state as a dropdown toggle.
            trigger: `${DIALOG} .o_field_widget[name=state] button:contains(/in force|действует/i)`,
        },
        {
            content: "Close the policy",
            trigger: `${DIALOG} .modal-footer .o_form_button_cancel`,
            run: "click",
        },
        {
            trigger: "body:not(:has(.modal))",
        },
    ];
}

registry.category("web_tour.tours").add("insurance_deal_tour", {
    url: "/odoo",
    steps: () => [
        ...openPipelineSteps(),
        ...createOpportunitySteps(),
        ...POLICIES.flatMap(addPolicyInlineSteps),
        ...saveAndWinSteps(),
        ...checkPoliciesActiveInlineSteps(),
    ],
});

registry.category("web_tour.tours").add("insurance_deal_tour_mobile", {
    url: "/odoo",
    steps: () => [
        ...openPipelineSteps(),
        ...createOpportunitySteps(),
        ...POLICIES.flatMap(addPolicyDialogSteps),
        ...saveAndWinSteps(),
        ...checkPoliciesActiveCardSteps(),
    ],
});
