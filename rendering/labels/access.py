"""Labels: the Data page, sign-in, roles and the audit log (ui/auth.py, pages/data.py)."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
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
    # Sign-in, roles and the audit log
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
