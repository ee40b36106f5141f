"""Labels: The Overview and Teams pages."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    # Overview and Teams pages
    "overview_title": {"en": "Overview", "zh": "总览"},
    "ov_period": {"en": "Period {start} – {end}", "zh": "期间 {start} – {end}"},
    "ov_compared_with": {"en": "compared with {start} – {end}", "zh": "对比 {start} – {end}"},
    "ov_as_of": {"en": "data as of {day}", "zh": "数据截至 {day}"},
    "ov_core_indicators": {"en": "Core indicators", "zh": "核心指标"},
    "ov_sparkline_caption": {
        "en": "Arrows: change against the comparison period, green when it is good for the business. "
        "Sparklines: the last {n} periods of the same kind.",
        "zh": "箭头: 与对比期相比的变化, 对业务有利时为绿色。迷你图: 同类型的最近 {n} 个期间。",
    },
    "ov_days_change": {"en": "{value} days", "zh": "{value} 天"},
    "ov_comparison_help": {"en": "Comparison ({when}): {value}", "zh": "对比期 ({when}): {value}"},
    "ov_target_note": {"en": "Base target {base} · stretch {stretch}", "zh": "基础目标 {base} · 冲刺目标 {stretch}"},
    "ov_attainment_note": {"en": "Stretch attainment {stretch} · {band}", "zh": "冲刺目标达成率 {stretch} · {band}"},
    "ov_band_red": {"en": "below 80%", "zh": "低于 80%"},
    "ov_band_amber": {"en": "80–100%", "zh": "80–100%"},
    "ov_band_green": {"en": "on target (100–120%)", "zh": "达标 (100–120%)"},
    "ov_band_bonus": {"en": "bonus tier (120%+)", "zh": "奖励档 (120% 以上)"},
    "ov_no_target": {"en": "No target set for this selection", "zh": "所选范围未设定目标"},
    "ov_no_target_for_filter": {
        "en": "No target with an account-manager, channel or customer-type filter",
        "zh": "按客户经理、渠道或客户类型筛选时无目标",
    },
    "ov_snapshot_note": {"en": "Measured at {day}", "zh": "统计时点 {day}"},
    "ov_same_snapshot_note": {
        "en": "Measured at {day}, as for the comparison period: no change to show",
        "zh": "统计时点 {day}, 与对比期相同, 无变化可比",
    },
    "ov_cohort_open": {
        "en": "Still converting (faded in the line): windows complete for {share} of these leads",
        "zh": "仍在转化中 (线中浅色): {share} 的线索转化窗口已结束",
    },
    "ov_target_chart_title": {
        "en": "Disbursed amount against target, last {n} periods",
        "zh": "放款金额与目标 (最近 {n} 期)",
    },
    "ov_axis_period_start": {"en": "Period (start)", "zh": "期间 (起始日)"},
    "ov_axis_amount": {"en": "Disbursed amount (¥)", "zh": "放款金额 (¥)"},
    "ov_funnel_title": {"en": "Funnel of the period's new leads", "zh": "本期新增线索漏斗"},
    "ov_axis_leads": {"en": "Leads (count)", "zh": "线索数 (个)"},
    "ov_axis_stage": {"en": "Stage", "zh": "环节"},
    "teams_title": {"en": "Teams", "zh": "团队"},
    "teams_all_regions": {"en": "All regions", "zh": "全部区域"},
    "teams_bad_drill": {
        "en": "The drill-down '{value}' is not a region, team or account manager within the current filters; "
        "showing all regions instead.",
        "zh": "下钻 '{value}' 不是当前筛选范围内的区域、团队或客户经理, 已改为显示全部区域。",
    },
    "teams_chart_regions": {
        "en": "Disbursed amount and target attainment by region",
        "zh": "各区域放款金额与目标达成率",
    },
    "teams_chart_teams": {
        "en": "{name}: disbursed amount and attainment by team",
        "zh": "{name}: 各团队放款金额与目标达成率",
    },
    "teams_chart_officers": {"en": "{name}: disbursed amount by account manager", "zh": "{name}: 各客户经理放款金额"},
    "teams_axis_amount": {"en": "Disbursed amount (¥)", "zh": "放款金额 (¥)"},
    "teams_click_hint_region": {
        "en": "Click a region's bar (or its row in the scorecard) to see its teams. Labels: target attainment.",
        "zh": "点击区域柱形 (或评分卡中的行) 查看其团队。柱上标注: 目标达成率。",
    },
    "teams_click_hint_team": {
        "en": "Click a team's bar (or its row in the scorecard) to see its account managers. "
        "Labels: target attainment.",
        "zh": "点击团队柱形 (或评分卡中的行) 查看其客户经理。柱上标注: 目标达成率。",
    },
    "teams_click_hint_officer": {
        "en": "Click an account manager's bar (or row) to see their leads and loans. Targets are set per team.",
        "zh": "点击客户经理柱形 (或行) 查看其线索与贷款。目标按团队设定。",
    },
    "teams_no_disbursement": {
        "en": "Nothing was disbursed here in the period; the scorecard shows leads and the book.",
        "zh": "本期此范围内没有放款; 评分卡显示线索与存量贷款。",
    },
    "teams_scorecard": {"en": "Scorecard", "zh": "评分卡"},
    "teams_snapshot_caption": {
        "en": "Balance, overdue rate and PAR30 at {day}; early 30+ over the 12 latest vintages at 3 months on book.",
        "zh": "贷款余额、逾期率与 PAR30 截至 {day}; 早期逾期 30+ 为最近 12 个放款月在账龄 3 个月时的表现。",
    },
    "teams_conversion_help": {
        "en": "Leads created in the period that were disbursed within the conversion window, over all of them.",
        "zh": "本期新增线索中在转化窗口内放款的比例。",
    },
    "teams_early_dpd30": {"en": "Early 30+ (MOB 3)", "zh": "早期逾期 30+ (MOB 3)"},
    "teams_early_dpd30_help": {
        "en": "Balance more than 30 days past due at 3 months on book over the original principal, 12 latest vintages.",
        "zh": "最近 12 个放款月的贷款在账龄 3 个月时逾期 30 天以上的余额 / 原始本金。",
    },
    "teams_leads": {"en": "Leads created in the period", "zh": "本期新增线索"},
    "teams_loans": {"en": "Loans disbursed in the period", "zh": "本期放款"},
    "teams_no_leads": {"en": "No leads created in the period.", "zh": "本期没有新增线索。"},
    "teams_no_loans": {"en": "No loans disbursed in the period.", "zh": "本期没有放款。"},
    "teams_list_limited": {"en": "Showing the newest {n}.", "zh": "仅显示最新的 {n} 条。"},
    "teams_col_lead": {"en": "Lead", "zh": "线索编号"},
    "teams_col_loan": {"en": "Loan", "zh": "贷款编号"},
    "teams_col_created": {"en": "Created", "zh": "创建日期"},
    "teams_col_customer": {"en": "Customer", "zh": "客户"},
    "teams_col_product": {"en": "Product", "zh": "产品"},
    "teams_col_furthest_stage": {"en": "Furthest stage", "zh": "最远环节"},
    "teams_col_outcome": {"en": "Outcome", "zh": "结果"},
    "teams_col_disbursed": {"en": "Disbursed", "zh": "放款日期"},
    "teams_col_days_to_disburse": {"en": "Days to disburse", "zh": "放款用时 (天)"},
    "teams_col_window_complete": {"en": "Window complete", "zh": "转化窗口已结束"},
    "teams_window_help": {
        "en": "The lead's conversion window (90 days by default) has ended by the as-of date.",
        "zh": "该线索的转化窗口 (默认 90 天) 已在数据截止日前结束。",
    },
    "teams_col_principal": {"en": "Principal (¥)", "zh": "本金 (¥)"},
    "teams_col_rate": {"en": "Annual rate", "zh": "年利率"},
    "teams_col_term": {"en": "Term (months)", "zh": "期限 (月)"},
    "teams_col_repeat": {"en": "Repeat loan", "zh": "复贷"},
    "teams_col_status": {"en": "Status", "zh": "状态"},
    "teams_col_bucket": {"en": "DPD bucket", "zh": "逾期档位"},
    "teams_col_outstanding": {"en": "Outstanding principal (¥)", "zh": "剩余本金 (¥)"},
    "teams_col_status_date": {"en": "Status at", "zh": "状态日期"},
    "teams_status_help": {
        "en": "The loan's latest snapshot: the as-of date while active, else the date it closed or was written off.",
        "zh": "贷款的最新快照: 在贷时为数据截止日, 否则为结清或核销的日期。",
    },
    "teams_status_active": {"en": "Active", "zh": "在贷"},
    "teams_status_closed": {"en": "Closed", "zh": "已结清"},
    "teams_status_written_off": {"en": "Written off", "zh": "已核销"},
    "def_early_dpd30_name": {
        "en": "Early delinquency (30+ at MOB 3)",
        "zh": "早期逾期 (MOB 3 逾期 30+)",
    },
    "def_early_dpd30_numerator": {
        "en": "Outstanding balance, at three months on book, of the loans more than 30 days past due, over the "
        "last 12 vintages that have reached three months on book by the period's snapshot",
        "zh": "截至本期快照已满账龄 3 个月的最近 12 个放款月中, 账龄 3 个月时逾期超过 30 天的贷款余额",
    },
    "def_early_dpd30_denominator": {
        "en": "Original principal of every loan disbursed in those 12 vintages",
        "zh": "这 12 个放款月发放的全部贷款的原始本金",
    },
    "def_early_dpd30_rules": {
        "en": "The vintage curve's 30+ ratio at MOB 3, pooled over 12 disbursement months, on the month-end "
        "series. With the latest month-end (or the as-of date) on or before the period's end in month "
        "M, the vintages are M−14 to M−3; the vintage M−3 is measured at that date (a period ending at "
        "a biweekly end inside a month reads the month-end before it). Loans count for the account "
        "manager, team and region that produced them (the officer's current organisation) and under the "
        "product line, channel and customer type filters. Empty when those vintages disbursed nothing.",
        "zh": "即账龄分析 (Vintage) 中 MOB 3 的 30+ 比率, 按月末序列合并 12 "
        "个放款月计算。期间结束日及之前最近的月末 (或数据截止日) 在 M 月时, 放款月为 M−14 至 "
        "M−3, 其中 M−3 月在该日计量 "
        "(期间止于月内双周期末时取上一月末)。贷款按产生它的客户经理及其当前团队与区域归属, "
        "并受产品线、渠道与客户类型筛选影响。这些放款月无放款时为空。",
    },
}
