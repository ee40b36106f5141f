"""Labels: The Credit quality and Customers pages."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
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
}
