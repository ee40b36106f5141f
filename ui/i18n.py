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
    "access_scope": {"en": "Access scope", "zh": "权限范围"},
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
        "en": "The link's period '{value}' is not one we know; showing the last complete biweekly period instead.",
        "zh": "链接中的期间 '{value}' 无法识别, 已改为显示最近一个完整的双周。",
    },
    "notice_bad_value": {
        "en": "Ignored from the link: {name} = '{value}' is not a known value.",
        "zh": "已忽略链接中的无效值: {name} = '{value}'。",
    },
    "notice_outside_access": {
        "en": "Not shown: {name} '{value}' is outside what you may see; showing your own scope ({scope}) instead.",
        "zh": "无权查看: {name} '{value}' 不在您的权限范围内, 已改为显示您的范围 ({scope})。",
    },
    "notice_team_outside_region": {
        "en": "Ignored from the link: team '{value}' is not in the region chosen ({region}).",
        "zh": "已忽略链接中的团队 '{value}': 不属于所选区域 ({region})。",
    },
    "notice_officer_outside_team": {
        "en": "Ignored from the link: account manager '{value}' is not in the team or region chosen ({scope}).",
        "zh": "已忽略链接中的客户经理 '{value}': 不属于所选团队或区域 ({scope})。",
    },
    # Shared components
    "how_defined": {"en": "How is this defined?", "zh": "口径说明"},
    "numerator": {"en": "Numerator", "zh": "分子"},
    "denominator": {"en": "Denominator", "zh": "分母"},
    "rules": {"en": "Rules", "zh": "规则"},
    "download_csv": {"en": "CSV", "zh": "CSV"},
    "download_excel": {"en": "Excel", "zh": "Excel"},
    "comparison_partly_covered": {
        "en": "comparison covers {covered} of {total} days",
        "zh": "对比期仅 {covered}/{total} 天有数据",
    },
    "period_partly_covered": {
        "en": "period covers {covered} of {total} days",
        "zh": "本期仅 {covered}/{total} 天有数据",
    },
    "no_comparable_data": {"en": "no comparable data", "zh": "无可比数据"},
    "covered_days_short": {"en": "covers {covered}/{total} days", "zh": "仅 {covered}/{total} 天有数据"},
    "coverage_help": {
        "en": "No change is shown: the data starts on {first}, so the comparison would set days with data "
        "against days without.",
        "zh": "不显示变化: 数据从 {first} 开始, 对比会把有数据的天数与无数据的天数相比。",
    },
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
    # Funnel and Disbursement pages
    "funnel_title": {"en": "Funnel", "zh": "销售漏斗"},
    "disbursement_title": {"en": "Disbursement", "zh": "放款"},
    "funnel_period_line": {"en": "Leads created {start} – {end}", "zh": "{start} 至 {end} 新增线索"},
    "disbursement_period_line": {"en": "Loans disbursed {start} – {end}", "zh": "{start} 至 {end} 放款"},
    "compared_with": {"en": "compared with {start} – {end}", "zh": "对比 {start} 至 {end}"},
    "data_as_of": {"en": "data as of {day}", "zh": "数据截至 {day}"},
    "days_change": {"en": "{value} days", "zh": "{value} 天"},
    "funnel_tiles_caption": {
        "en": "New leads and conversion follow the cohort, the leads created in the period. Applications, approvals "
        "and rejections count what happened in the period, whenever the lead came in.",
        "zh": "新增线索和转化率按队列 (期间内新增的线索) 统计; "
        "进件、审批通过和拒绝按事件发生日统计, 不论线索何时新增。",
    },
    "conversion_tile": {"en": "Conversion", "zh": "转化率"},
    "window_open_note": {
        "en": "{share} still converting (faded)",
        "zh": "{share} 仍在转化中 (浅色)",
    },
    "retro_same_age_note": {"en": "same age", "zh": "同龄"},
    "compared_same_age": {
        "en": "compared at the same age (as of {day})",
        "zh": "同龄对比 (截至 {day})",
    },
    "incomplete_cohort_note": {
        "en": "This cohort is not complete yet: {share} of its leads are still inside their {days}-day conversion "
        "window, so its conversion can still rise.",
        "zh": "该队列尚未完成: {share} 的线索仍在 {days} 天转化窗口内, 转化率仍可能上升。",
    },
    "funnel_stages": {"en": "Stage by stage", "zh": "各环节转化"},
    "funnel_stages_title": {"en": "Leads reaching each stage", "zh": "各环节到达线索数"},
    "funnel_bar_text": {
        "en": "{reached} · step {step} · overall {overall}",
        "zh": "{reached} · 环节 {step} · 累计 {overall}",
    },
    "leads_axis": {"en": "Leads", "zh": "线索数"},
    "stage": {"en": "Stage", "zh": "环节"},
    "step_conversion": {"en": "Step conversion", "zh": "环节转化率"},
    "overall_conversion": {"en": "Overall conversion", "zh": "累计转化率"},
    "threshold": {"en": "Loss threshold", "zh": "流失率阈值"},
    "loss_with_threshold": {
        "en": "Stage loss: {loss} (threshold {threshold})",
        "zh": "环节流失率: {loss} (阈值 {threshold})",
    },
    "comparison_loss": {"en": "Stage loss, comparison period", "zh": "对比期环节流失率"},
    "comparison_loss_same_age": {
        "en": "Stage loss, comparison period at the same age",
        "zh": "对比期同龄环节流失率",
    },
    "comparison_leads_same_age": {"en": "Leads, comparison period (same age)", "zh": "对比期线索数 (同龄)"},
    "over_threshold": {"en": "Over threshold", "zh": "超过阈值"},
    "worsened": {"en": "Worsened", "zh": "恶化"},
    "threshold_na": {"en": "n/a (still converting)", "zh": "不适用 (仍在转化中)"},
    "threshold_not_applied": {
        "en": "The loss thresholds are not applied while the cohort is still converting (n/a): its losses can "
        "still shrink. A stage is flagged only when its loss worsened against the comparison cohort at the same "
        "age.",
        "zh": "队列仍在转化中, 暂不按流失率阈值判断 (不适用): 其流失率仍可能下降。"
        "仅当环节流失率较同龄对比队列恶化时才预警。",
    },
    "comparison_leads": {"en": "Leads, comparison period", "zh": "对比期线索数"},
    "flagged": {"en": "Flagged", "zh": "预警"},
    "flagged_stages": {"en": "Flagged stages", "zh": "预警环节"},
    "flag_line": {"en": "**{stage}**: {reasons}.", "zh": "**{stage}**: {reasons}。"},
    "flag_joiner": {"en": "; ", "zh": "; "},
    "flag_over_threshold": {
        "en": "stage loss {loss} is above its {threshold} threshold",
        "zh": "环节流失率 {loss} 高于阈值 {threshold}",
    },
    "flag_worsened": {
        "en": "stage loss rose {change} against the comparison period ({previous} → {loss})",
        "zh": "环节流失率较对比期上升 {change} ({previous} → {loss})",
    },
    "flag_worsened_same_age": {
        "en": "stage loss rose {change} against the comparison cohort at the same age ({previous} → {loss})",
        "zh": "环节流失率较同龄对比队列上升 {change} ({previous} → {loss})",
    },
    "no_flagged_stages": {
        "en": "No stage is flagged: every stage loss is within its threshold and none worsened against the "
        "comparison period.",
        "zh": "没有预警环节: 各环节流失率均在阈值内, 且未较对比期恶化。",
    },
    "no_flagged_stages_converting": {
        "en": "No stage is flagged: no stage loss worsened against the comparison cohort at the same age.",
        "zh": "没有预警环节: 各环节流失率均未较同龄对比队列恶化。",
    },
    "flags_without_comparison": {
        "en": "No comparison period is chosen, so stages are flagged on their threshold only.",
        "zh": "未选择对比期, 仅按阈值标记预警环节。",
    },
    "stage_figures": {"en": "Stage figures (table)", "zh": "各环节数据 (表格)"},
    "funnel_breakdown": {"en": "Breakdown", "zh": "分维度转化"},
    "break_down_by": {"en": "Break down by", "zh": "拆分维度"},
    "breakdown_heatmap_title": {
        "en": "Step conversion by stage (leads in brackets)",
        "zh": "各环节转化率 (括号内为线索数)",
    },
    "breakdown_conversion_title": {"en": "Lead → disbursed conversion", "zh": "线索→放款转化率"},
    "conversion_axis": {"en": "Conversion (%)", "zh": "转化率 (%)"},
    "breakdown_table": {"en": "Breakdown (table)", "zh": "分维度数据 (表格)"},
    "movers_heading": {"en": "Who moved conversion, by {by}", "zh": "转化率变化来源 (按{by})"},
    "movers_caption": {
        "en": "Lead → disbursed conversion {before} → {now} ({change}); each bar is one value's contribution",
        "zh": "线索→放款转化率 {before} → {now} ({change}); 每一段为该项的贡献",
    },
    "movers_title": {
        "en": "From the comparison cohort's conversion to this cohort's",
        "zh": "从对比队列转化率到本期队列转化率",
    },
    "movers_comparison_total": {"en": "Comparison", "zh": "对比期"},
    "movers_current_total": {"en": "This period", "zh": "本期"},
    "movers_others": {"en": "{n} others", "zh": "其他 {n} 项"},
    "movers_table": {"en": "Who moved conversion (table)", "zh": "转化率变化来源 (表格)"},
    "movers_leads_period": {"en": "Leads, comparison period", "zh": "对比期线索数"},
    "movers_leads_same_age": {"en": "Leads, comparison period (same age)", "zh": "对比期线索数 (同龄)"},
    "movers_conversion_period": {"en": "Conversion, comparison period", "zh": "对比期转化率"},
    "movers_conversion_same_age": {"en": "Conversion, comparison at the same age", "zh": "同龄对比期转化率"},
    "movers_change": {"en": "Change of its conversion (pp)", "zh": "自身转化率变化 (百分点)"},
    "movers_rate_effect": {"en": "Rate effect (pp)", "zh": "转化率效应 (百分点)"},
    "movers_mix_effect": {"en": "Mix effect (pp)", "zh": "结构效应 (百分点)"},
    "movers_contribution": {"en": "Contribution to the change (pp)", "zh": "对总变化的贡献 (百分点)"},
    "movers_share": {"en": "Share of the change", "zh": "占总变化比例"},
    "movers_no_comparison": {
        "en": "Choose a comparison period to see who moved conversion.",
        "zh": "请选择对比期以查看转化率变化来源。",
    },
    "movers_nothing_to_compare": {
        "en": "Nothing to compare: one of the two cohorts has no leads.",
        "zh": "无可对比: 两个队列之一没有线索。",
    },
    "name": {"en": "Name", "zh": "名称"},
    "conversion_trend": {"en": "Conversion trend by cohort", "zh": "队列转化趋势"},
    "cohort_grain": {"en": "Cohorts by", "zh": "队列粒度"},
    "cohort_grain_week": {"en": "Week", "zh": "周"},
    "cohort_grain_month": {"en": "Month", "zh": "月"},
    "conversion_to": {"en": "Conversion to", "zh": "转化至"},
    "stage_conversion_to": {"en": "Lead → {stage} conversion by cohort", "zh": "各队列 线索→{stage} 转化率"},
    "cohort_complete": {"en": "Window complete", "zh": "窗口已结束"},
    "cohort_incomplete": {"en": "Window still open", "zh": "窗口未结束"},
    "cohort_week_axis": {"en": "Cohort (week the leads were created)", "zh": "队列 (线索新增周)"},
    "cohort_month_axis": {"en": "Cohort (month the leads were created)", "zh": "队列 (线索新增月)"},
    "trend_hover": {
        "en": "Cohort {start} – {end}<br>Conversion: {conversion}<br>Leads: {leads}<br>Window complete: {complete}",
        "zh": "队列 {start} 至 {end}<br>转化率: {conversion}<br>线索数: {leads}<br>窗口已结束: {complete}",
    },
    "trend_caption": {
        "en": "Faded dotted line and hollow markers on the shaded band: cohorts with leads still inside their "
        "conversion window. Their conversion can still rise, so a lower value there is not a drop.",
        "zh": "阴影区内的浅色虚线和空心点: 队列中仍有线索在转化窗口内。其转化率仍可能上升, 较低的数值并非下降。",
    },
    "still_converting_band": {"en": "still converting →", "zh": "仍在转化中 →"},
    "time_to_convert": {"en": "Time to convert", "zh": "转化时长"},
    "time_to_convert_title": {"en": "Disbursed leads by days to disbursement", "zh": "放款线索的转化天数分布"},
    "days_to_disburse_axis": {"en": "Days from lead to disbursement", "zh": "线索到放款天数"},
    "disbursed_leads_axis": {"en": "Disbursed leads", "zh": "放款线索数"},
    "ttc_hover": {"en": "%{x} days: %{y} leads", "zh": "%{x} 天: %{y} 条线索"},
    "no_disbursed_leads": {"en": "No lead of this cohort has been disbursed yet.", "zh": "该队列尚无线索放款。"},
    "dropped_leads": {"en": "Leads that dropped out", "zh": "流失线索明细"},
    "dropped_at": {"en": "Furthest stage reached", "zh": "最远到达环节"},
    "drop_option": {"en": "{stage}, not {next} ({leads} leads)", "zh": "到达{stage}、未到{next} ({leads} 条)"},
    "dropped_caption": {
        "en": "Leads of the cohort that dropped out here (lost, rejected, or window over): {total}; newest first.",
        "zh": "该队列有 {total} 条线索在此流失 (流失、拒绝或窗口已结束); 按新增时间倒序排列。",
    },
    "dropped_caption_limited": {
        "en": "Showing the newest {shown} of the {total} leads of the cohort that dropped out here (lost, rejected, "
        "or window over); the downloads hold the same rows.",
        "zh": "显示该队列在此流失的 {total} 条线索 (流失、拒绝或窗口已结束) 中最新的 {shown} 条; 下载内容与显示一致。",
    },
    "no_dropped_leads": {
        "en": "No lead of this cohort dropped out at this stage.",
        "zh": "该队列没有线索在此环节流失。",
    },
    "no_dropped_leads_converting": {
        "en": "No lead of this cohort dropped out here; {leads} stopped here so far but are still open inside "
        "their window.",
        "zh": "该队列没有线索在此环节流失; 另有 {leads} 条线索暂停在此环节, 仍在转化窗口内。",
    },
    "dropped_still_converting": {
        "en": "{leads} more stopped here so far but are still open inside their window: not listed.",
        "zh": "另有 {leads} 条线索暂停在此, 仍在转化窗口内, 未列出。",
    },
    "lead_id": {"en": "Lead", "zh": "线索编号"},
    "created_at": {"en": "Created", "zh": "新增时间"},
    "furthest_stage_at": {"en": "Reached furthest stage", "zh": "到达最远环节时间"},
    "outcome": {"en": "Outcome", "zh": "结果"},
    "reason": {"en": "Reason", "zh": "原因"},
    "window_complete": {"en": "Window complete", "zh": "窗口已结束"},
    "customer": {"en": "Customer", "zh": "客户"},
    "target_note": {"en": "Base target {base} · stretch {stretch}", "zh": "基础目标 {base} · 冲刺目标 {stretch}"},
    "band": {"en": "Band", "zh": "档位"},
    "band_red": {"en": "Red · below {red}", "zh": "红色 · 低于 {red}"},
    "band_amber": {"en": "Amber · {red}–{green}", "zh": "黄色 · {red}–{green}"},
    "band_green": {"en": "Green · {green}–{bonus}", "zh": "绿色 · {green}–{bonus}"},
    "band_bonus": {"en": "Bonus tier · {bonus} and above", "zh": "奖励档 · {bonus} 及以上"},
    "band_short_red": {"en": "Red", "zh": "红色"},
    "band_short_amber": {"en": "Amber", "zh": "黄色"},
    "band_short_green": {"en": "Green", "zh": "绿色"},
    "band_short_bonus": {"en": "Bonus tier", "zh": "奖励档"},
    "pacing_period_complete": {"en": "Period finished: see attainment", "zh": "期间已结束, 请看目标达成率"},
    "pacing_elapsed": {"en": "{share} of the period elapsed", "zh": "期间已过 {share}"},
    "targets_not_applicable": {
        "en": "Targets are set per team and product line, so there is no target with an account manager, channel "
        "or customer-type filter: attainment, pacing and bands are left empty rather than shown as 0%.",
        "zh": "目标按团队和产品线设定, 选择客户经理、渠道或客户类型筛选时没有对应目标: "
        "目标达成率、进度和档位留空, 而不是显示为 0%。",
    },
    "no_target_set": {
        "en": "No target is set for the selected teams and product lines in this period.",
        "zh": "所选团队和产品线在该期间未设定目标。",
    },
    "volume_over_time": {"en": "Volume over time", "zh": "放款趋势"},
    "bucket_by": {"en": "Bars by", "zh": "粒度"},
    "grain_day": {"en": "Day", "zh": "日"},
    "grain_week": {"en": "Week", "zh": "周"},
    "grain_month": {"en": "Month", "zh": "月"},
    "grain_day_axis": {"en": "Day", "zh": "日期"},
    "grain_week_axis": {"en": "Week (starting)", "zh": "周 (起始日)"},
    "grain_month_axis": {"en": "Month", "zh": "月份"},
    "volume_view": {"en": "Show", "zh": "显示"},
    "volume_view_per_bucket": {"en": "Per period", "zh": "逐期"},
    "volume_view_cumulative": {"en": "Cumulative", "zh": "累计"},
    "volume_title": {"en": "Disbursed amount against prorated targets", "zh": "放款金额与折算目标"},
    "volume_cumulative_title": {
        "en": "Cumulative disbursed amount against cumulative targets",
        "zh": "累计放款金额与累计目标",
    },
    "volume_hover": {
        "en": "%{customdata[2]} – %{customdata[3]}<br>Amount: %{customdata[0]}<br>Loans: %{customdata[1]}",
        "zh": "%{customdata[2]} 至 %{customdata[3]}<br>放款金额: %{customdata[0]}<br>放款笔数: %{customdata[1]}",
    },
    "after_as_of": {"en": "after the as-of date", "zh": "数据截止日之后"},
    "amount_axis": {"en": "Disbursed amount (¥)", "zh": "放款金额 (¥)"},
    "ticket_axis": {"en": "Average ticket (¥)", "zh": "件均金额 (¥)"},
    "disbursement_mix": {"en": "Mix and average ticket", "zh": "结构与件均"},
    "mix_by": {"en": "Split by", "zh": "拆分维度"},
    "mix_amount_title": {"en": "Disbursed amount and share", "zh": "放款金额及占比"},
    "mix_ticket_title": {"en": "Average ticket", "zh": "件均金额"},
    "loans_hover": {"en": "Loans: %{customdata}", "zh": "放款笔数: %{customdata}"},
    "mix_table": {"en": "Mix (table)", "zh": "结构数据 (表格)"},
    "amount_share": {"en": "Share of amount", "zh": "金额占比"},
    "count_share": {"en": "Share of count", "zh": "笔数占比"},
    "leaderboard": {"en": "Leaderboard", "zh": "排行榜"},
    "leaderboard_level": {"en": "Rank by", "zh": "排名维度"},
    "leaderboard_title": {"en": "Disbursed amount against base target", "zh": "放款金额与基础目标"},
    "leaderboard_title_top": {"en": "Top {n} by disbursed amount", "zh": "放款金额前 {n} 名"},
    "leaderboard_hover": {
        "en": "%{y} (%{customdata[1]})<br>Loans: %{customdata[2]}<br>Average ticket: %{customdata[3]}",
        "zh": "%{y} (%{customdata[1]})<br>放款笔数: %{customdata[2]}<br>件均金额: %{customdata[3]}",
    },
    "leaderboard_click_region": {
        "en": "Click a region's bar to rank its teams.",
        "zh": "点击区域柱形, 查看其团队排名。",
    },
    "leaderboard_click_team": {
        "en": "Click a team's bar to rank its account managers.",
        "zh": "点击团队柱形, 查看其客户经理排名。",
    },
    "leaderboard_click_officer": {
        "en": "Click an account manager's bar to open their leads and loans on the Teams page.",
        "zh": "点击客户经理柱形, 在团队页查看其线索与贷款。",
    },
    "rank": {"en": "Rank", "zh": "排名"},
    "officer_no_target": {
        "en": "Account managers have no targets of their own (targets are set per team and product line).",
        "zh": "客户经理没有单独的目标 (目标按团队和产品线设定)。",
    },
    # "Who moved it" on the Disbursement and Teams pages (ui/moved_view.py)
    "moved": {"en": "Who moved the amount", "zh": "放款金额变化的来源"},
    "moved_level": {"en": "Split the change by", "zh": "变化拆分维度"},
    "amount_change": {"en": "Amount change", "zh": "金额变化"},
    "share_of_change": {"en": "Share of the change", "zh": "占变化比例"},
    "moved_previous_amount": {"en": "Amount, comparison period", "zh": "对比期放款金额"},
    "moved_bridge_title": {
        "en": "From the comparison period to this one, by {level}",
        "zh": "从对比期到本期 (按{level})",
    },
    "moved_bridge_title_top": {
        "en": "From the comparison period to this one: the {n} largest changes by {level}, the rest as others",
        "zh": "从对比期到本期: 按{level}变化最大的 {n} 项, 其余合并为「其他」",
    },
    "moved_comparison_total": {"en": "Comparison<br>{start} – {end}", "zh": "对比期<br>{start} – {end}"},
    "moved_period_total": {"en": "This period<br>{start} – {end}", "zh": "本期<br>{start} – {end}"},
    "moved_others": {"en": "Others ({n})", "zh": "其他 ({n} 项)"},
    "moved_hover": {
        "en": "<b>%{x}</b><br>Change: %{customdata[1]}<br>Share of the change: %{customdata[2]}"
        "<br>%{customdata[3]} → %{customdata[4]}",
        "zh": "<b>%{x}</b><br>变化: %{customdata[1]}<br>占变化比例: %{customdata[2]}"
        "<br>%{customdata[3]} → %{customdata[4]}",
    },
    "moved_others_hover": {
        "en": "<b>%{x}</b><br>Change: %{customdata[1]}<br>Share of the change: %{customdata[2]}",
        "zh": "<b>%{x}</b><br>变化: %{customdata[1]}<br>占变化比例: %{customdata[2]}",
    },
    "moved_total_hover": {
        "en": "<b>%{x}</b><br>Disbursed amount: %{customdata[1]}",
        "zh": "<b>%{x}</b><br>放款金额: %{customdata[1]}",
    },
    "moved_summary": {
        "en": "Disbursed amount {previous} → {amount}: {change}.",
        "zh": "放款金额 {previous} → {amount}: {change}。",
    },
    "moved_largest": {
        "en": "Largest change: {name}, {change}, {share} of the total change.",
        "zh": "变化最大: {name}, {change}, 占总变化的 {share}。",
    },
    "moved_total_unchanged": {
        "en": "The total did not change: the changes below cancel out, so no share of the change is shown (—).",
        "zh": "总额没有变化: 下列变化相互抵消, 因此不显示占变化比例 (—)。",
    },
    "moved_no_comparison": {
        "en": "No comparison is chosen in the filter bar, so only the period's amounts are shown. Choose one to see "
        "who moved the amount.",
        "zh": "筛选栏未选择对比期, 仅显示本期金额。选择对比期即可查看金额变化的来源。",
    },
    "moved_nothing": {
        "en": "Nothing was disbursed in this period or in the comparison period.",
        "zh": "本期和对比期均无放款。",
    },
    "moved_click_region": {
        "en": "Click a region's bar to split its change by team.",
        "zh": "点击区域柱形, 按团队拆分其变化。",
    },
    "moved_click_team": {
        "en": "Click a team's bar to split its change by account manager.",
        "zh": "点击团队柱形, 按客户经理拆分其变化。",
    },
    "moved_click_officer": {
        "en": "Click an account manager's bar to open their leads and loans.",
        "zh": "点击客户经理柱形, 查看其线索与贷款。",
    },
    # Funnel and Disbursement pages: Chinese texts of the metric definitions (the English is the definitions')
    "def_new_leads_name": {"en": "New leads", "zh": "新增线索"},
    "def_new_leads_numerator": {"en": "Leads created in the period", "zh": "期间内新增的线索数"},
    "def_new_leads_rules": {"en": "Counted by the lead's creation date.", "zh": "按线索的新增日期统计。"},
    "def_stage_reached_name": {"en": "Leads reaching a stage", "zh": "到达环节线索数"},
    "def_stage_reached_numerator": {
        "en": "Leads of the cohort that reached the stage within the conversion window",
        "zh": "队列中在转化窗口内到达该环节的线索数",
    },
    "def_stage_reached_rules": {
        "en": "The cohort is the leads created in the period. A lead reaches a stage when it has an event of "
        "that stage or any later stage no later than its creation time plus the conversion window "
        "(default 90 days; an event exactly at the window's end counts). Rejected and lost are outcomes, "
        "not stages. While some leads' windows have not ended by the as-of day the cohort is marked "
        "incomplete and its conversion can still rise. Compared at the same age: while the cohort is "
        "still converting, the comparison period's cohort is evaluated as of the as-of day minus the "
        "days between the two periods' starts (a stage counts only if reached within the window and by "
        "the end of that day; only its leads created by then), so both have had the same time to "
        "convert. A complete cohort is compared with the comparison cohort as it stands; an empty cohort "
        "has nothing to compare.",
        "zh": "队列为期间内新增的线索。线索在新增时间加转化窗口 (默认 90 天; 恰在窗口结束时发生的事件计"
        "入) 之内发生该环节或任一后续环节的事件, 即视为到达该环节。拒绝和流失是结果, 不是环节。只要"
        "仍有线索的窗口在数据截止日前未结束, 该队列即标记为未完成, 其转化率仍可能上升。按相同账龄对比"
        ": 队列仍在转化中时, 对比期队列按 “数据截止日减去两期起始日之差” 当日评估 (环节须在窗口"
        "内且不晚于当日结束前到达才计入; 仅含当日及之前新增的线索), 使两个队列的转化时间相同。已完成"
        "的队列与对比期队列的现状比较; 空队列无可比较。",
    },
    "def_step_conversion_name": {"en": "Step conversion", "zh": "环节转化率"},
    "def_step_conversion_numerator": {
        "en": "Leads of the cohort that reached the stage",
        "zh": "队列中到达该环节的线索数",
    },
    "def_step_conversion_denominator": {
        "en": "Leads of the cohort that reached the stage before it (for contacted: all leads of the cohort)",
        "zh": "队列中到达上一环节的线索数 (触达环节为队列全部线索)",
    },
    "def_step_conversion_rules": {
        "en": "The cohort is the leads created in the period. A lead reaches a stage when it has an event of "
        "that stage or any later stage no later than its creation time plus the conversion window "
        "(default 90 days; an event exactly at the window's end counts). Rejected and lost are outcomes, "
        "not stages. While some leads' windows have not ended by the as-of day the cohort is marked "
        "incomplete and its conversion can still rise. Compared at the same age: while the cohort is "
        "still converting, the comparison period's cohort is evaluated as of the as-of day minus the "
        "days between the two periods' starts (a stage counts only if reached within the window and by "
        "the end of that day; only its leads created by then), so both have had the same time to "
        "convert. A complete cohort is compared with the comparison cohort as it stands; an empty cohort "
        "has nothing to compare. Empty when no lead reached the stage before.",
        "zh": "队列为期间内新增的线索。线索在新增时间加转化窗口 (默认 90 天; 恰在窗口结束时发生的事件计"
        "入) 之内发生该环节或任一后续环节的事件, 即视为到达该环节。拒绝和流失是结果, 不是环节。只要"
        "仍有线索的窗口在数据截止日前未结束, 该队列即标记为未完成, 其转化率仍可能上升。按相同账龄对比"
        ": 队列仍在转化中时, 对比期队列按 “数据截止日减去两期起始日之差” 当日评估 (环节须在窗口"
        "内且不晚于当日结束前到达才计入; 仅含当日及之前新增的线索), 使两个队列的转化时间相同。已完成"
        "的队列与对比期队列的现状比较; 空队列无可比较。上一环节无线索到达时为空。",
    },
    "def_overall_conversion_name": {"en": "Overall conversion", "zh": "累计转化率"},
    "def_overall_conversion_numerator": {
        "en": "Leads of the cohort that reached the stage",
        "zh": "队列中到达该环节的线索数",
    },
    "def_overall_conversion_denominator": {"en": "All leads of the cohort", "zh": "队列全部线索数"},
    "def_overall_conversion_rules": {
        "en": "The cohort is the leads created in the period. A lead reaches a stage when it has an event of "
        "that stage or any later stage no later than its creation time plus the conversion window "
        "(default 90 days; an event exactly at the window's end counts). Rejected and lost are outcomes, "
        "not stages. While some leads' windows have not ended by the as-of day the cohort is marked "
        "incomplete and its conversion can still rise. Compared at the same age: while the cohort is "
        "still converting, the comparison period's cohort is evaluated as of the as-of day minus the "
        "days between the two periods' starts (a stage counts only if reached within the window and by "
        "the end of that day; only its leads created by then), so both have had the same time to "
        "convert. A complete cohort is compared with the comparison cohort as it stands; an empty cohort "
        "has nothing to compare. Empty when the cohort has no leads.",
        "zh": "队列为期间内新增的线索。线索在新增时间加转化窗口 (默认 90 天; 恰在窗口结束时发生的事件计"
        "入) 之内发生该环节或任一后续环节的事件, 即视为到达该环节。拒绝和流失是结果, 不是环节。只要"
        "仍有线索的窗口在数据截止日前未结束, 该队列即标记为未完成, 其转化率仍可能上升。按相同账龄对比"
        ": 队列仍在转化中时, 对比期队列按 “数据截止日减去两期起始日之差” 当日评估 (环节须在窗口"
        "内且不晚于当日结束前到达才计入; 仅含当日及之前新增的线索), 使两个队列的转化时间相同。已完成"
        "的队列与对比期队列的现状比较; 空队列无可比较。队列无线索时为空。",
    },
    "def_lead_to_disbursed_conversion_name": {"en": "Lead → disbursed conversion", "zh": "线索→放款转化率"},
    "def_lead_to_disbursed_conversion_numerator": {
        "en": "Leads of the cohort disbursed within the conversion window",
        "zh": "队列中在转化窗口内放款的线索数",
    },
    "def_lead_to_disbursed_conversion_denominator": {"en": "All leads of the cohort", "zh": "队列全部线索数"},
    "def_lead_to_disbursed_conversion_rules": {
        "en": "The cohort is the leads created in the period. A lead reaches a stage when it has an event of "
        "that stage or any later stage no later than its creation time plus the conversion window "
        "(default 90 days; an event exactly at the window's end counts). Rejected and lost are outcomes, "
        "not stages. While some leads' windows have not ended by the as-of day the cohort is marked "
        "incomplete and its conversion can still rise. Compared at the same age: while the cohort is "
        "still converting, the comparison period's cohort is evaluated as of the as-of day minus the "
        "days between the two periods' starts (a stage counts only if reached within the window and by "
        "the end of that day; only its leads created by then), so both have had the same time to "
        "convert. A complete cohort is compared with the comparison cohort as it stands; an empty cohort "
        "has nothing to compare. Empty when the cohort has no leads.",
        "zh": "队列为期间内新增的线索。线索在新增时间加转化窗口 (默认 90 天; 恰在窗口结束时发生的事件计"
        "入) 之内发生该环节或任一后续环节的事件, 即视为到达该环节。拒绝和流失是结果, 不是环节。只要"
        "仍有线索的窗口在数据截止日前未结束, 该队列即标记为未完成, 其转化率仍可能上升。按相同账龄对比"
        ": 队列仍在转化中时, 对比期队列按 “数据截止日减去两期起始日之差” 当日评估 (环节须在窗口"
        "内且不晚于当日结束前到达才计入; 仅含当日及之前新增的线索), 使两个队列的转化时间相同。已完成"
        "的队列与对比期队列的现状比较; 空队列无可比较。队列无线索时为空。",
    },
    "def_step_loss_name": {"en": "Stage loss", "zh": "环节流失率"},
    "def_step_loss_numerator": {
        "en": "Leads that reached the stage before but not this stage",
        "zh": "到达上一环节但未到达该环节的线索数",
    },
    "def_step_loss_denominator": {
        "en": "Leads of the cohort that reached the stage before",
        "zh": "队列中到达上一环节的线索数",
    },
    "def_step_loss_rules": {
        "en": "Equals 1 − step conversion. A stage is flagged when its loss is above the stage's configured "
        "threshold (default 15%; exactly the threshold is not flagged), or — when a comparison period is "
        "chosen — when its loss is more than the configured share (default 15%) higher than the "
        "comparison period's loss (loss > comparison loss × 1.15; a comparison loss of 0 makes any loss "
        "a worsening). The threshold is evaluated only for a complete cohort: while the cohort is still "
        "converting it is not applicable and a stage is flagged only when it worsened against the "
        "comparison cohort at the same age (evaluated as of the as-of day minus the days between the two "
        "periods' starts).",
        "zh": "等于 1 − 环节转化率。环节流失率高于该环节配置的阈值 (默认 15%; 恰好等于阈值不预警)"
        ", 或在选择对比期时较对比期流失率上升超过配置比例 (默认 15%, 即流失率 > 对比期流失率"
        " × 1.15; 对比期流失率为 0 时任何流失均视为恶化), 该环节即被预警。阈值仅对已完成的"
        "队列判断: 队列仍在转化中时不适用, 仅当环节流失率较同龄对比队列 (按数据截止日减去两期起始日"
        "之差当日评估) 恶化时才预警。",
    },
    "def_window_complete_share_name": {"en": "Cohort window complete", "zh": "窗口已结束占比"},
    "def_window_complete_share_numerator": {
        "en": "Leads of the cohort whose conversion window has ended by the end of the as-of day",
        "zh": "队列中转化窗口在数据截止日结束前已结束的线索数",
    },
    "def_window_complete_share_denominator": {"en": "All leads of the cohort", "zh": "队列全部线索数"},
    "def_window_complete_share_rules": {
        "en": "A lead's window is complete when creation time + window falls on or before the as-of day (the as-of "
        "day counts in full). A cohort is complete when every lead's window is.",
        "zh": "线索的新增时间加转化窗口落在数据截止日当天或之前 (截止日全天计入) 时, 其窗口即已结束。队列中所有线索"
        "的窗口都已结束时, 队列才算完成。",
    },
    "def_time_to_convert_name": {"en": "Time to convert", "zh": "转化时长"},
    "def_time_to_convert_numerator": {
        "en": "Leads of the cohort that were disbursed, by days from creation to first disbursement",
        "zh": "队列中已放款的线索, 按从新增到首次放款的天数分组",
    },
    "def_time_to_convert_denominator": {
        "en": "All disbursed leads of the cohort (for the share)",
        "zh": "队列中全部已放款线索 (用于计算占比)",
    },
    "def_time_to_convert_rules": {
        "en": "Days are fractional (to the second). Buckets include their lower edge and exclude their upper edge; "
        "the last bucket is open-ended. Leads disbursed after the conversion window are included.",
        "zh": "天数精确到秒 (含小数)。各区间含下限、不含上限; 最后一个区间不设上限。包括在转化窗口之后放款的线索。",
    },
    "def_dropped_leads_name": {"en": "Leads dropped at a stage", "zh": "止步于某环节的线索"},
    "def_dropped_leads_numerator": {
        "en": "Leads of the cohort whose furthest stage reached within the window is the stage and that are "
        "out of the running: lost or rejected, or with a complete window",
        "zh": "队列中在窗口内最远到达该环节、且已出局的线索: 已流失或被拒绝, 或窗口已结束",
    },
    "def_dropped_leads_rules": {
        "en": "An open lead still inside its window is still converting, not dropped: it is counted apart "
        '("still converting") and not listed. So dropped plus still converting equals leads reaching the '
        "stage minus leads reaching the next one. The reason is that of the lead's first rejected event, "
        "else its first lost event.",
        "zh": "仍在窗口内的进行中线索仍在转化, 不算流失: 单独计数 (“仍在转化中”), 不列出。因此流失数"
        "加仍在转化数等于到达该环节的线索数减去到达下一环节的线索数。原因取线索首个拒绝事件的原因, 没有"
        "则取首个流失事件的原因。",
    },
    "def_conversion_contribution_name": {
        "en": "Contribution to the change of conversion",
        "zh": "对转化率变化的贡献",
    },
    "def_conversion_contribution_numerator": {
        "en": "A value's (region, team, channel, product line) disbursed leads, in the cohort and in the "
        "comparison cohort",
        "zh": "某一项 (区域、团队、渠道、产品线) 在本期队列和对比队列中的放款线索数",
    },
    "def_conversion_contribution_denominator": {
        "en": "All leads of the cohort, and of the comparison cohort: the contribution is the first share "
        "minus the second",
        "zh": "本期队列和对比队列各自的全部线索数: 贡献为前一比例减去后一比例",
    },
    "def_conversion_contribution_rules": {
        "en": "Lead → disbursed conversion is the lead-weighted average of the values' conversions, Σ (leadsᵢ "
        "/ leads) × conversionᵢ, so contributionᵢ = (leadsᵢ / leads) × conversionᵢ − (leads′ᵢ / leads′) "
        "× conversion′ᵢ, and the contributions add up exactly to the change of the total conversion. "
        "Each splits into a rate effect (the change of the value's own conversion × its average lead "
        "share) and a mix effect (the change of its lead share × its average conversion); a value with "
        "leads in only one of the two cohorts has only a mix effect. Share of the change = contribution "
        "/ total change (empty when the total did not change). Compared at the same age: while the "
        "cohort is still converting, the comparison period's cohort is evaluated as of the as-of day "
        "minus the days between the two periods' starts (a stage counts only if reached within the "
        "window and by the end of that day; only its leads created by then), so both have had the same "
        "time to convert. A complete cohort is compared with the comparison cohort as it stands; an "
        "empty cohort has nothing to compare.",
        "zh": "线索→放款转化率是各项转化率按线索数加权的平均, Σ (线索数ᵢ / 线索数) × 转化率ᵢ, "
        "因此 贡献ᵢ = (线索数ᵢ / 线索数) × 转化率ᵢ − (线索数′ᵢ / 线索数′) × "
        "转化率′ᵢ, 各项贡献之和恰好等于总转化率的变化。每项贡献分为转化率效应 (该项自身转化率的变化"
        " × 其平均线索占比) 和结构效应 (其线索占比的变化 × 其平均转化率); 仅在一个队列中有线"
        "索的项只有结构效应。占总变化比例 = 贡献 / 总变化 (总变化为 0 时为空)。按相同账龄对比"
        ": 队列仍在转化中时, 对比期队列按 “数据截止日减去两期起始日之差” 当日评估 (环节须在窗口"
        "内且不晚于当日结束前到达才计入; 仅含当日及之前新增的线索), 使两个队列的转化时间相同。已完成"
        "的队列与对比期队列的现状比较; 空队列无可比较。",
    },
    "def_applications_name": {"en": "Applications", "zh": "进件数"},
    "def_applications_numerator": {
        "en": "Leads with an application event in the period",
        "zh": "期间内有进件事件的线索数",
    },
    "def_applications_rules": {
        "en": "Counted by the day the event happened, whichever period the lead was created in. A lead counts "
        "once, on the day of its first application event; later-stage events do not add applications.",
        "zh": "按事件发生日统计, 不论线索在哪个期间新增。每条线索只在其首次进件事件当天计一次; 后续环节的事件不增加"
        "进件数。",
    },
    "def_approvals_name": {"en": "Approvals", "zh": "审批通过数"},
    "def_approvals_numerator": {
        "en": "Leads with an approved event in the period",
        "zh": "期间内有审批通过事件的线索数",
    },
    "def_approvals_rules": {
        "en": "Counted by event day; a lead counts once, on the day of its first approved event.",
        "zh": "按事件发生日统计; 每条线索只在其首次审批通过事件当天计一次。",
    },
    "def_rejections_name": {"en": "Rejections", "zh": "拒绝数"},
    "def_rejections_numerator": {"en": "Leads with a rejected event in the period", "zh": "期间内有拒绝事件的线索数"},
    "def_rejections_rules": {
        "en": "Counted by event day; a lead counts once, on the day of its first rejected event.",
        "zh": "按事件发生日统计; 每条线索只在其首次拒绝事件当天计一次。",
    },
    "def_approval_rate_name": {"en": "Approval rate", "zh": "批贷率"},
    "def_approval_rate_numerator": {"en": "Approvals in the period", "zh": "期间内审批通过数"},
    "def_approval_rate_denominator": {
        "en": "Approvals plus rejections in the period",
        "zh": "期间内审批通过数与拒绝数之和",
    },
    "def_approval_rate_rules": {
        "en": "Events counted by the day they happened, as for approvals and rejections. Empty when both are 0.",
        "zh": "事件按发生日统计, 与审批通过数和拒绝数相同。两者均为 0 时为空。",
    },
    "def_disbursed_amount_name": {"en": "Disbursed amount", "zh": "放款金额"},
    "def_disbursed_amount_numerator": {
        "en": "Principal of the loans disbursed in the period",
        "zh": "期间内放款贷款的本金之和",
    },
    "def_disbursed_amount_rules": {
        "en": "By disbursement date; exact to the cent.",
        "zh": "按放款日期统计; 精确到分。",
    },
    "def_disbursed_count_name": {"en": "Disbursed count", "zh": "放款笔数"},
    "def_disbursed_count_numerator": {"en": "Loans disbursed in the period", "zh": "期间内放款的贷款笔数"},
    "def_disbursed_count_rules": {"en": "By disbursement date.", "zh": "按放款日期统计。"},
    "def_average_ticket_name": {"en": "Average ticket", "zh": "件均金额"},
    "def_average_ticket_numerator": {"en": "Disbursed amount", "zh": "放款金额"},
    "def_average_ticket_denominator": {"en": "Disbursed count", "zh": "放款笔数"},
    "def_average_ticket_rules": {"en": "Empty when no loan was disbursed.", "zh": "无放款时为空。"},
    "def_base_target_name": {"en": "Base target", "zh": "基础目标"},
    "def_base_target_numerator": {
        "en": "Monthly base targets prorated to the period's days",
        "zh": "按期间天数折算的月度基础目标",
    },
    "def_base_target_rules": {
        "en": "Targets are monthly per team and product line; the target of a date range is, for each month, the "
        "monthly target × (days of the month inside the range / days in the month), summed. They add up from "
        "teams to regions to the company and from product lines to all lines, following the region, team and "
        "product-line filters. With an officer, channel or customer-type filter there is no target and the "
        "figure is empty. Empty as well when no target is set for the selected teams and lines.",
        "zh": "目标按团队和产品线逐月设定; 日期范围的目标 = 各月月度目标 × (该月落在范围内的天数 / 该月天数) 之和。"
        "目标随区域、团队和产品线筛选, 由团队汇总到区域再到全公司, 由产品线汇总到全部产品线。选择客户经理、渠"
        "道或客户类型筛选时没有目标, 该指标为空。所选团队和产品线未设定目标时同样为空。",
    },
    "def_stretch_target_name": {"en": "Stretch target", "zh": "冲刺目标"},
    "def_stretch_target_numerator": {
        "en": "Monthly stretch targets prorated to the period's days",
        "zh": "按期间天数折算的月度冲刺目标",
    },
    "def_stretch_target_rules": {
        "en": "Targets are monthly per team and product line; the target of a date range is, for each month, the "
        "monthly target × (days of the month inside the range / days in the month), summed. They add up from "
        "teams to regions to the company and from product lines to all lines, following the region, team and "
        "product-line filters. With an officer, channel or customer-type filter there is no target and the "
        "figure is empty.",
        "zh": "目标按团队和产品线逐月设定; 日期范围的目标 = 各月月度目标 × (该月落在范围内的天数 / 该月天数) 之和。"
        "目标随区域、团队和产品线筛选, 由团队汇总到区域再到全公司, 由产品线汇总到全部产品线。选择客户经理、渠"
        "道或客户类型筛选时没有目标, 该指标为空。",
    },
    "def_attainment_name": {"en": "Target attainment", "zh": "目标达成率"},
    "def_attainment_numerator": {"en": "Disbursed amount", "zh": "放款金额"},
    "def_attainment_denominator": {"en": "Base target of the period", "zh": "期间基础目标"},
    "def_attainment_rules": {
        "en": "Targets are monthly per team and product line; the target of a date range is, for each month, the "
        "monthly target × (days of the month inside the range / days in the month), summed. They add up from "
        "teams to regions to the company and from product lines to all lines, following the region, team and "
        "product-line filters. With an officer, channel or customer-type filter there is no target and the "
        "figure is empty. Band: below 80% red, from 80% up to 100% amber, from 100% up to 120% green, 120% "
        "and above bonus tier (bounds configured; a value exactly on a bound takes the higher band). Empty "
        "when the target is 0.",
        "zh": "目标按团队和产品线逐月设定; 日期范围的目标 = 各月月度目标 × (该月落在范围内的天数 / 该月天数) 之和。"
        "目标随区域、团队和产品线筛选, 由团队汇总到区域再到全公司, 由产品线汇总到全部产品线。选择客户经理、渠"
        "道或客户类型筛选时没有目标, 该指标为空。档位: 低于 80% 为红色, 80% 至 100% (不含) 为黄色, 100% 至 "
        "120% (不含) 为绿色, 120% 及以上为奖励档 (界限可配置; 恰好落在界限上的值归入较高档位)。目标为 0 时为"
        "空。",
    },
    "def_stretch_attainment_name": {"en": "Stretch attainment", "zh": "冲刺目标达成率"},
    "def_stretch_attainment_numerator": {"en": "Disbursed amount", "zh": "放款金额"},
    "def_stretch_attainment_denominator": {"en": "Stretch target of the period", "zh": "期间冲刺目标"},
    "def_stretch_attainment_rules": {
        "en": "Targets are monthly per team and product line; the target of a date range is, for each month, the "
        "monthly target × (days of the month inside the range / days in the month), summed. They add up from "
        "teams to regions to the company and from product lines to all lines, following the region, team and "
        "product-line filters. With an officer, channel or customer-type filter there is no target and the "
        "figure is empty. Empty when the stretch target is 0.",
        "zh": "目标按团队和产品线逐月设定; 日期范围的目标 = 各月月度目标 × (该月落在范围内的天数 / 该月天数) 之和。"
        "目标随区域、团队和产品线筛选, 由团队汇总到区域再到全公司, 由产品线汇总到全部产品线。选择客户经理、渠"
        "道或客户类型筛选时没有目标, 该指标为空。冲刺目标为 0 时为空。",
    },
    "def_pacing_name": {"en": "Pacing", "zh": "进度"},
    "def_pacing_numerator": {"en": "Disbursed amount so far", "zh": "截至目前的放款金额"},
    "def_pacing_denominator": {"en": "Base target × elapsed share of the period", "zh": "基础目标 × 期间已过天数占比"},
    "def_pacing_rules": {
        "en": "Only for a period that ends after the as-of day. Elapsed share = days from the period's start "
        "through the as-of day / days of the period. Empty before the period starts, for finished periods "
        "and without a target. Banded like attainment. Targets are monthly per team and product line; the "
        "target of a date range is, for each month, the monthly target × (days of the month inside the range "
        "/ days in the month), summed. They add up from teams to regions to the company and from product "
        "lines to all lines, following the region, team and product-line filters. With an officer, channel "
        "or customer-type filter there is no target and the figure is empty.",
        "zh": "仅适用于在数据截止日之后结束的期间。已过占比 = 期间开始至数据截止日 (含) 的天数 / 期间天数。期间尚未"
        "开始、已经结束或没有目标时为空。档位划分同目标达成率。目标按团队和产品线逐月设定; 日期范围的目标 = "
        "各月月度目标 × (该月落在范围内的天数 / 该月天数) 之和。目标随区域、团队和产品线筛选, 由团队汇总到区"
        "域再到全公司, 由产品线汇总到全部产品线。选择客户经理、渠道或客户类型筛选时没有目标, 该指标为空。",
    },
    "def_repeat_loan_rate_name": {"en": "Repeat-loan rate", "zh": "复贷率"},
    "def_repeat_loan_rate_numerator": {"en": "Repeat loans disbursed in the period", "zh": "期间内发放的复贷笔数"},
    "def_repeat_loan_rate_denominator": {"en": "Loans disbursed in the period", "zh": "期间内放款笔数"},
    "def_repeat_loan_rate_rules": {
        "en": "A loan is a repeat loan when its customer has another loan disbursed on a strictly earlier date "
        "(two loans on the customer's first day are neither of them repeats). Earlier loans outside the "
        "period count. Empty when no loan was disbursed.",
        "zh": "客户在严格更早的日期另有放款的贷款即为复贷 (客户首日的两笔贷款均不算复贷)。期间之外的更早贷款同样计"
        "入。无放款时为空。",
    },
    "def_conversion_cycle_name": {"en": "Conversion cycle", "zh": "转化周期"},
    "def_conversion_cycle_numerator": {
        "en": "Median days from a lead's creation to its first disbursed event",
        "zh": "线索从新增到首次放款事件天数的中位数",
    },
    "def_conversion_cycle_rules": {
        "en": "Over the leads whose first disbursed event falls in the period (whenever they were created, in or "
        "out of the conversion window); days are fractional; with an even number of leads, the mean of the "
        "two middle values. Filters apply to the lead's officer, channel, product and customer. Empty when "
        "no lead was disbursed.",
        "zh": "统计首次放款事件落在期间内的线索 (不论其何时新增、是否在转化窗口内); 天数含小数; 线索数为偶数时取中"
        "间两个值的平均。筛选条件作用于线索的客户经理、渠道、产品和客户。无线索放款时为空。",
    },
    "def_amount_share_name": {"en": "Share of amount", "zh": "金额占比"},
    "def_amount_share_numerator": {
        "en": "Disbursed amount of the product line, channel, segment, customer type, region, team or officer",
        "zh": "该产品线、渠道、客群、客户类型、区域、团队或客户经理的放款金额",
    },
    "def_amount_share_denominator": {
        "en": "Disbursed amount of all of them under the same filters",
        "zh": "相同筛选条件下全部的放款金额",
    },
    "def_amount_share_rules": {"en": "Empty when nothing was disbursed.", "zh": "无放款时为空。"},
    "def_amount_change_name": {"en": "Amount change", "zh": "金额变化"},
    "def_amount_change_numerator": {
        "en": "Disbursed amount of the region, team, account manager, product line or channel in the period − its "
        "disbursed amount in the comparison period",
        "zh": "该区域、团队、客户经理、产品线或渠道本期的放款金额 − 其对比期的放款金额",
    },
    "def_amount_change_rules": {
        "en": "For every member that disbursed in either period (one that disbursed only in the comparison period "
        "changes by minus what it disbursed then), exact to the cent, so the members' changes add up exactly to the "
        "change of the total under the same filters. Ranked by the size of the change, either way. The comparison "
        "is the filter bar's (previous period or the same dates last year); with no comparison only the amounts "
        "are shown. The bridge (waterfall) goes from the comparison total to the period's total: the largest "
        "changes, then the rest summed as one 'others' step.",
        "zh": "覆盖任一期间有放款的成员 (仅在对比期有放款的成员, 变化为负的对比期金额), 精确到分, 各成员的变化之和"
        "恰好等于相同筛选条件下总额的变化。按变化的绝对值排序, 不论增减。对比期为筛选栏所选 (上一期或去年同期); "
        "不对比时只显示金额。桥图 (瀑布图) 从对比期总额走到本期总额: 先列变化最大的成员, 其余合并为一项「其他」。",
    },
    "def_share_of_change_name": {"en": "Share of the change", "zh": "占变化比例"},
    "def_share_of_change_numerator": {
        "en": "Amount change of the region, team, account manager, product line or channel",
        "zh": "该区域、团队、客户经理、产品线或渠道的金额变化",
    },
    "def_share_of_change_denominator": {
        "en": "Change of the total disbursed amount under the same filters",
        "zh": "相同筛选条件下放款总额的变化",
    },
    "def_share_of_change_rules": {
        "en": "Signed: with the total down, a member that fell has a positive share and one that grew a negative one, "
        "so shares can exceed 100% and always add up to 100%. Empty (—) when the total did not change: the members' "
        "changes then cancel out and the change column shows them. Empty without a comparison.",
        "zh": "带符号: 总额下降时, 下降的成员占比为正, 增长的成员占比为负, 因此单项可超过 100%, 合计恒为 100%。"
        "总额没有变化时为空 (—): 此时各成员的变化相互抵消, 见变化一列。不对比时为空。",
    },
    # Credit quality and Customers pages
    "credit_title": {"en": "Credit quality", "zh": "资产质量"},
    "credit_basis": {"en": "Figures", "zh": "口径"},
    "credit_basis_balance": {"en": "By balance", "zh": "按余额"},
    "credit_basis_count": {"en": "By loan count", "zh": "按笔数"},
    "credit_snapshot_as_of": {"en": "the as-of date", "zh": "数据截止日"},
    "credit_snapshot_month_end": {"en": "a month-end", "zh": "月末"},
    "credit_snapshot_biweekly_end": {"en": "the end of a biweekly period", "zh": "双周期末"},
    "credit_snapshot_caption": {
        "en": "Balances and ratios at **{date}** ({kind}), the latest snapshot in the period: credit figures are "
        "snapshots, taken at every month-end, at the end of every biweekly period (a Sunday) and at the as-of date.",
        "zh": "余额与比率为 **{date}** ({kind}) 的时点数据, 即期间内最近的快照: 资产质量指标在每个月末、每个双周期末 "
        "(周日) 及数据截止日取快照。",
    },
    "credit_no_comparison": {"en": "No comparison period.", "zh": "未选择对比期间。"},
    "credit_comparison_before_data": {
        "en": "The comparison period ends before the first snapshot, so there is no change to show.",
        "zh": "对比期间在首个快照日之前结束, 因此没有变化可显示。",
    },
    "credit_same_snapshot": {
        "en": "The comparison period's last snapshot is also {date}, so there is no change to show; compare biweekly "
        "or longer periods to see one.",
        "zh": "对比期间的最近快照同为 {date}, 因此没有变化可显示; 按双周或更长的期间对比可查看变化。",
    },
    "credit_compared_with": {
        "en": "Changes against {date}, the comparison period's last snapshot.",
        "zh": "变化对比 {date} (对比期间的最近快照)。",
    },
    "credit_active_loans": {"en": "Active loans", "zh": "在贷笔数"},
    "credit_by_count_suffix": {"en": " (by count)", "zh": " (按笔数)"},
    "credit_loans_suffix": {"en": " (loans)", "zh": " (笔数)"},
    "credit_writeoffs_in_period": {"en": "Write-offs in the period", "zh": "本期核销"},
    "credit_writeoff_loans": {"en": "Loans written off", "zh": "核销笔数"},
    "credit_trend_heading": {"en": "Delinquency over time", "zh": "逾期趋势"},
    "credit_ratio_trend_title": {
        "en": "Overdue rate, PAR30, PAR90 and NPL ratio at each snapshot",
        "zh": "各快照日的逾期率、PAR30、PAR90 与不良率",
    },
    "credit_axis_snapshot": {"en": "Snapshot date", "zh": "快照日"},
    "credit_trend_points": {
        "en": "Large markers: month-ends and the as-of date; small markers: ends of biweekly periods (Sundays), which "
        "show how credit moved within the month.",
        "zh": "大圆点: 月末及数据截止日; 小圆点: 双周期末 (周日), 显示月内资产质量的变化。",
    },
    "credit_axis_share_balance": {"en": "% of outstanding balance", "zh": "占贷款余额 %"},
    "credit_axis_share_loans": {"en": "% of active loans", "zh": "占在贷笔数 %"},
    "credit_npl_equals_par90": {
        "en": "The NPL ratio (dashed) equals PAR90 here: with the configured five-tier minimums, substandard "
        "starts at 91 days past due.",
        "zh": "此处不良率 (虚线) 与 PAR90 相同: 按当前的五级分类配置, 次级从逾期 91 天起算。",
    },
    "credit_balance_title": {"en": "Outstanding balance and write-offs per month", "zh": "贷款余额与每月核销"},
    "credit_mix_heading": {"en": "Delinquency mix", "zh": "逾期结构"},
    "credit_bucket_mix_title": {
        "en": "Past due by DPD bucket (the stack is the overdue rate)",
        "zh": "逾期档位结构 (堆叠合计即逾期率)",
    },
    "credit_five_tier_title": {"en": "Five-tier classes other than normal", "zh": "五级分类: 关注、次级、可疑、损失"},
    "credit_at_snapshot_table": {"en": "Every class at {date}, with shares", "zh": "{date} 各档位明细及占比"},
    "credit_dpd_bucket": {"en": "DPD bucket", "zh": "逾期档位"},
    "credit_five_tier_class": {"en": "Five-tier class", "zh": "五级分类"},
    "credit_share_of_balance": {"en": "Share of balance", "zh": "余额占比"},
    "credit_share_of_loans": {"en": "Share of loans", "zh": "笔数占比"},
    "credit_vintage_heading": {"en": "Vintage analysis", "zh": "账龄分析 (Vintage)"},
    "credit_vintage_threshold": {"en": "Days past due", "zh": "逾期天数"},
    "credit_vintage_month": {"en": "Vintage (disbursement month)", "zh": "放款月 (Vintage)"},
    "credit_vintage_short": {"en": "Vintage", "zh": "放款月"},
    "credit_dpd_over": {"en": "{days}+ days", "zh": "{days}+ 天"},
    "credit_vintage_triangle_title": {
        "en": "Vintage triangle: balance over {threshold} days past due, % of original principal",
        "zh": "Vintage 三角: 逾期 {threshold} 天以上余额占放款本金 %",
    },
    "credit_vintage_hover": {
        "en": "Vintage %{y}, MOB %{x}: %{z:.2%}<br>Original principal %{customdata}",
        "zh": "放款月 %{y}, 账龄 %{x}: %{z:.2%}<br>放款本金 %{customdata}",
    },
    "credit_vintage_caption": {
        "en": "Each cell: the vintage's balance past the chosen days overdue at that month on book, as a % of all "
        "it disbursed, measured at the month-end (the as-of date in the as-of month), never at a biweekly end. "
        "Read down a column to compare vintages at the same age.",
        "zh": "每格: 该放款月批次在对应账龄时逾期超过所选天数的余额, 占该批次放款本金的百分比, "
        "按月末 (当月为数据截止日) 计量, 不使用双周期末。同一列自上而下可比较相同账龄下的各批次。",
    },
    "credit_vintage_curves_title": {
        "en": "Vintage curves ({threshold}+ days past due), one line per vintage, darker is more recent",
        "zh": "Vintage 曲线 (逾期 {threshold}+ 天), 每条线为一个放款月, 颜色越深越新",
    },
    "credit_axis_share_original": {"en": "% of original principal", "zh": "占放款本金 %"},
    "credit_original_principal": {"en": "Original principal", "zh": "放款本金"},
    "credit_roll_heading": {"en": "Roll rates", "zh": "迁徙率 (滚动率)"},
    "credit_roll_matrix_title": {
        "en": "Roll-rate matrix: bucket at t → state at t+1 (% of balance)",
        "zh": "迁徙矩阵: t 时档位 → t+1 时状态 (占余额 %)",
    },
    "credit_axis_state_next": {"en": "State at the next month-end (t+1)", "zh": "下一月末 (t+1) 的状态"},
    "credit_axis_bucket_now": {"en": "Bucket at t", "zh": "t 时档位"},
    "credit_roll_hover": {"en": "%{y} → %{x}: %{z:.1%}", "zh": "%{y} → %{x}: %{z:.1%}"},
    "credit_roll_pairs": {
        "en": "Pooled over the month-end pairs {pairs}; each row sums to 100%. Roll rates compare consecutive "
        "month-ends (and the as-of date), never biweekly ends.",
        "zh": "汇总月末快照对 {pairs}; 每行合计 100%。迁徙率比较相邻月末 (及数据截止日), 不使用双周期末。",
    },
    "credit_roll_part_month": {
        "en": "The pair ending at the as-of date covers part of a month.",
        "zh": "截至数据截止日的快照对不足一个月。",
    },
    "credit_roll_trend_title": {"en": "Roll rates over time", "zh": "迁徙率趋势"},
    "credit_axis_pair_end": {"en": "Later month-end of the pair (t+1)", "zh": "月末对的后一日 (t+1)"},
    "credit_state_closed": {"en": "Closed", "zh": "结清"},
    "credit_state_written_off": {"en": "Written off", "zh": "核销"},
    "credit_balance_at_t": {"en": "Balance at t", "zh": "t 时余额"},
    "credit_ew_caption": {
        "en": "Every region, team, account manager, product line and channel at {date}: flagged when its overdue "
        "rate (M1+, by balance) is above the mean plus 2 standard deviations of its own previous 6 "
        "month-ends and its balance is above the minimum. Listed by the overdue balance above the threshold "
        "(balance × (rate − threshold)), largest first: money at risk, not percentage points.",
        "zh": "{date} 各区域、团队、客户经理、产品线和渠道: 当其逾期率 (M1+, 按余额) 高于自身前 6 个月末均值加 2 "
        "个标准差, 且贷款余额高于下限时触发预警。按超出阈值的逾期余额 (余额 × (逾期率 − 阈值)) 从大到小排列: "
        "看风险金额, 而非百分点。",
    },
    "credit_ew_flagged_only": {"en": "Flagged only", "zh": "仅显示预警项"},
    "credit_ew_none": {
        "en": "No region, team, account manager, product line or channel is above its threshold.",
        "zh": "没有区域、团队、客户经理、产品线或渠道超过预警阈值。",
    },
    "credit_ew_count": {
        "en": "**{n}** flagged out of {total} checked.",
        "zh": "共检查 {total} 项, **{n}** 项触发预警。",
    },
    "credit_ew_dimension": {"en": "Level", "zh": "维度"},
    "credit_ew_value": {"en": "Name", "zh": "名称"},
    "credit_ew_threshold": {"en": "Threshold (mean + 2σ)", "zh": "阈值 (均值 + 2σ)"},
    "credit_ew_mean": {"en": "Mean of previous month-ends", "zh": "前期月末均值"},
    "credit_ew_overdue_balance": {"en": "Overdue balance (M1+)", "zh": "逾期余额 (M1+)"},
    "credit_ew_above_threshold": {"en": "Overdue balance above threshold", "zh": "超阈值逾期余额"},
    "credit_ew_points": {"en": "Month-ends in history", "zh": "历史月末数"},
    "credit_ew_flagged": {"en": "Flagged", "zh": "预警"},
    "customers_title": {"en": "Customers", "zh": "客户"},
    "customers_as_of_caption": {
        "en": "Customers as of **{as_of}**: RFM is a snapshot at a month-end (or the as-of date), here the latest one "
        "on or before the period's last day ({end}).",
        "zh": "客户数据截至 **{as_of}**: RFM 为月末 (或数据截止日) 的时点快照, "
        "取期间最后一天 ({end}) 及之前最近的一个。",
    },
    "customers_no_comparison": {"en": "No comparison.", "zh": "不对比。"},
    "customers_comparison_before_data": {
        "en": "The comparison period ends before the first RFM snapshot ({first}), so there is no change to show.",
        "zh": "对比期间在首个 RFM 快照 ({first}) 之前结束, 因此没有变化可显示。",
    },
    "customers_compared_with": {"en": "Changes against {date}.", "zh": "变化对比 {date}。"},
    "customers_compared_previous": {
        "en": "Changes against {date}, the month-end before (the comparison period picks the same snapshot).",
        "zh": "变化对比上一月末 {date} (对比期间对应的快照与本期相同)。",
    },
    "customers_scored": {"en": "Scored customers", "zh": "评分客户数"},
    "customers_monetary": {"en": "Monetary (lookback window)", "zh": "放款额 (回溯窗口)"},
    "customers_risk_share": {"en": "Share in risk segments", "zh": "风险客群占比"},
    "customers_strategic_at_risk": {"en": "Strategic customers at risk", "zh": "流失风险战略客户"},
    "customers_segments_heading": {"en": "RFM segments", "zh": "RFM 客群"},
    "customers_measure": {"en": "Show", "zh": "显示"},
    "customers_measure_customers": {"en": "Customers", "zh": "客户数"},
    "customers_measure_monetary": {"en": "Monetary", "zh": "放款额"},
    "customers_grid_title": {"en": "RFM segment grid: {measure}", "zh": "RFM 客群矩阵: {measure}"},
    "customers_axis_fm": {"en": "Frequency & monetary score (FM)", "zh": "频次与金额评分 (FM)"},
    "customers_axis_r": {"en": "Recency score (R)", "zh": "近度评分 (R)"},
    "customers_summary_heading": {
        "en": "**Segment summary**, change against {date}",
        "zh": "**客群汇总**, 变化对比 {date}",
    },
    "customers_customer_share": {"en": "% of customers", "zh": "客户占比 %"},
    "customers_monetary_share": {"en": "% of monetary", "zh": "放款额占比 %"},
    "customers_change_customers": {"en": "Change", "zh": "客户数变化"},
    "customers_change_monetary": {"en": "Change (¥)", "zh": "放款额变化"},
    "customers_tier_grade_heading": {"en": "Tier × credit grade", "zh": "客户分层 × 信用等级"},
    "customers_tier_grade_title": {
        "en": "Customer tier by credit grade: {measure}",
        "zh": "客户分层 × 信用等级: {measure}",
    },
    "customers_axis_grade": {"en": "Credit grade", "zh": "信用等级"},
    "customers_axis_tier": {"en": "Customer tier", "zh": "客户分层"},
    "customers_unrated": {"en": "Unrated", "zh": "未评级"},
    "customers_not_scored": {"en": "Not scored", "zh": "未评分"},
    "customers_migration_heading": {"en": "Segment migration", "zh": "客群迁移"},
    "customers_migration_from": {"en": "From", "zh": "起始日期"},
    "customers_migration_to": {"en": "To", "zh": "结束日期"},
    "customers_build_as_of": {"en": "as-of date", "zh": "数据截止日"},
    "customers_month_end": {"en": "month-end", "zh": "月末"},
    "customers_migration_same": {
        "en": "Pick two different dates to see customers move between segments.",
        "zh": "请选择两个不同的日期以查看客群迁移。",
    },
    "customers_migration_title": {
        "en": "Segment migration {source} → {target} (customers; colour = share of the row)",
        "zh": "客群迁移 {source} → {target} (客户数; 颜色 = 占该行比例)",
    },
    "customers_segment_at": {"en": "Segment at {date}", "zh": "{date} 客群"},
    "customers_migration_hover": {
        "en": "{source} → {target}: {n} customers ({share} of {source})",
        "zh": "{source} → {target}: {n} 位客户 (占{source}的 {share})",
    },
    "customers_share_of_row": {"en": "Share of the row", "zh": "占该行比例"},
    "customers_segment_from": {"en": "Segment before", "zh": "原客群"},
    "customers_segment_to": {"en": "Segment after", "zh": "现客群"},
    "customers_lists_heading": {"en": "Customers to act on", "zh": "待跟进客户"},
    "customers_list_strategic_at_risk": {"en": "Strategic customers at risk ({n})", "zh": "流失风险战略客户 ({n})"},
    "customers_list_repeat_loan_candidates": {"en": "Repeat-loan candidates ({n})", "zh": "复贷潜力客户 ({n})"},
    "customers_list_moved_into_risk": {"en": "Moved into risk segments ({n})", "zh": "新进入风险客群 ({n})"},
    "customers_list_strategic_about": {
        "en": "Strategic customers (a single loan of ¥5M or more) who at {date} are in a slipping segment: at "
        "risk, can't lose or hibernating. Call them before they borrow elsewhere; the largest monetary comes "
        "first.",
        "zh": "截至 {date} 处于流失风险、重要挽留或沉睡客群的战略客户 (单笔放款 500 万元及以上)。"
        "请在其转向他行之前主动联系; 按放款额从大到小排列。",
    },
    "customers_list_repeat_about": {
        "en": "Good customers due another loan at {date}: champions, loyal, potential, promising or need-attention "
        "segments, credit grade {grade} or better, no new loan for {days} days or more, nothing past due and "
        "nothing ever written off. The best FM score comes first.",
        "zh": "截至 {date} 适合再次放款的优质客户: 属于重要价值、忠诚、潜力、有前景或需关注客群, 信用等级 {grade} "
        "及以上, 已有 {days} 天及以上没有新放款, 当前无逾期且从未被核销。按 FM 评分从高到低排列。",
    },
    "customers_list_moved_about": {
        "en": "Customers who at {date} are in a risk segment (at risk, can't lose, hibernating) but were not at "
        "{since}: they were in another segment or not yet scored. The largest monetary comes first.",
        "zh": "截至 {date} 处于风险客群 (流失风险、重要挽留、沉睡), 而在 {since} 时不在其中 "
        "(属于其他客群或尚未评分) 的客户。按放款额从大到小排列。",
    },
    "customers_list_capped": {
        "en": "The first {n} are shown; the downloads hold the same {n}.",
        "zh": "仅显示前 {n} 位; 下载内容与显示一致。",
    },
    "customers_list_empty": {
        "en": "No customer is on this list for these filters.",
        "zh": "在当前筛选条件下没有符合的客户。",
    },
    "customers_customer": {"en": "Customer", "zh": "客户"},
    "customers_industry": {"en": "Industry", "zh": "行业"},
    "customers_credit_score": {"en": "Credit score", "zh": "信用评分"},
    "customers_recency_days": {"en": "Days since last loan", "zh": "距上次放款天数"},
    "customers_frequency": {"en": "Loans in window", "zh": "窗口期放款笔数"},
    "customers_max_principal": {"en": "Largest loan", "zh": "单笔最大放款"},
    "customers_latest_loan": {"en": "Latest loan", "zh": "最近放款日"},
    "customers_active_loans": {"en": "Active loans", "zh": "在贷笔数"},
    "customers_past_due_loans": {"en": "Loans past due", "zh": "逾期笔数"},
    "customers_max_dpd": {"en": "Max days past due", "zh": "最大逾期天数"},
    # Credit quality and Customers pages: metric definitions in Chinese (English as in pipelines/queries)
    "def_outstanding_balance_name": {"en": "Outstanding balance", "zh": "贷款余额"},
    "def_outstanding_balance_numerator": {
        "en": "Principal still owed on active loans: principal minus the principal of installments settled by the "
        "snapshot date",
        "zh": "在贷贷款仍未偿还的本金: 放款本金减去截至快照日已结清期次的应还本金",
    },
    "def_outstanding_balance_rules": {
        "en": "Measured at a snapshot date; closed and written-off loans count 0. An installment is settled when "
        "everything due up to and including it (principal and interest, in due-date order) has been paid, "
        "within 0.01.",
        "zh": "按快照日计量; 已结清和已核销的贷款计为 0。某一期次视为已结清, 指截至该期 (含) "
        "按到期日顺序累计应还的本金和利息均已还清 (容差 0.01)。",
    },
    "def_active_loans_name": {"en": "Active loans", "zh": "在贷笔数"},
    "def_active_loans_numerator": {
        "en": "Loans neither closed (every installment settled) nor written off at the snapshot date",
        "zh": "快照日既未结清 (全部期次已结清) 也未核销的贷款笔数",
    },
    "def_active_loans_rules": {"en": "Measured at a snapshot date.", "zh": "按快照日计量。"},
    "def_overdue_rate_name": {"en": "Overdue rate (M1+)", "zh": "逾期率 (M1+)"},
    "def_overdue_rate_numerator": {
        "en": "Outstanding balance of active loans 1 or more days past due",
        "zh": "逾期 1 天及以上的在贷贷款余额",
    },
    "def_overdue_rate_denominator": {"en": "Outstanding balance of active loans", "zh": "在贷贷款余额"},
    "def_overdue_rate_rules": {
        "en": "Days past due count from the earliest unsettled installment whose due date is before the "
        "snapshot date; on the due date itself a loan is not yet past due. Measured at a snapshot date "
        "(a month-end, the end of a biweekly period, or the as-of date); a period shows its latest "
        "snapshot on or before its last day, so a biweekly period and the one before it read different "
        "snapshots. Active loans only (closed and written-off loans have no balance). Undefined (blank) "
        "when nothing is outstanding.",
        "zh": "逾期天数从到期日早于快照日的最早一期未结清期次起算; 到期日当天尚不算逾期。按快照日 "
        "(月末、双周期末或数据截止日) 计量; 期间取其最后一天及之前最近的快照, "
        "因此相邻两个双周期间读取不同的快照。仅统计在贷贷款 "
        "(已结清和已核销的贷款没有余额)。无在贷余额时不适用 (留空)。",
    },
    "def_par30_name": {"en": "PAR30", "zh": "PAR30"},
    "def_par30_numerator": {
        "en": "Outstanding balance of active loans more than 30 days past due",
        "zh": "逾期超过 30 天的在贷贷款余额",
    },
    "def_par30_denominator": {"en": "Outstanding balance of active loans", "zh": "在贷贷款余额"},
    "def_par30_rules": {
        "en": "Measured at a snapshot date (a month-end, the end of a biweekly period, or the as-of date); a "
        "period shows its latest snapshot on or before its last day, so a biweekly period and the one "
        "before it read different snapshots. Active loans only (closed and written-off loans have no "
        "balance). Undefined (blank) when nothing is outstanding.",
        "zh": "按快照日 (月末、双周期末或数据截止日) 计量; 期间取其最后一天及之前最近的快照, "
        "因此相邻两个双周期间读取不同的快照。仅统计在贷贷款 "
        "(已结清和已核销的贷款没有余额)。无在贷余额时不适用 (留空)。",
    },
    "def_par90_name": {"en": "PAR90", "zh": "PAR90"},
    "def_par90_numerator": {
        "en": "Outstanding balance of active loans more than 90 days past due",
        "zh": "逾期超过 90 天的在贷贷款余额",
    },
    "def_par90_denominator": {"en": "Outstanding balance of active loans", "zh": "在贷贷款余额"},
    "def_par90_rules": {
        "en": "Measured at a snapshot date (a month-end, the end of a biweekly period, or the as-of date); a "
        "period shows its latest snapshot on or before its last day, so a biweekly period and the one "
        "before it read different snapshots. Active loans only (closed and written-off loans have no "
        "balance). Undefined (blank) when nothing is outstanding.",
        "zh": "按快照日 (月末、双周期末或数据截止日) 计量; 期间取其最后一天及之前最近的快照, "
        "因此相邻两个双周期间读取不同的快照。仅统计在贷贷款 "
        "(已结清和已核销的贷款没有余额)。无在贷余额时不适用 (留空)。",
    },
    "def_npl_ratio_name": {"en": "NPL ratio", "zh": "不良率"},
    "def_npl_ratio_numerator": {
        "en": "Outstanding balance of active loans classed substandard, doubtful or loss (by days past due, with "
        "the configured five-tier minimums: 91, 271 and 361 days by default)",
        "zh": "五级分类为次级、可疑或损失的在贷贷款余额 (按逾期天数及配置的五级分类下限: 默认 91、271、361 天)",
    },
    "def_npl_ratio_denominator": {"en": "Outstanding balance of active loans", "zh": "在贷贷款余额"},
    "def_npl_ratio_rules": {
        "en": "Measured at a snapshot date (a month-end, the end of a biweekly period, or the as-of date); a "
        "period shows its latest snapshot on or before its last day, so a biweekly period and the one "
        "before it read different snapshots. Active loans only (closed and written-off loans have no "
        "balance). Undefined (blank) when nothing is outstanding.",
        "zh": "按快照日 (月末、双周期末或数据截止日) 计量; 期间取其最后一天及之前最近的快照, "
        "因此相邻两个双周期间读取不同的快照。仅统计在贷贷款 "
        "(已结清和已核销的贷款没有余额)。无在贷余额时不适用 (留空)。",
    },
    "def_overdue_rate_by_count_name": {"en": "Overdue rate (M1+), by count", "zh": "逾期率 (M1+, 按笔数)"},
    "def_overdue_rate_by_count_numerator": {
        "en": "Number of active loans 1 or more days past due",
        "zh": "逾期 1 天及以上的在贷贷款笔数",
    },
    "def_overdue_rate_by_count_denominator": {"en": "Number of active loans", "zh": "在贷贷款笔数"},
    "def_overdue_rate_by_count_rules": {
        "en": "Measured at a snapshot date (a month-end, the end of a biweekly period, or the as-of date); a "
        "period shows its latest snapshot on or before its last day, so a biweekly period and the one "
        "before it read different snapshots. Active loans only (closed and written-off loans have no "
        "balance). Undefined (blank) when nothing is outstanding.",
        "zh": "按快照日 (月末、双周期末或数据截止日) 计量; 期间取其最后一天及之前最近的快照, "
        "因此相邻两个双周期间读取不同的快照。仅统计在贷贷款 "
        "(已结清和已核销的贷款没有余额)。无在贷余额时不适用 (留空)。",
    },
    "def_par30_by_count_name": {"en": "PAR30, by count", "zh": "PAR30 (按笔数)"},
    "def_par30_by_count_numerator": {
        "en": "Number of active loans more than 30 days past due",
        "zh": "逾期超过 30 天的在贷贷款笔数",
    },
    "def_par30_by_count_denominator": {"en": "Number of active loans", "zh": "在贷贷款笔数"},
    "def_par30_by_count_rules": {
        "en": "Measured at a snapshot date (a month-end, the end of a biweekly period, or the as-of date); a "
        "period shows its latest snapshot on or before its last day, so a biweekly period and the one "
        "before it read different snapshots. Active loans only (closed and written-off loans have no "
        "balance). Undefined (blank) when nothing is outstanding.",
        "zh": "按快照日 (月末、双周期末或数据截止日) 计量; 期间取其最后一天及之前最近的快照, "
        "因此相邻两个双周期间读取不同的快照。仅统计在贷贷款 "
        "(已结清和已核销的贷款没有余额)。无在贷余额时不适用 (留空)。",
    },
    "def_par90_by_count_name": {"en": "PAR90, by count", "zh": "PAR90 (按笔数)"},
    "def_par90_by_count_numerator": {
        "en": "Number of active loans more than 90 days past due",
        "zh": "逾期超过 90 天的在贷贷款笔数",
    },
    "def_par90_by_count_denominator": {"en": "Number of active loans", "zh": "在贷贷款笔数"},
    "def_par90_by_count_rules": {
        "en": "Measured at a snapshot date (a month-end, the end of a biweekly period, or the as-of date); a "
        "period shows its latest snapshot on or before its last day, so a biweekly period and the one "
        "before it read different snapshots. Active loans only (closed and written-off loans have no "
        "balance). Undefined (blank) when nothing is outstanding.",
        "zh": "按快照日 (月末、双周期末或数据截止日) 计量; 期间取其最后一天及之前最近的快照, "
        "因此相邻两个双周期间读取不同的快照。仅统计在贷贷款 "
        "(已结清和已核销的贷款没有余额)。无在贷余额时不适用 (留空)。",
    },
    "def_npl_ratio_by_count_name": {"en": "NPL ratio, by count", "zh": "不良率 (按笔数)"},
    "def_npl_ratio_by_count_numerator": {
        "en": "Number of active loans classed substandard, doubtful or loss",
        "zh": "五级分类为次级、可疑或损失的在贷贷款笔数",
    },
    "def_npl_ratio_by_count_denominator": {"en": "Number of active loans", "zh": "在贷贷款笔数"},
    "def_npl_ratio_by_count_rules": {
        "en": "Measured at a snapshot date (a month-end, the end of a biweekly period, or the as-of date); a "
        "period shows its latest snapshot on or before its last day, so a biweekly period and the one "
        "before it read different snapshots. Active loans only (closed and written-off loans have no "
        "balance). Undefined (blank) when nothing is outstanding.",
        "zh": "按快照日 (月末、双周期末或数据截止日) 计量; 期间取其最后一天及之前最近的快照, "
        "因此相邻两个双周期间读取不同的快照。仅统计在贷贷款 "
        "(已结清和已核销的贷款没有余额)。无在贷余额时不适用 (留空)。",
    },
    "def_dpd_bucket_mix_name": {"en": "DPD bucket mix", "zh": "逾期档位结构"},
    "def_dpd_bucket_mix_numerator": {
        "en": "Outstanding balance (or number) of active loans in each days-past-due bucket: M0 = 0, M1 = 1–30, M2 "
        "= 31–60, M3 = 61–90, M4 = 91–120, M5 = 121–150, M6 = 151–180, M7+ = over 180 (configurable)",
        "zh": "各逾期档位在贷贷款的余额 (或笔数): M0 = 0 天, M1 = 1–30 天, M2 = 31–60 天, M3 = 61–90 天, M4 = "
        "91–120 天, M5 = 121–150 天, M6 = 151–180 天, M7+ = 180 天以上 (可配置)",
    },
    "def_dpd_bucket_mix_denominator": {
        "en": "Outstanding balance (or number) of all active loans",
        "zh": "全部在贷贷款的余额 (或笔数)",
    },
    "def_dpd_bucket_mix_rules": {
        "en": "Measured at a snapshot date (a month-end, a biweekly period end or the as-of date). M4+ groups "
        "M4 to M7+ where space is short.",
        "zh": "按快照日 (月末、双周期末或数据截止日) 计量。空间有限时 M4 至 M7+ 合并显示为 M4+。",
    },
    "def_five_tier_mix_name": {"en": "Five-tier classification mix", "zh": "五级分类结构"},
    "def_five_tier_mix_numerator": {
        "en": "Outstanding balance (or number) of active loans in each class by days past due: normal (正常) 0, "
        "special mention (关注) 1–90, substandard (次级) 91–270, doubtful (可疑) 271–360, loss (损失) over "
        "360 (configurable minimums)",
        "zh": "按逾期天数划分的各类在贷贷款余额 (或笔数): 正常 0 天, 关注 1–90 天, 次级 91–270 天, 可疑 271–360 "
        "天, 损失 360 天以上 (下限可配置)",
    },
    "def_five_tier_mix_denominator": {
        "en": "Outstanding balance (or number) of all active loans",
        "zh": "全部在贷贷款的余额 (或笔数)",
    },
    "def_five_tier_mix_rules": {"en": "Measured at a snapshot date.", "zh": "按快照日计量。"},
    "def_vintage_ratio_name": {"en": "Vintage curve (30+/60+/90+)", "zh": "Vintage 曲线 (30+/60+/90+)"},
    "def_vintage_ratio_numerator": {
        "en": "Outstanding balance, at months-on-book n, of the vintage's active loans more than 30 (or 60, or 90) "
        "days past due",
        "zh": "放款月批次在账龄 n 时逾期超过 30 (或 60、90) 天的在贷余额",
    },
    "def_vintage_ratio_denominator": {
        "en": "Original principal of every loan disbursed in the vintage month, including loans already closed or "
        "written off",
        "zh": "该放款月全部贷款的放款本金, 包括已结清或已核销的贷款",
    },
    "def_vintage_ratio_rules": {
        "en": "Vintage = disbursement month; months on book = calendar months from the vintage month to the "
        "snapshot date's month (a December loan is at MOB 1 at the end of January). Measured on the "
        "month-end series only: each cell at its month-end, the as-of month's at the as-of date, never "
        "at a biweekly period end, so the curves read as in a monthly book. The triangle shows the "
        "cells up to the period's snapshot.",
        "zh": "批次 (Vintage) = 放款月份; 账龄 (MOB) = 从放款月到快照日所在月的自然月数 "
        "(12 月放款的贷款在 1 月末账龄为 1)。仅使用月末序列计量: 各单元格取其月末, "
        "数据截止月取数据截止日, 从不使用双周期末, "
        "因此曲线与按月统计的口径一致。三角图显示截至期间快照的单元格。",
    },
    "def_roll_rate_name": {"en": "Roll rate", "zh": "迁徙率 (滚动率)"},
    "def_roll_rate_numerator": {
        "en": "Outstanding balance at month-end t of active loans in bucket b at t that are in bucket b′ (or "
        "closed, or written off) at the next month-end t+1",
        "zh": "月末 t 时处于档位 b、在下一月末 t+1 时处于档位 b′ (或已结清、已核销) 的在贷贷款在 t 时的余额",
    },
    "def_roll_rate_denominator": {
        "en": "Outstanding balance at t of all active loans in bucket b at t",
        "zh": "快照 t 时处于档位 b 的全部在贷贷款在 t 时的余额",
    },
    "def_roll_rate_rules": {
        "en": "Pairs of consecutive dates of the month-end series (the month-ends and the as-of date), never "
        "biweekly period ends, so the rates read as in a monthly book; a loan that closed mid-month "
        "counts as closed at the next month-end. Each row of the matrix sums to 100%. A period's matrix "
        "pools every pair whose later date falls in the period (when none does, e.g. a biweekly period "
        "inside a month, the latest pair ending before the period's end). The last pair runs from the "
        "last month-end to the as-of date, a part month. The trend shows M0→M1, M1→M2 and M2→M3 for "
        "each pair.",
        "zh": "取月末序列 (各月末及数据截止日) 中相邻的日期对, 从不使用双周期末, "
        "因此与按月统计的口径一致; 月中结清的贷款在下一月末计为已结清。矩阵每行合计 "
        "100%。期间的矩阵汇总后一日期落在期间内的所有日期对 (若没有, 如月内的双周期间, "
        "则取期间结束前最近的一对)。最后一对从上一月末到数据截止日, 不足一个月。趋势图显示每一对的 "
        "M0→M1、M1→M2 和 M2→M3。",
    },
    "def_write_offs_name": {"en": "Write-offs", "zh": "核销"},
    "def_write_offs_numerator": {
        "en": "Principal outstanding on the write-off date (principal minus the principal of installments settled "
        "by that day) of loans written off in the period",
        "zh": "本期核销贷款在核销日的未偿本金 (放款本金减去截至当日已结清期次的本金)",
    },
    "def_write_offs_rules": {
        "en": "By write-off date; payments on the write-off day count, later recoveries do not. Write-off "
        "dates after the as-of date are not yet write-offs. A loan already closed at an earlier "
        "month-end (or repaid in full in an earlier month) is not counted.",
        "zh": "按核销日统计; 核销当日的还款计入, "
        "之后的回收不计入。晚于数据截止日的核销日尚不算核销。在更早月末已结清 (或在更早月份已全部还清) "
        "的贷款不计入。",
    },
    "def_early_warning_name": {"en": "Early-warning flag", "zh": "风险预警"},
    "def_early_warning_numerator": {
        "en": "Overdue rate (M1+, by balance) of a region, team, account manager, product line or channel at the "
        "period's snapshot",
        "zh": "区域、团队、客户经理、产品线或渠道在期间快照日的逾期率 (M1+, 按余额)",
    },
    "def_early_warning_denominator": {
        "en": "Compared with its threshold: the mean plus 2 sample standard deviations of its own overdue rates at "
        "the previous 6 month-ends",
        "zh": "与其阈值比较: 自身前 6 个月末逾期率的均值加 2 个样本标准差",
    },
    "def_early_warning_rules": {
        "en": "Flagged when the rate exceeds the threshold and the outstanding balance is above the "
        "configured minimum (1,000,000 by default). The history uses month-ends only (strictly before "
        "the snapshot), also when the period's snapshot is a biweekly period end. Month-ends with "
        "nothing outstanding do not count; at least two are needed. Flags are listed by the overdue "
        "balance above the threshold, balance × (rate − threshold), largest first: money at risk, not "
        "percentage points. Lookback, number of standard deviations and minimum balance are "
        "configurable. Under dimension filters the rates are those of the filtered book.",
        "zh": "逾期率超过阈值且贷款余额高于配置的下限 (默认 1,000,000) "
        "时触发预警。历史只取快照日之前的月末, 即使期间快照为双周期末亦然。无在贷余额的月末不计入; "
        "至少需要两个月末。预警项按超出阈值的逾期余额 (余额 × (逾期率 − 阈值)) 从大到小排列: "
        "看风险金额, 而非百分点。回溯月数、标准差倍数和余额下限均可配置。有维度筛选时, "
        "比率为筛选后资产的比率。",
    },
    "def_rfm_scored_customers_name": {"en": "Scored customers", "zh": "评分客户数"},
    "def_rfm_scored_customers_numerator": {
        "en": "Customers with at least one loan disbursed in the lookback window (as-of − 730 days, as-of]",
        "zh": "回溯窗口 (截止日 − 730 天, 截止日] 内至少有一笔放款的客户",
    },
    "def_rfm_scored_customers_rules": {
        "en": "Counted at one as-of date: the latest available as-of (the build's as-of date or a month-end) on or "
        "before the period's last day. A loan disbursed exactly 730 days before the as-of is outside the "
        "window. Region and customer type are the customer's own; team, officer, channel and product line "
        "are those of the customer's latest loan in the window.",
        "zh": "在单一截止日统计: 期间最后一天及之前最近的可用截止日 (数据截止日或月末)。恰好在截止日前 730 "
        "天放款的贷款不在窗口内。区域和客户类型取客户本身; 团队、客户经理、"
        "渠道和产品线取该客户窗口内最近一笔贷款。",
    },
    "def_rfm_recency_days_name": {"en": "Recency (days)", "zh": "近度 (天)"},
    "def_rfm_recency_days_numerator": {
        "en": "Days from the customer's latest loan disbursed in the window to the as-of date",
        "zh": "从客户窗口内最近一笔放款到截止日的天数",
    },
    "def_rfm_recency_days_rules": {
        "en": "A loan disbursed on the as-of date itself gives 0 days.",
        "zh": "截止日当天放款为 0 天。",
    },
    "def_rfm_frequency_name": {"en": "Frequency", "zh": "频次"},
    "def_rfm_frequency_numerator": {
        "en": "Number of the customer's loans disbursed in the window",
        "zh": "客户在窗口内的放款笔数",
    },
    "def_rfm_monetary_name": {"en": "Monetary", "zh": "金额"},
    "def_rfm_monetary_numerator": {
        "en": "Sum of the principal of the customer's loans disbursed in the window",
        "zh": "客户在窗口内的放款本金合计",
    },
    "def_rfm_monetary_rules": {
        "en": "Summed over customers for a grid cell, segment or tier × grade cell.",
        "zh": "矩阵单元格、客群或分层 × 等级单元格按其中客户加总。",
    },
    "def_rfm_score_name": {"en": "R, F and M scores (1–5)", "zh": "R、F、M 评分 (1–5)"},
    "def_rfm_score_numerator": {"en": "1 + ⌊5 × percent rank⌋, capped at 5", "zh": "1 + ⌊5 × 百分位排名⌋, 最高为 5"},
    "def_rfm_score_rules": {
        "en": "Percent rank = (rank − 1) / (scored customers − 1) among the customers scored at the same as-of, "
        "ranked so that better is higher: longer since the last loan ranks lower, fewer loans and smaller "
        "sums rank lower. Equal values share the rank and the score; a single scored customer scores 1 on "
        "all three. FM score = ⌊(F + M + 1) / 2⌋, the average of F and M rounded half up.",
        "zh": "百分位排名 = (名次 − 1) / (评分客户数 − 1), 在同一截止日的评分客户中排序, 越好排名越高: "
        "距上次放款越久排名越低, 笔数越少、金额越小排名越低。数值相同则名次和评分相同; "
        "只有一位评分客户时三项均为 1。FM 评分 = ⌊(F + M + 1) / 2⌋, 即 F 与 M 的平均值四舍五入。",
    },
    "def_rfm_segment_customers_name": {"en": "Customers in a segment", "zh": "客群客户数"},
    "def_rfm_segment_customers_numerator": {
        "en": "Scored customers whose (R score, FM score) cell of the segment grid names that segment",
        "zh": "(R 评分, FM 评分) 落在客群矩阵中该客群单元格的评分客户",
    },
    "def_rfm_segment_share_name": {"en": "Segment share", "zh": "客群占比"},
    "def_rfm_segment_share_numerator": {
        "en": "Scored customers in the segment (or their monetary)",
        "zh": "该客群的评分客户数 (或其放款额)",
    },
    "def_rfm_segment_share_denominator": {
        "en": "All scored customers under the same filters (or their monetary)",
        "zh": "相同筛选条件下全部评分客户数 (或其放款额)",
    },
    "def_rfm_segment_share_rules": {
        "en": "Undefined (blank) when no customer is scored. Shown with the segment's customers and monetary at "
        "the comparison as-of (chosen by the comparison period) when there is one.",
        "zh": "无评分客户时不适用 (留空)。如有对比截止日 (由对比期间选定), "
        "同时显示该客群在对比截止日的客户数和放款额。",
    },
    "def_customer_tier_name": {"en": "Customer tier", "zh": "客户分层"},
    "def_customer_tier_numerator": {
        "en": "The largest single loan principal disbursed to the customer in the window",
        "zh": "客户在窗口内的单笔最大放款本金",
    },
    "def_customer_tier_rules": {
        "en": "Strategic at or above 5,000,000; growth at or above 1,000,000; micro below.",
        "zh": "战略客户 5,000,000 及以上; 成长型客户 1,000,000 及以上; 其余为小微客户。",
    },
    "def_credit_grade_name": {"en": "Credit grade", "zh": "信用等级"},
    "def_credit_grade_numerator": {
        "en": "The customer's credit score (0–100) mapped to AAA 90–100, AA 80–89, A 70–79, BBB 60–69, BB 50–59, B "
        "40–49, CCC 30–39, CC 20–29, C 0–19",
        "zh": "客户信用评分 (0–100) 映射为 AAA 90–100, AA 80–89, A 70–79, BBB 60–69, BB 50–59, B 40–49, CCC 30–39, "
        "CC 20–29, C 0–19",
    },
    "def_credit_grade_rules": {
        "en": "Unrated when the customer has no score. The source holds one current score, used at every as-of.",
        "zh": "无评分时为未评级。数据源只有一个当前评分, 各截止日均使用该评分。",
    },
    "def_segment_migration_name": {"en": "Segment migration", "zh": "客群迁移"},
    "def_segment_migration_numerator": {
        "en": "Customers in segment b at the later as-of among those in segment a at the earlier as-of",
        "zh": "较早截止日处于客群 a 的客户中, 较晚截止日处于客群 b 的客户数",
    },
    "def_segment_migration_denominator": {
        "en": "Customers in segment a at the earlier as-of (share_of_from)",
        "zh": "较早截止日处于客群 a 的客户数 (占该行比例)",
    },
    "def_segment_migration_rules": {
        "en": "'Not scored' stands for a customer with no loan in the window at one of the two dates (entering or "
        "leaving the scored set). A customer is attributed to team, officer, channel and product line by its "
        "row at the later as-of, or at the earlier one if it is no longer scored. The later as-of is the "
        "period's, the earlier the comparison period's, else the month-end before.",
        "zh": "“未评分”指在两个日期之一的窗口内没有贷款的客户 (进入或离开评分范围)。客户的团队、客户经理、"
        "渠道和产品线按其较晚截止日的记录归属, 若已不在评分范围则按较早截止日的记录。"
        "较晚截止日默认为本期截止日, 较早截止日为对比期间的截止日, 否则为上一月末。",
    },
    "def_strategic_at_risk_name": {"en": "Strategic customers at risk", "zh": "流失风险战略客户"},
    "def_strategic_at_risk_numerator": {
        "en": "Strategic-tier customers in segment at_risk, cant_lose or hibernating at the as-of",
        "zh": "截止日处于流失风险、重要挽留或沉睡客群的战略客户",
    },
    "def_strategic_at_risk_rules": {
        "en": "Listed by monetary, largest first, with their segment at the previous month-end.",
        "zh": "按放款额从大到小列出, 并显示其上一月末的客群。",
    },
    "def_repeat_loan_candidates_name": {"en": "Repeat-loan candidates", "zh": "复贷潜力客户"},
    "def_repeat_loan_candidates_numerator": {
        "en": "Customers in segment champions, loyal, potential, promising or need_attention, credit grade BBB or "
        "better, whose latest loan was disbursed at least 90 days before the as-of, with no loan past due at "
        "the as-of and no loan ever written off",
        "zh": "处于重要价值、忠诚、潜力、有前景或需关注客群, 信用等级 BBB 及以上, 最近一笔贷款在截止日前至少 90 "
        "天放款, 截止日无逾期贷款且从未有贷款被核销的客户",
    },
    "def_repeat_loan_candidates_rules": {
        "en": "A loan disbursed exactly 90 days before the as-of no longer counts as recent. Past due = an active "
        "loan at least 1 day overdue on the as-of date (credit-quality snapshot). Unrated customers are not "
        "listed. Listed by FM score, then monetary, highest first.",
        "zh": "恰好在截止日前 90 天放款的贷款不再算作近期放款。逾期 = 截止日有在贷贷款逾期至少 1 天 "
        "(资产质量快照)。未评级客户不列入。按 FM 评分、再按放款额从高到低排列。",
    },
    "def_moved_into_risk_name": {"en": "Customers moved into risk segments", "zh": "新进入风险客群的客户"},
    "def_moved_into_risk_numerator": {
        "en": "Customers in at_risk, cant_lose or hibernating at the as-of who were in another segment, or not "
        "scored, at the earlier as-of",
        "zh": "截止日处于流失风险、重要挽留或沉睡客群, 而在较早截止日属于其他客群或未评分的客户",
    },
    "def_moved_into_risk_rules": {
        "en": "The earlier as-of is the latest available as-of on or before the date asked for.",
        "zh": "较早截止日为所选日期及之前最近的可用截止日。",
    },
    # Retrospective page: its own labels, then the report's labels it shows too. Those are REPORT_TEXT's texts
    # (pipelines/retro/report.py imports this table, so the table cannot import them back); a test keeps them equal.
    "retro_period_pick": {"en": "Period under review", "zh": "复盘期间"},
    "retro_latest_complete": {"en": "latest complete", "zh": "最近完整双周"},
    "retro_compared_with": {
        "en": "Compared with the previous period {previous} and the same dates last year {last_year}",
        "zh": "对比上期 {previous} 及去年同期 {last_year}",
    },
    "retro_scope": {"en": "Scope: {scope}", "zh": "范围: {scope}"},
    "retro_as_of": {"en": "data as of {day}", "zh": "数据截至 {day}"},
    "retro_not_biweekly": {
        "en": "A retrospective reviews a biweekly period. The period chosen in the filter bar is not one, so the "
        "latest complete biweekly period is shown; pick another above.",
        "zh": "复盘按双周期间进行。侧边栏所选期间不是双周, 因此显示最近一个完整的双周; 可在上方选择其他双周。",
    },
    "retro_tab_scoreboard": {"en": "Scoreboard", "zh": "核心指标"},
    "retro_tab_findings": {"en": "Findings", "zh": "发现"},
    "retro_tab_notes": {"en": "Summary and action items", "zh": "总结与行动项"},
    "retro_col_value": {"en": "This period", "zh": "本期"},
    "retro_col_previous": {"en": "Previous", "zh": "上期"},
    "retro_col_change_previous": {"en": "vs previous", "zh": "环比"},
    "retro_col_last_year": {"en": "Last year", "zh": "去年同期"},
    "retro_col_change_last_year": {"en": "vs last year", "zh": "同比"},
    "retro_col_target": {"en": "Target · band", "zh": "目标 · 档位"},
    "retro_col_trend": {"en": "Trend, last 8 periods", "zh": "近八期趋势"},
    "retro_scoreboard_caption": {
        "en": "Changes: amounts and counts in percent, ratios in percentage points (pp), the conversion cycle in days; "
        "green is good for the business, red is bad. Overdue rate and PAR30 are read at the latest snapshot (a "
        "month-end, a biweekly period end or the as-of date) on or before each period's last day; — means both "
        "periods read the same snapshot.",
        "zh": "变化: 金额和笔数为百分比, 比率为百分点 (pp), 转化周期为天数; 绿色表示对业务有利, 红色表示不利。"
        "逾期率和 PAR30 取各期最后一天当日或之前最近的快照 (月末、双周期末或数据截止日); — 表示两期对应同一快照。",
    },
    "retro_attainment_by_region": {"en": "Attainment by region", "zh": "各区域目标达成"},
    "retro_attainment_by_team": {"en": "Attainment by team", "zh": "各团队目标达成"},
    "retro_col_month_attainment": {"en": "{month} so far", "zh": "{month} 目前达成"},
    "retro_col_month_pacing": {"en": "{month} pacing", "zh": "{month} 进度"},
    "retro_targets_caption": {
        "en": "Attainment: the period's disbursed amount over its prorated base target, in the bands of the "
        "Disbursement page. The month that contains the period's last day, as it stands on {as_of}: attainment so far "
        "and pacing = amount ÷ (target × elapsed share of the month), coloured by its band.",
        "zh": "目标达成率: 本期放款金额 ÷ 按天折算的基础目标, 档位与放款页一致。本期最后一天所在月份截至 {as_of}: "
        "目前达成率, 以及进度 = 放款金额 ÷ (目标 × 当月已过天数占比), 按档位着色。",
    },
    "retro_findings_caption": {
        "en": "{n} findings, each about {floor} or more: the Top ones across kinds first, then the rest by kind, "
        "the most money first. Open shows the page and filters behind a finding.",
        "zh": "共 {n} 条发现, 每条涉及金额不低于 {floor}: 先列跨类别的重点发现, 其余按类别分组, 金额大的在前。"
        "点击「打开」查看该发现对应的页面和筛选。",
    },
    "retro_how_found": {"en": "How found", "zh": "如何得出"},
    "retro_how_intro": {
        "en": "Each finding is found by a rule below and carries the money it is about. Findings about less than "
        "{floor} are not shown; of each kind at most {per_kind} are, the most money first. The Top {top}: the "
        "finding with the most money of each kind (teams below and above target count as one), the largest first.",
        "zh": "每条发现由下列规则找出, 并标明所涉及的金额。涉及金额低于 {floor} 的发现不显示; "
        "每类最多显示 {per_kind} 条, 金额大的在前。重点 {top} 条: 每类中金额最大的一条 "
        "(低于目标和进入奖励档的团队算同一类), 按金额从大到小。",
    },
    "retro_how_disbursement_change": {
        "en": "the regions, teams and account managers whose disbursed amount changed most from the previous period. "
        "Money: the change of their amount, up or down.",
        "zh": "与上期相比放款金额变化最大的区域、团队和客户经理。金额: 其放款金额的变化 (增加或减少)。",
    },
    "retro_how_funnel_flag": {
        "en": "a funnel stage flagged for the whole scope (its loss above the threshold on a complete cohort, or worse "
        "than the comparison cohort at the same age), or a region or team losing a larger share of a stage's leads "
        "than the whole scope by more than chance (two standard errors). Money: the leads lost beyond that benchmark "
        "× the amount disbursed per lead that got past the stage (over the last year of complete cohorts).",
        "zh": "整体漏斗中被标记的环节 (完整队列的流失率超过阈值, 或与同龄的对比队列相比恶化), "
        "或某区域/团队在某环节的流失比例高于整体且超出随机波动 (两个标准误)。"
        "金额: 超出基准多流失的线索数 × 通过该环节的每条线索对应的放款金额 "
        "(按近一年已完成转化窗口的队列计算)。",
    },
    "retro_how_target_below": {
        "en": "teams below 80% of their prorated target for the period. Money: the shortfall (target − amount).",
        "zh": "本期放款低于按天折算目标 80% 的团队。金额: 缺口 (目标 − 放款金额)。",
    },
    "retro_how_target_bonus": {
        "en": "teams at 120% of their prorated target or above (bonus tier). Money: the amount above the target.",
        "zh": "放款达到按天折算目标 120% 及以上的团队 (奖励档)。金额: 超出目标的放款金额。",
    },
    "retro_how_early_warning": {
        "en": "regions, teams, account managers, product lines and channels whose overdue rate rose above the mean "
        "plus two standard deviations of their own previous six month-ends. Money: the outstanding balance × (overdue "
        "rate − that threshold), the overdue balance beyond the usual.",
        "zh": "逾期率超过自身前六个月末均值加两倍标准差的区域、团队、客户经理、产品线和渠道。"
        "金额: 贷款余额 × (逾期率 − 该阈值), 即超出常态的逾期余额。",
    },
    "retro_how_growth_with_poor_quality": {
        "en": "account managers in the top quarter by volume over 12 months and the worst quarter by 30+ days past due "
        "at three months on book, above the book's own rate. Money: their principal × (their rate − the book's).",
        "zh": "近 12 个月放款量居前四分之一、账龄 3 个月时逾期 30 天以上占比居后四分之一且高于整体的客户经理。"
        "金额: 其本金 × (其占比 − 整体占比)。",
    },
    "retro_how_strategic_customer_at_risk": {
        "en": "strategic customers (a single loan of ¥5,000,000 or more) who moved into at risk, can't lose or "
        "hibernating since the previous period. Money: their outstanding principal.",
        "zh": "自上期以来转入「流失风险」「重要挽留」或「沉睡」分群的战略客户 (单笔贷款 500 万元及以上)。"
        "金额: 其未偿本金。",
    },
    "retro_top": {"en": "Top {n}", "zh": "重点 {n} 条"},
    "retro_by_kind": {"en": "The rest, by kind", "zh": "其余发现 (按类别)"},
    "retro_materiality": {"en": "Money at stake: {amount}", "zh": "涉及金额: {amount}"},
    "retro_filter_kinds": {"en": "Kinds", "zh": "类别"},
    "retro_filter_all_kinds": {"en": "All kinds", "zh": "全部类别"},
    "retro_filter_place": {"en": "Region or team", "zh": "区域或团队"},
    "retro_filter_anywhere": {"en": "Anywhere", "zh": "全部"},
    "retro_filter_none": {"en": "No finding matches these filters.", "zh": "没有符合筛选条件的发现。"},
    "retro_figures": {"en": "Figures behind it", "zh": "相关数据"},
    "retro_link": {"en": "View: {link}", "zh": "视图: {link}"},
    "retro_open": {"en": "Open {page}", "zh": "打开{page}"},
    "retro_notes_title": {"en": "Summary and action items", "zh": "总结与行动项"},
    "retro_notes_caption": {
        "en": "Kept for the retrospective of {period}, scope {scope}: everyone who opens this period with the "
        "same filters sees and edits the same notes.",
        "zh": "保存于 {period} 的复盘 (范围 {scope}): 以相同筛选打开该期间的同事看到并编辑同一份记录。",
    },
    # The notes store cannot be used (pipelines/retro/store.py STORE_ERRORS, same sentences and placeholders).
    "retro_store_damaged": {
        "en": "The retrospective store `{path}` is damaged ({detail}) and was left untouched: restore it from a "
        "backup with `python -m pipelines store restore FILE --store {path}`, or move the file away to start a new, "
        "empty store.",
        "zh": "复盘记录库 `{path}` 已损坏 ({detail}), 未对其做任何写入: 请用 "
        "`python -m pipelines store restore FILE --store {path}` 从备份恢复, 或将该文件移走以新建一个空的记录库。",
    },
    "retro_store_unexpected": {
        "en": "The retrospective store `{path}` is not laid out as this app expects ({detail}) and was left "
        "untouched: restore it from a backup with `python -m pipelines store restore FILE --store {path}`, or move "
        "the file away to start a new, empty store.",
        "zh": "复盘记录库 `{path}` 的结构与本应用不符 ({detail}), 未对其做任何写入: 请用 "
        "`python -m pipelines store restore FILE --store {path}` 从备份恢复, 或将该文件移走以新建一个空的记录库。",
    },
    "retro_store_newer": {
        "en": "The retrospective store `{path}` was written by a newer version of the app (schema version "
        "{detail}, newer than this app's {known}) and was left untouched: update the app, or restore it from a "
        "backup with `python -m pipelines store restore FILE --store {path}`.",
        "zh": "复盘记录库 `{path}` 由更新版本的应用写入 (结构版本 {detail}, 本应用为 {known}), 未对其做任何写入: "
        "请升级应用, 或用 `python -m pipelines store restore FILE --store {path}` 从备份恢复。",
    },
    "retro_store_directory": {
        "en": "The retrospective store `{path}` is a folder, not a file: point `$LOAN_DASHBOARD_RETRO_DB` "
        "(or `--store`) to a file, or move the folder away.",
        "zh": "复盘记录库 `{path}` 是文件夹而不是文件: 请将 `$LOAN_DASHBOARD_RETRO_DB` (或 `--store`) "
        "指向一个文件, 或将该文件夹移走。",
    },
    "retro_store_missing": {
        "en": "The retrospective store `{path}` was created on {detail} but is missing now: restore it from a "
        "backup with `python -m pipelines store restore FILE --store {path}`, or delete `{path}.created` to start "
        "a new, empty store.",
        "zh": "复盘记录库 `{path}` 创建于 {detail}, 但现已不存在: 请用 "
        "`python -m pipelines store restore FILE --store {path}` 从备份恢复, "
        "或删除 `{path}.created` 以新建一个空的记录库。",
    },
    "retro_store_unreadable": {
        "en": "The retrospective store `{path}` cannot be opened ({detail}): check that the file and its "
        "folder can be read and written by the app, then try again.",
        "zh": "无法打开复盘记录库 `{path}` ({detail}): 请确认应用对该文件及其所在文件夹有读写权限, 然后重试。",
    },
    "retro_store_busy": {
        "en": "The retrospective store `{path}` stayed locked by another program ({detail}): try again in a "
        "moment; nothing was saved.",
        "zh": "复盘记录库 `{path}` 一直被其他程序锁定 ({detail}): 请稍后重试; 本次未保存任何内容。",
    },
    "retro_store_notes_off": {
        "en": "The summary and action items cannot be shown or edited until the store is repaired (see above).",
        "zh": "记录库修复前, 无法查看或编辑总结与行动项 (见上方提示)。",
    },
    "retro_author": {"en": "Your name", "zh": "您的姓名"},
    "retro_author_help": {
        "en": "Saved with your changes, so colleagues see who wrote what.",
        "zh": "随修改一起保存, 便于同事了解修改人。",
    },
    "retro_author_placeholder": {"en": "e.g. Li Wei", "zh": "例如: 李伟"},
    "retro_summary_placeholder": {
        "en": "What happened in these two weeks, what was decided…",
        "zh": "这两周发生了什么, 做出了哪些决定…",
    },
    "retro_save_summary": {"en": "Save summary", "zh": "保存总结"},
    "retro_summary_saved": {"en": "Summary saved (version {version}).", "zh": "总结已保存 (第 {version} 版)。"},
    "retro_summary_saved_by": {
        "en": "Version {version}, saved by {who} at {when}",
        "zh": "第 {version} 版, {who} 保存于 {when}",
    },
    "retro_someone": {"en": "someone", "zh": "他人"},
    "retro_conflict": {
        "en": "Not saved: {who} saved a newer summary at {when}, after you opened this one. Their text is kept as it "
        "is; yours is still in the editor below.",
        "zh": "未保存: {who} 于 {when} 保存了更新的总结 (在您打开之后)。对方的内容已保留; 您的内容仍在下方编辑框中。",
    },
    "retro_conflict_theirs": {"en": "Their summary, as saved:", "zh": "对方保存的总结:"},
    "retro_conflict_merge": {"en": "Put their text above mine", "zh": "将对方内容放在我的内容之前"},
    "retro_conflict_take": {"en": "Use their text instead of mine", "zh": "改用对方内容"},
    "retro_newer_summary": {
        "en": "{who} saved a newer summary at {when} while you were editing; saving now is refused so that theirs is "
        "not lost.",
        "zh": "您编辑期间 {who} 于 {when} 保存了更新的总结; 为避免覆盖对方内容, 此时保存将被拒绝。",
    },
    "retro_no_items": {"en": "No action items yet in this retrospective.", "zh": "本次复盘尚无行动项。"},
    "retro_items_caption": {
        "en": "Edit a cell to change an item; each change is saved at once. A change someone else saved first is "
        "kept, and yours is reported as not saved.",
        "zh": "直接编辑单元格即可修改, 每次修改立即保存。若他人先保存了修改, 将保留对方的修改并提示您的修改未保存。",
    },
    "retro_carried_from": {"en": "carried forward", "zh": "结转"},
    "retro_add_item": {"en": "Add an action item", "zh": "新增行动项"},
    "retro_what_placeholder": {"en": "What will be done", "zh": "要做的事"},
    "retro_add": {"en": "Add", "zh": "添加"},
    "retro_need_what": {
        "en": "Describe the action item first (what will be done).",
        "zh": "请先填写行动项内容 (要做的事)。",
    },
    "retro_item_added": {"en": "Action item added: {what}", "zh": "已添加行动项: {what}"},
    "retro_not_yours": {
        "en": "Not saved: “{what}” can be changed by whoever added it or by the owner of this scope.",
        "zh": "未保存: “{what}” 只能由添加人或该范围的负责人修改。",
    },
    "retro_item_conflict": {
        "en": "Not saved: {who} changed this item first, at {when}. It now reads “{what}” ({status}); their change "
        "is kept.",
        "zh": "未保存: {who} 已先于 {when} 修改了该行动项, 现为「{what}」({status}); 已保留对方的修改。",
    },
    "retro_waiting_title": {
        "en": "Still open from earlier retrospectives ({n})",
        "zh": "以往复盘未完成的行动项 ({n})",
    },
    "retro_waiting_caption": {
        "en": "Close what is done, drop what is no longer needed, carry the rest into this retrospective.",
        "zh": "已完成的标记完成, 不再需要的取消, 其余结转至本次复盘。",
    },
    "retro_due": {"en": "due {day}", "zh": "截止 {day}"},
    "retro_agreed_in": {"en": "agreed in the retrospective of {period}", "zh": "议定于 {period} 的复盘"},
    "retro_decide_done": {"en": "Done", "zh": "完成"},
    "retro_decide_dropped": {"en": "Drop", "zh": "取消"},
    "retro_decide_carried": {"en": "Carry over", "zh": "结转"},
    "retro_computing": {
        "en": "Computing the scoreboard and the findings for this period and filters…",
        "zh": "正在计算本期及当前筛选下的核心指标和发现…",
    },
    "retro_carry_help": {
        "en": "Close it in its own retrospective and continue it as an open item of this one.",
        "zh": "在原复盘中关闭, 并作为本次复盘的进行中事项继续跟进。",
    },
    "retro_decided_done": {"en": "Marked done: {what}", "zh": "已完成: {what}"},
    "retro_decided_dropped": {"en": "Dropped: {what}", "zh": "已取消: {what}"},
    "retro_decided_carried": {"en": "Carried into this retrospective: {what}", "zh": "已结转至本次复盘: {what}"},
    "retro_report_html": {"en": "Report (HTML)", "zh": "报告 (HTML)"},
    "retro_report_excel": {"en": "Workbook (Excel)", "zh": "工作簿 (Excel)"},
    "retro_report_help": {
        "en": "The whole retrospective in one file that opens offline: scoreboard, trends, targets, findings, summary "
        "and action items, as of this moment.",
        "zh": "整份复盘保存为一个可离线打开的文件: 核心指标、趋势、目标、发现、总结和行动项 (以当前内容为准)。",
    },
    "col_amount": {"en": "Disbursed amount", "zh": "放款金额"},
    "col_band": {"en": "Band", "zh": "档位"},
    "col_change_last_year": {"en": "Change vs last year", "zh": "同比变化"},
    "col_change_previous": {"en": "Change vs previous", "zh": "环比变化"},
    "col_due": {"en": "Due", "zh": "截止日期"},
    "col_indicator": {"en": "Indicator", "zh": "指标"},
    "col_last_year": {"en": "Same period last year", "zh": "去年同期"},
    "col_owner": {"en": "Owner", "zh": "负责人"},
    "col_previous": {"en": "Previous period", "zh": "上期"},
    "col_snapshot": {"en": "Measured at snapshot", "zh": "快照日期"},
    "col_status": {"en": "Status", "zh": "状态"},
    "col_unit": {"en": "Unit", "zh": "单位"},
    "col_value": {"en": "This period", "zh": "本期"},
    "col_what": {"en": "What", "zh": "事项"},
    "items_agreed": {"en": "Agreed in this retrospective", "zh": "本次复盘议定"},
    "no_findings": {"en": "No findings for this period.", "zh": "本期没有发现。"},
    "no_targets": {
        "en": "No targets apply to these filters (targets are set per team and product line).",
        "zh": "当前筛选没有对应的目标 (目标按团队和产品线设定)。",
    },
    "scope_company": {"en": "Whole company", "zh": "全公司"},
    "section_findings": {"en": "Findings", "zh": "发现"},
    "section_scoreboard": {"en": "Scoreboard", "zh": "核心指标"},
    "section_summary": {"en": "Summary", "zh": "总结"},
    "section_targets": {"en": "Target attainment and pacing", "zh": "目标达成与进度"},
    "snapshot_note": {"en": "at {date}", "zh": "截至 {date}"},
    "yes": {"en": "yes", "zh": "是"},
    "no": {"en": "no", "zh": "否"},
    "status_open": {"en": "Open", "zh": "进行中"},
    "status_done": {"en": "Done", "zh": "已完成"},
    "status_dropped": {"en": "Dropped", "zh": "已取消"},
    "status_carried": {"en": "Carried forward", "zh": "已结转"},
    "severity_alert": {"en": "Alert", "zh": "警示"},
    "severity_watch": {"en": "Watch", "zh": "关注"},
    "severity_good": {"en": "Good news", "zh": "利好"},
    "kind_disbursement_change": {"en": "Who moved the disbursed amount", "zh": "放款金额变化的来源"},
    "kind_funnel_flag": {"en": "Flagged funnel stages", "zh": "漏斗预警环节"},
    "kind_target_below": {"en": "Teams below 80% of target", "zh": "低于目标 80% 的团队"},
    "kind_target_bonus": {"en": "Teams in the bonus tier", "zh": "进入奖励档的团队"},
    "kind_early_warning": {"en": "Early-warning flags", "zh": "风险预警"},
    "kind_growth_with_poor_quality": {"en": "Growth bought with quality", "zh": "以质量换规模"},
    "kind_strategic_customer_at_risk": {"en": "Strategic customers at risk", "zh": "战略客户流失风险"},
    "level_company": {"en": "Company", "zh": "公司"},
    "level_region": {"en": "Region", "zh": "区域"},
    "level_team": {"en": "Team", "zh": "团队"},
    "level_officer": {"en": "Account manager", "zh": "客户经理"},
    "level_product_line": {"en": "Product line", "zh": "产品线"},
    "level_channel": {"en": "Channel", "zh": "渠道"},
    "level_customer": {"en": "Customer", "zh": "客户"},
    "unit_money": {"en": "¥", "zh": "元"},
    "unit_count": {"en": "count", "zh": "数量"},
    "unit_ratio": {"en": "ratio", "zh": "比率"},
    "unit_days": {"en": "days", "zh": "天"},
    "figure_amount": {"en": "Disbursed amount", "zh": "放款金额"},
    "figure_previous_amount": {"en": "Previous period's amount", "zh": "上期放款金额"},
    "figure_contribution": {"en": "Contribution to the change", "zh": "对变化的贡献"},
    "figure_total_change": {"en": "Total change", "zh": "总变化"},
    "figure_share_of_change": {"en": "Share of the change", "zh": "占变化比例"},
    "figure_stage": {"en": "Stage", "zh": "环节"},
    "figure_loss": {"en": "Stage loss", "zh": "环节流失率"},
    "figure_threshold": {"en": "Threshold", "zh": "阈值"},
    "figure_previous_loss": {"en": "Previous period's loss", "zh": "上期流失率"},
    "figure_loss_change": {"en": "Change in loss", "zh": "流失率变化"},
    "figure_entering": {"en": "Leads entering the stage", "zh": "进入该环节的线索"},
    "figure_reached": {"en": "Leads reaching it", "zh": "到达该环节的线索"},
    "figure_over_threshold": {"en": "Over its threshold", "zh": "超过阈值"},
    "figure_worsened": {"en": "Worsened by more than the allowed share", "zh": "恶化超过允许幅度"},
    "figure_cohort_leads": {"en": "Leads in the cohort", "zh": "队列线索数"},
    "figure_cohort_complete": {"en": "Cohort window complete", "zh": "队列转化窗口已结束"},
    "figure_window_complete_share": {"en": "Share of leads past their window", "zh": "已过转化窗口的线索占比"},
    "figure_leads_beyond_threshold": {"en": "Leads lost beyond the threshold", "zh": "超出阈值的流失线索"},
    "figure_benchmark_loss": {"en": "Overall loss", "zh": "整体流失率"},
    "figure_excess_leads": {"en": "Leads lost beyond the overall rate", "zh": "超出整体流失率的线索"},
    "figure_lead_value": {"en": "Disbursed per lead past the stage", "zh": "通过该环节的每条线索放款额"},
    "figure_band": {"en": "Band", "zh": "档位"},
    "figure_red_below": {"en": "Red below", "zh": "红色线"},
    "figure_bonus_from": {"en": "Bonus tier from", "zh": "奖励档起点"},
    "figure_pacing": {"en": "Period unfinished (pacing)", "zh": "期间未结束 (按进度)"},
    "figure_history_mean": {"en": "Mean of previous month-ends", "zh": "前几个月末均值"},
    "figure_history_stddev": {"en": "Standard deviation", "zh": "标准差"},
    "figure_lookback": {"en": "Month-ends looked back", "zh": "回看月末数"},
    "figure_snapshot_date": {"en": "Snapshot", "zh": "快照日期"},
    "figure_balance": {"en": "Outstanding balance", "zh": "贷款余额"},
    "figure_excess_overdue_balance": {"en": "Overdue balance above the threshold", "zh": "超出阈值的逾期余额"},
    "figure_volume": {"en": "Disbursed in the window", "zh": "窗口内放款"},
    "figure_months": {"en": "Months", "zh": "月数"},
    "figure_period_end": {"en": "Up to", "zh": "截至"},
    "figure_volume_rank": {"en": "Volume rank", "zh": "放款排名"},
    "figure_officers": {"en": "Account managers compared", "zh": "参与比较的客户经理"},
    "figure_early_dpd30": {"en": "30+ DPD at MOB 3", "zh": "账龄 3 个月逾期 30+ 占比"},
    "figure_scope_early_dpd30": {"en": "30+ DPD at MOB 3, overall", "zh": "整体账龄 3 个月逾期 30+ 占比"},
    "figure_quality_rank": {"en": "Quality rank (worst first)", "zh": "质量排名 (最差在前)"},
    "figure_early_loans": {"en": "Loans at MOB 3", "zh": "账龄 3 个月的贷款笔数"},
    "figure_early_principal": {"en": "Their principal", "zh": "其本金"},
    "figure_segment": {"en": "Segment now", "zh": "当前分群"},
    "figure_previous_segment": {"en": "Segment before", "zh": "此前分群"},
    "figure_from_as_of": {"en": "From", "zh": "从"},
    "figure_to_as_of": {"en": "To", "zh": "至"},
    "figure_monetary": {"en": "Borrowed in the window", "zh": "窗口内借款"},
    "figure_max_principal": {"en": "Largest loan", "zh": "最大单笔"},
    "figure_officer_name": {"en": "Account manager", "zh": "客户经理"},
    "figure_outstanding_principal": {"en": "Outstanding principal", "zh": "未偿本金"},
    "figure_max_dpd": {"en": "Most days past due", "zh": "最大逾期天数"},
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

