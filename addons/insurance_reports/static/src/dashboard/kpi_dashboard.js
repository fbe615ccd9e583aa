import { Component, onMounted, onPatched, onWillStart, onWillUnmount, useRef, useState } from "@odoo/owl";
import { loadBundle } from "@web/core/assets";
import { deserializeDate, formatDate } from "@web/core/l10n/dates";
import { _t } from "@web/core/l10n/translation";
import { formatFloat } from "@web/core/utils/numbers";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";

const COLORS = { fact: "#1f77b4", plan: "#bbbbbb", forecast: "#ff7f0e", bad: "#d62728", good: "#2ca02c" };

/**
 * The head of sales' KPI dashboard: one RPC (insurance.kpi.dashboard.get_dashboard_data,
 * SQL aggregates) feeds the cards and the Chart.js charts bundled with Odoo.
 */
export class InsuranceKpiDashboard extends Component {
    static template = "insurance_reports.KpiDashboard";
    static props = ["*"];

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.state = useState({ data: null, measure: "commission" });
        this.charts = {};
        this.trendRef = useRef("trend");
        this.managersRef = useRef("managers");
        this.pipelineRef = useRef("pipeline");
        this.productsRef = useRef("products");
        onWillStart(async () => {
            await loadBundle("web.chartjs_lib");
            await this.load();
        });
        onMounted(() => this.renderCharts());
        onPatched(() => this.renderCharts());
        onWillUnmount(() => this.destroyCharts());
    }

    async load() {
        this.state.data = await this.orm.call("insurance.kpi.dashboard", "get_dashboard_data", []);
    }

    async refresh() {
        await this.load();
    }

    setMeasure(measure) {
        this.state.measure = measure;
    }

    get measures() {
        return [
            { key: "commission", label: _t("Commission"), money: true },
            { key: "premium", label: _t("Premium"), money: true },
            { key: "policy_count", label: _t("Policies"), money: false },
        ];
    }

    format(value, money = true) {
        if (value === null || value === undefined) {
            return "—";
        }
        const decimals = money || Number.isInteger(value) ? 0 : 1;
        const text = formatFloat(value, { digits: [false, decimals], humanReadable: Math.abs(value) >= 1e6 });
        return money ? `${text} ${this.state.data.currency}` : text;
    }

    formatDay(value) {
        return formatDate(deserializeDate(value));
    }

    formatChange(value) {
        if (value === null || value === undefined) {
            return "—";
        }
        return `${value > 0 ? "+" : ""}${formatFloat(value, { digits: [false, 1] })}%`;
    }

    changeClass(value) {
        if (value === null || value === undefined || Math.abs(value) <= 10) {
            return "text-muted";
        }
        return value < 0 ? "text-danger fw-bold" : "text-success fw-bold";
    }

    openPlans() {
        this.action.doAction("insurance_reports.insurance_sales_plan_action");
    }

    openRegister() {
        this.action.doAction("insurance_reports.insurance_register_line_action");
    }

    /** A control card opens the records it counts (the domain comes from the server). */
    async openControl(card) {
        const action = await this.orm.call("insurance.kpi.dashboard", "action_open_control", [card]);
        await this.action.doAction(action);
    }

    formatNps(value) {
        if (value === null || value === undefined) {
            return "—";
        }
        return `${value > 0 ? "+" : ""}${formatFloat(value, { digits: [false, 1] })}`;
    }

    get controlCards() {
        const control = this.state.data.control;
        const own = this.state.data.scope === "own";
        const cards = [
            {
                key: "approvals_to_decide",
                label: _t("Discounts waiting for your decision"),
                value: control.approvals_to_decide,
                alert: control.approvals_to_decide > 0,
            },
            {
                key: "approvals_pending",
                label: own ? _t("Your discount requests pending") : _t("Discount approvals pending"),
                value: control.approvals_pending,
            },
            {
                key: "complaints_open",
                label: own ? _t("Open complaints about you") : _t("Open complaints"),
                value: control.complaints_open,
            },
            {
                key: "complaints_overdue",
                label: _t("Overdue complaints"),
                value: control.complaints_overdue,
                alert: control.complaints_overdue > 0,
            },
            {
                key: "blocked_deals",
                label: _t("Open deals blocked by compliance"),
                value: control.blocked_deals,
                alert: control.blocked_deals > 0,
            },
            {
                key: "toxic_clients",
                label: own ? _t("Your toxic clients") : _t("Toxic clients"),
                value: control.toxic_clients,
                alert: control.toxic_clients > 0,
            },
            {
                key: "nps",
                label: _t("NPS, last 90 days"),
                value: this.formatNps(control.nps.value),
                note: _t("%(answers)s answers: %(promoters)s promoters, %(detractors)s detractors", {
                    answers: control.nps.answers,
                    promoters: control.nps.promoters,
                    detractors: control.nps.detractors,
                }),
                alert: control.nps.value !== null && control.nps.value < 0,
            },
        ];
        if (control.loss_ratio) {
            cards.push({
                key: "loss_ratio",
                label: _t("Loss ratio, last 12 months"),
                value: `${formatFloat(control.loss_ratio.ratio, { digits: [false, 1] })}%`,
                note: _t("Claims paid %(paid)s of earned premium %(earned)s", {
                    paid: this.format(control.loss_ratio.claims_paid),
                    earned: this.format(control.loss_ratio.earned_premium),
                }),
            });
        }
        return cards;
    }

    openAnalytics(xmlId) {
        this.action.doAction(xmlId);
    }

    destroyCharts() {
        for (const chart of Object.values(this.charts)) {
            chart.destroy();
        }
        this.charts = {};
    }

    makeChart(key, ref, config) {
        if (!ref.el) {
            return;
        }
        config.options = Object.assign(
            { responsive: true, maintainAspectRatio: false, animation: false, plugins: { legend: { position: "bottom" } } },
            config.options || {}
        );
        this.charts[key] = new Chart(ref.el, config);
    }

    /** Legend boxes in the dataset's main colour, not the first bar's (red marks a bar behind). */
    plainLegend(chart) {
        return chart.data.datasets.map((dataset, index) => ({
            text: dataset.label,
            fillStyle: Array.isArray(dataset.backgroundColor) ? COLORS.fact : dataset.backgroundColor,
            strokeStyle: "transparent",
            datasetIndex: index,
            hidden: !chart.isDatasetVisible(index),
        }));
    }

    renderCharts() {
        this.destroyCharts();
        const data = this.state.data;
        if (!data) {
            return;
        }
        const measure = this.state.measure;
        const planKey = measure === "policy_count" ? "plan_policy_count" : "plan_commission";
        const trendDatasets = [
            {
                type: "bar",
                label: _t("Fact"),
                data: data.trend.map((m) => m[measure]),
                backgroundColor: COLORS.fact,
            },
        ];
        if (measure !== "premium") {
            trendDatasets.push({
                type: "line",
                label: _t("Plan"),
                data: data.trend.map((m) => m[planKey]),
                borderColor: COLORS.forecast,
                backgroundColor: COLORS.forecast,
            });
        }
        this.makeChart("trend", this.trendRef, {
            data: { labels: data.trend.map((m) => m.month), datasets: trendDatasets },
        });
        this.makeChart("managers", this.managersRef, {
            type: "bar",
            data: {
                labels: data.managers.map((m) => m.name),
                datasets: [
                    {
                        label: _t("Fact"),
                        data: data.managers.map((m) => m[measure].fact),
                        backgroundColor: data.managers.map((m) => (m[measure].alert ? COLORS.bad : COLORS.fact)),
                    },
                    { label: _t("Forecast"), data: data.managers.map((m) => m[measure].forecast), backgroundColor: COLORS.forecast },
                    { label: _t("Plan"), data: data.managers.map((m) => m[measure].plan), backgroundColor: COLORS.plan },
                ],
            },
            options: { indexAxis: "y", plugins: { legend: { position: "bottom", labels: { generateLabels: this.plainLegend } } } },
        });
        this.makeChart("pipeline", this.pipelineRef, {
            type: "bar",
            data: {
                labels: data.pipeline.map((m) => m.month),
                datasets: [
                    { label: _t("Weighted"), data: data.pipeline.map((m) => m.weighted), backgroundColor: COLORS.fact },
                    { label: _t("Expected"), data: data.pipeline.map((m) => m.expected), backgroundColor: COLORS.plan },
                ],
            },
        });
        this.makeChart("products", this.productsRef, {
            type: "bar",
            data: {
                labels: data.products.map((p) => p.name),
                datasets: [
                    {
                        label: _t("This month"),
                        data: data.products.map((p) => p.commission),
                        backgroundColor: data.products.map((p) => (p.falling ? COLORS.bad : COLORS.fact)),
                    },
                    { label: _t("Previous month"), data: data.products.map((p) => p.previous), backgroundColor: COLORS.plan },
                    { label: _t("Last year"), data: data.products.map((p) => p.last_year), backgroundColor: "#9ecae1" },
                ],
            },
            options: { plugins: { legend: { position: "bottom", labels: { generateLabels: this.plainLegend } } } },
        });
    }
}

registry.category("actions").add("insurance_reports.kpi_dashboard", InsuranceKpiDashboard);
