"""The one translation table: every label, title, tooltip and popover text goes through `t`.

Keys are English snake_case; each has an English and a Simplified Chinese text.
Business terms follow the glossary of SPEC §7.
"""

from __future__ import annotations

LANGUAGES = {"en": "English", "zh": "简体中文"}

TEXT: dict[str, dict[str, str]] = {
    # Navigation and pages
    "page_overview": {"en": "Overview", "zh": "总览"},
    "page_funnel": {"en": "Funnel", "zh": "漏斗"},
    "page_disbursement": {"en": "Disbursement", "zh": "放款"},
    "page_credit": {"en": "Credit quality", "zh": "资产质量"},
    "page_customers": {"en": "Customers", "zh": "客户"},
    "page_teams": {"en": "Teams", "zh": "团队"},
    "page_retrospective": {"en": "Retrospective", "zh": "双周复盘"},
    "page_data": {"en": "Data", "zh": "数据"},
    "language": {"en": "Language", "zh": "语言"},
    # Funnel stages and outcomes
    "stage_lead": {"en": "Lead", "zh": "线索"},
    "stage_contacted": {"en": "Contacted", "zh": "触达"},
    "stage_meeting": {"en": "Meeting", "zh": "面谈"},
    "stage_application": {"en": "Application", "zh": "进件"},
    "stage_approved": {"en": "Approved", "zh": "审批通过"},
    "stage_contracted": {"en": "Contracted", "zh": "签约"},
    "stage_disbursed": {"en": "Disbursed", "zh": "放款"},
    "outcome_rejected": {"en": "Rejected", "zh": "拒绝"},
    "outcome_lost": {"en": "Lost", "zh": "流失"},
    "outcome_open": {"en": "Open", "zh": "进行中"},
    "outcome_disbursed": {"en": "Disbursed", "zh": "已放款"},
    # Organisation and dimensions
    "region": {"en": "Region", "zh": "区域"},
    "team": {"en": "Team", "zh": "团队"},
    "officer": {"en": "Account manager", "zh": "客户经理"},
    "product_line": {"en": "Product line", "zh": "产品线"},
    "channel": {"en": "Channel", "zh": "渠道"},
    "customer_type": {"en": "Customer type", "zh": "客户类型"},
    "segment": {"en": "Segment", "zh": "客群"},
    "team_type_direct": {"en": "Direct", "zh": "直销"},
    "team_type_channel": {"en": "Channel", "zh": "渠道"},
    "product_line_credit": {"en": "Credit", "zh": "信用贷"},
    "product_line_guaranteed": {"en": "Guaranteed", "zh": "保证贷"},
    "product_line_mortgage": {"en": "Mortgage", "zh": "抵押贷"},
    "product_line_pledge": {"en": "Pledge", "zh": "质押贷"},
    "customer_type_individual": {"en": "Individual", "zh": "个人"},
    "customer_type_business": {"en": "Business", "zh": "企业"},
    "segment_consumer": {"en": "Consumer", "zh": "消费"},
    "segment_business": {"en": "Business", "zh": "经营"},
    # Core indicators (SPEC §5, glossary §7)
    "disbursed_amount": {"en": "Disbursed amount", "zh": "放款金额"},
    "disbursed_count": {"en": "Disbursed count", "zh": "放款笔数"},
    "average_ticket": {"en": "Average ticket", "zh": "件均金额"},
    "attainment": {"en": "Target attainment", "zh": "目标达成率"},
    "stretch_attainment": {"en": "Stretch attainment", "zh": "冲刺目标达成率"},
    "base_target": {"en": "Base target", "zh": "基础目标"},
    "stretch_target": {"en": "Stretch target", "zh": "冲刺目标"},
    "pacing": {"en": "Pacing", "zh": "进度"},
    "new_leads": {"en": "New leads", "zh": "新增线索"},
    "lead_to_disbursed": {"en": "Lead → disbursed conversion", "zh": "线索→放款转化率"},
    "funnel_conversion": {"en": "Funnel conversion", "zh": "漏斗转化率"},
    "stage_loss": {"en": "Stage loss", "zh": "环节流失率"},
    "applications": {"en": "Applications", "zh": "进件数"},
    "approvals": {"en": "Approvals", "zh": "审批通过数"},
    "rejections": {"en": "Rejections", "zh": "拒绝数"},
    "approval_rate": {"en": "Approval rate", "zh": "批贷率"},
    "conversion_cycle": {"en": "Conversion cycle", "zh": "转化周期"},
    "outstanding_balance": {"en": "Outstanding balance", "zh": "贷款余额"},
    "overdue_rate": {"en": "Overdue rate (M1+)", "zh": "逾期率 (M1+)"},
    "par30": {"en": "PAR30", "zh": "PAR30"},
    "par90": {"en": "PAR90", "zh": "PAR90"},
    "npl_ratio": {"en": "NPL ratio", "zh": "不良率"},
    "repeat_loan_rate": {"en": "Repeat-loan rate", "zh": "复贷率"},
    "write_offs": {"en": "Write-offs", "zh": "核销"},
    "days_past_due": {"en": "Days past due", "zh": "逾期天数"},
    "vintage": {"en": "Vintage", "zh": "账龄分析 (Vintage)"},
    "months_on_book": {"en": "Months on book", "zh": "账龄 (MOB)"},
    "roll_rate": {"en": "Roll rate", "zh": "迁徙率"},
    "early_warning": {"en": "Early warning", "zh": "风险预警"},
    # Five-tier classification
    "five_tier_normal": {"en": "Normal", "zh": "正常"},
    "five_tier_special_mention": {"en": "Special mention", "zh": "关注"},
    "five_tier_substandard": {"en": "Substandard", "zh": "次级"},
    "five_tier_doubtful": {"en": "Doubtful", "zh": "可疑"},
    "five_tier_loss": {"en": "Loss", "zh": "损失"},
    # Customer tiers and RFM segments
    "tier_strategic": {"en": "Strategic", "zh": "战略客户"},
    "tier_growth": {"en": "Growth", "zh": "成长型客户"},
    "tier_micro": {"en": "Micro", "zh": "小微客户"},
    "rfm_champions": {"en": "Champions", "zh": "重要价值"},
    "rfm_loyal": {"en": "Loyal", "zh": "忠诚"},
    "rfm_potential": {"en": "Potential", "zh": "潜力"},
    "rfm_new": {"en": "New", "zh": "新客户"},
    "rfm_promising": {"en": "Promising", "zh": "有前景"},
    "rfm_need_attention": {"en": "Need attention", "zh": "需关注"},
    "rfm_at_risk": {"en": "At risk", "zh": "流失风险"},
    "rfm_cant_lose": {"en": "Can't lose", "zh": "重要挽留"},
    "rfm_hibernating": {"en": "Hibernating", "zh": "沉睡"},
    "rfm_lost": {"en": "Lost", "zh": "已流失"},
    # Retrospective
    "biweekly_retrospective": {"en": "Biweekly retrospective", "zh": "双周复盘"},
    "finding": {"en": "Finding", "zh": "发现"},
    "action_item": {"en": "Action item", "zh": "行动项"},
    # Filter bar
    "filters": {"en": "Filters", "zh": "筛选"},
    "all": {"en": "All", "zh": "全部"},
    "period": {"en": "Period", "zh": "期间"},
    "period_kind": {"en": "Period type", "zh": "期间类型"},
    "period_kind_biweekly": {"en": "Biweekly", "zh": "双周"},
    "period_kind_week": {"en": "ISO week", "zh": "周"},
    "period_kind_month": {"en": "Month", "zh": "月"},
    "period_kind_quarter": {"en": "Quarter", "zh": "季度"},
    "period_kind_year": {"en": "Year", "zh": "年"},
    "period_kind_range": {"en": "Date range", "zh": "日期范围"},
    "in_progress": {"en": "in progress", "zh": "进行中"},
    "quick_last_biweekly": {"en": "Last biweekly", "zh": "上个双周"},
    "quick_month_to_date": {"en": "Month to date", "zh": "本月至今"},
    "quick_quarter_to_date": {"en": "Quarter to date", "zh": "本季至今"},
    "quick_year_to_date": {"en": "Year to date", "zh": "本年至今"},
    "compare_with": {"en": "Compare with", "zh": "对比"},
    "cmp_prev": {"en": "Previous period", "zh": "上一期"},
    "cmp_yoy": {"en": "Same period last year", "zh": "去年同期"},
    "cmp_none": {"en": "No comparison", "zh": "不对比"},
    "notice_bad_period": {
        "en": "The link's period {value!r} is not one we know; showing the last complete biweekly period instead.",
        "zh": "链接中的期间 {value!r} 无法识别, 已改为显示最近一个完整的双周。",
    },
    "notice_bad_value": {
        "en": "Ignored from the link: {name} = {value!r} is not a known value.",
        "zh": "已忽略链接中的无效值: {name} = {value!r}。",
    },
    # Shared components
    "how_defined": {"en": "How is this defined?", "zh": "口径说明"},
    "numerator": {"en": "Numerator", "zh": "分子"},
    "denominator": {"en": "Denominator", "zh": "分母"},
    "rules": {"en": "Rules", "zh": "规则"},
    "download_csv": {"en": "CSV", "zh": "CSV"},
    "download_excel": {"en": "Excel", "zh": "Excel"},
    "empty_selection": {
        "en": "Nothing matches these filters. Widen the period or clear a filter in the sidebar.",
        "zh": "没有符合筛选条件的数据。请扩大期间或在侧边栏清除筛选。",
    },
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
        "en": "Still converting: windows complete for {share} of these leads",
        "zh": "仍在转化中: {share} 的线索转化窗口已结束",
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
        "en": "The link's drill-down {value!r} is not a region, team or account manager within the current "
        "filters; showing all regions instead.",
        "zh": "链接中的下钻 {value!r} 不是当前筛选范围内的区域、团队或客户经理, 已改为显示全部区域。",
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
        "en": "The vintage curve's 30+ ratio at MOB 3, pooled over 12 disbursement months. With the period's "
        "snapshot in month M, the vintages are M−14 to M−3; the vintage M−3 is measured at the period's "
        "snapshot (the as-of date when that is in month M). Loans count for the account manager, team "
        "and region that produced them (the officer's current organisation) and under the product line, "
        "channel and customer type filters. Empty when those vintages disbursed nothing.",
        "zh": "即账龄分析 (Vintage) 中 MOB 3 的 30+ 比率, 合并 12 个放款月计算。快照在 M 月时, 放款月为 M−14 至 M−3,"
        "其中 M−3 月在本期快照时点计量 (快照为数据截止日时即截至该日)。贷款按产生它的客户经理及其当前团队与区域归属,"
        "并受产品线、渠道与客户类型筛选影响。这些放款月无放款时为空。",
    },
    # Data page
    "data_title": {"en": "Data", "zh": "数据"},
    "as_of_date": {"en": "As-of date", "zh": "数据截止日"},
    "as_of_help": {"en": "Every figure in the app is as of this date.", "zh": "应用中的所有数字均截至该日期。"},
    "built_at": {"en": "Built at (UTC)", "zh": "构建时间 (UTC)"},
    "build_time": {"en": "Build time", "zh": "构建耗时"},
    "source_format": {"en": "Source format", "zh": "数据源格式"},
    "source_caption": {
        "en": "Source: `{source}` · build `{build_id}` · configuration `{config}`",
        "zh": "数据源: `{source}` · 构建 `{build_id}` · 配置 `{config}`",
    },
    "tables": {"en": "Tables", "zh": "数据表"},
    "table": {"en": "Table", "zh": "表"},
    "layer": {"en": "Layer", "zh": "层"},
    "rows": {"en": "Rows", "zh": "行数"},
    "data_quality_warnings": {"en": "Data-quality warnings", "zh": "数据质量警告"},
    "no_warnings": {"en": "The source passed every check with no warnings.", "zh": "数据源通过了全部检查, 没有警告。"},
    "n_warnings": {
        "en": "{n} warning(s) found while validating the source; the build went ahead.",
        "zh": "校验数据源时发现 {n} 条警告; 构建已继续。",
    },
    "column": {"en": "Column", "zh": "列"},
    "check": {"en": "Check", "zh": "检查"},
    "first_rows": {"en": "First rows", "zh": "前几行"},
    "message": {"en": "Message", "zh": "说明"},
    "build_steps": {"en": "Build steps", "zh": "构建步骤"},
    "step": {"en": "Step", "zh": "步骤"},
    "seconds": {"en": "Seconds", "zh": "秒"},
    "configuration_used": {"en": "Configuration used", "zh": "使用的配置"},
    "no_warehouse": {
        "en": "No warehouse at `{path}` yet. Build one with `python -m pipelines build --source <folder or workbook>`, "
        "or run `make run` for the demo.",
        "zh": "`{path}` 处还没有数据仓库。请运行 `python -m pipelines build --source <文件夹或工作簿>` 构建, "
        "或运行 `make run` 使用演示数据。",
    },
}


def t(key: str, lang: str = "en", **values: object) -> str:
    """The text for `key` in `lang`, with `{name}` placeholders filled from `values`."""
    try:
        text = TEXT[key][lang]
    except KeyError:
        raise KeyError(f"no translation for {key!r} in {lang!r}") from None
    return text.format(**values) if values else text