# Retrospective page: the findings' one-line statements (keys retro_*) are written once, in both languages, next to
# the rules that fill them (pipelines/retro/findings.py, which imports nothing from ui/); they join the table here.
from pipelines.retro.findings import STATEMENTS as _RETRO_STATEMENTS  # noqa: E402

TEXT.update(_RETRO_STATEMENTS)

# Sign-in, roles and the audit log (ui/auth.py, pages/data.py).
TEXT.update(
    {
        "demo_mode_banner": {
            "en": "Demo mode: no user accounts exist, so sign-in is off and everything is visible to everyone. "
            "Add the first admin with `python -m pipelines users add NAME --role admin` to turn sign-in on.",
            "zh": "演示模式：尚无用户账号，因此未启用登录，所有人可见全部数据。"
            "使用 `python -m pipelines users add NAME --role admin` 添加第一个管理员即可启用登录。",
        },
        "sign_in_title": {"en": "Sign in", "zh": "登录"},
        "sign_in_intro": {
            "en": "Sign in to see the loan sales dashboard.",
            "zh": "请登录以查看贷款销售看板。",
        },
        "user_name": {"en": "User name", "zh": "用户名"},
        "password": {"en": "Password", "zh": "密码"},
        "sign_in": {"en": "Sign in", "zh": "登录"},
        "sign_in_with_provider": {"en": "Sign in with your company account", "zh": "使用公司账号登录"},
        "sign_in_wrong": {
            "en": "Wrong user name or password. Wait {seconds} s before the next attempt.",
            "zh": "用户名或密码错误。请等待 {seconds} 秒后再试。",
        },
        "sign_in_locked": {
            "en": "Too soon after a failed attempt: wait {seconds} s, then try again.",
            "zh": "距上次失败尝试过近：请等待 {seconds} 秒后再试。",
        },
        "sign_in_disabled": {
            "en": "This account is disabled. Ask an administrator.",
            "zh": "该账号已停用，请联系管理员。",
        },
        "session_expired": {
            "en": "Your session expired; please sign in again.",
            "zh": "会话已过期，请重新登录。",
        },
        "no_access_title": {"en": "No access", "zh": "无访问权限"},
        "no_access": {
            "en": "You are signed in as {email}, but no active dashboard user has this e-mail. "
            "Ask an administrator to add you.",
            "zh": "您已以 {email} 登录，但没有使用此邮箱的有效看板用户。请联系管理员添加。",
        },
        "signed_in_as": {"en": "Signed in as {name} ({role})", "zh": "当前用户：{name}（{role}）"},
        "sign_out": {"en": "Sign out", "zh": "退出登录"},
        "role_admin": {"en": "admin", "zh": "管理员"},
        "role_director": {"en": "director", "zh": "总监"},
        "role_region_head": {"en": "region head", "zh": "区域负责人"},
        "role_team_lead": {"en": "team lead", "zh": "团队负责人"},
        "admin_only": {
            "en": "This page is for administrators only.",
            "zh": "此页面仅限管理员访问。",
        },
        "audit_log": {"en": "Audit log", "zh": "审计日志"},
        "audit_log_caption": {
            "en": "Sign-ins, failures, sign-outs, downloads and exports, user, role and scope changes; newest first.",
            "zh": "登录、失败、退出、下载与导出，以及用户、角色和范围的变更；最新的在前。",
        },
        "audit_at": {"en": "When (UTC)", "zh": "时间（UTC）"},
        "audit_user": {"en": "Who", "zh": "用户"},
        "audit_event": {"en": "Event", "zh": "事件"},
        "audit_what": {"en": "What", "zh": "内容"},
        "audit_filters": {"en": "Filters", "zh": "筛选条件"},
    }
)


def t(key: str, lang: str = "en", **values: object) -> str:
    """The text for `key` in `lang`, with `{name}` placeholders filled from `values`."""
    try:
        text = TEXT[key][lang]
    except KeyError:
        raise KeyError(f"no translation for {key!r} in {lang!r}") from None
    return text.format(**values) if values else text
