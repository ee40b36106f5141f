"""Labels: The Retrospective page and the notes store's errors."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
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
}
