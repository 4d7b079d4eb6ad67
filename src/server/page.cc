#include "server/page.h"

#include <span>

#include "base/embedded_files.h"
#include "server/asset_routes.h"

namespace probation {

// The templates compiled into the binary (CMake: probation_embed_files ... ServerTemplates).
std::span<const EmbeddedFile> ServerTemplates();

namespace {

using kainjow::mustache::mustache;

struct NavItem {
  const char* href;
  const char* text;
  RoleSet roles;
};

constexpr RoleSet kCaseRoles = {Role::kPractitioner, Role::kManager, Role::kPerformanceAnalyst};
constexpr RoleSet kReaders = {Role::kPractitioner, Role::kManager, Role::kPerformanceAnalyst,
                              Role::kBoardMember};

// The navigation, in order; each user sees the items of their role (docs/access.md).
const NavItem kNavigation[] = {
    {"/caseload", "Caseload", kCaseRoles},
    {"/due", "Due", kCaseRoles},
    {"/cases", "Find a case", kCaseRoles},
    {"/scorecard", "Scorecard", kReaders},
    {"/exceptions", "Exceptions", {Role::kManager, Role::kPerformanceAnalyst}},
    {"/workload", "Workload", {Role::kManager, Role::kPerformanceAnalyst}},
    {"/imports/new", "Upload extracts", {Role::kPerformanceAnalyst}},
    {"/boardpack", "Board pack", {Role::kManager, Role::kPerformanceAnalyst, Role::kBoardMember}},
    {"/plans", "Plans", kReaders},
    {"/risks", "Risks", kReaders},
    {"/admin/users", "Users", {Role::kAdministrator}},
    {"/admin/audit", "Audit log", {Role::kAdministrator}},
};

// Every template, as a partial by its name, on `data` (unless `data` has that name already).
void AddPartials(PageData* data) {
  for (const EmbeddedFile& file : ServerTemplates()) {
    std::string_view name = file.name;
    if (name.size() > 9 && name.ends_with(".mustache")) name.remove_suffix(9);
    const std::string_view text = file.data;
    // A page's own value of the same name wins (that page never uses it as a partial).
    if (data->get(std::string(name)) != nullptr) continue;
    data->set(std::string(name), kainjow::mustache::partial([text] { return std::string(text); }));
  }
}

Result<std::string> Render(std::string_view template_name, PageData* data) {
  const std::string_view text = TemplateText(template_name);
  if (text.empty()) return Internal("no template " + std::string(template_name));
  mustache tmpl{std::string(text)};
  if (!tmpl.is_valid()) {
    return Internal("template " + std::string(template_name) + ": " + tmpl.error_message());
  }
  AddPartials(data);
  std::string out = tmpl.render(*data);
  if (!tmpl.is_valid()) {
    return Internal("template " + std::string(template_name) + ": " + tmpl.error_message());
  }
  return out;
}

PageData LayoutData(const RequestContext& ctx, const std::string& title, const std::string& nav) {
  PageData layout;
  layout.set("title", title);
  layout.set("nonce", ctx.csp_nonce);
  layout.set("stylesheet", AssetUrl("application.css"));
  layout.set("script", AssetUrl("application.js"));
  if (ctx.signed_in) {
    PageData user;
    user.set("display_name", ctx.principal.display_name.empty() ? ctx.principal.username
                                                                : ctx.principal.display_name);
    user.set("role", RoleTitle(ctx.principal.role));
    // An empty string is still "set" to Mustache: leave the unit out when there is none.
    if (!ctx.principal.unit_code.empty()) user.set("unit", ctx.principal.unit_code);
    layout.set("user", user);
    layout.set("csrf_token", ctx.csrf_token);
    PageData items(PageData::type::list);
    for (const NavItem& item : kNavigation) {
      if (!item.roles.Has(ctx.principal.role)) continue;
      PageData entry;
      entry.set("href", item.href);
      entry.set("text", item.text);
      if (nav == item.href) entry.set("current", PageData::type::bool_true);
      items.push_back(entry);
    }
    layout.set("nav", items);
    if (ctx.session_idle_seconds > 0)
      layout.set("idle_seconds", std::to_string(ctx.session_idle_seconds));
  }
  return layout;
}

HttpResponse HtmlResponse(int status, std::string body) {
  HttpResponse response;
  response.status = status;
  response.content_type = "text/html; charset=utf-8";
  response.body = std::move(body);
  return response;
}

}  // namespace

void FormErrors::Add(std::string field, std::string message, std::string anchor) {
  if (anchor.empty()) anchor = field;
  errors_.push_back({std::move(field), std::move(message), std::move(anchor)});
}

std::string FormErrors::For(const std::string& field) const {
  for (const Error& error : errors_) {
    if (error.field == field) return error.message;
  }
  return {};
}

void FormErrors::AddTo(PageData* data) const {
  if (errors_.empty()) return;
  PageData list(PageData::type::list);
  for (const Error& error : errors_) {
    PageData item;
    item.set("href", "#" + error.anchor);
    item.set("text", error.message);
    list.push_back(item);
  }
  data->set("errors", list);
  data->set("has_errors", PageData::type::bool_true);
}

std::string RoleTitle(Role role) {
  switch (role) {
    case Role::kPractitioner:
      return "Offender manager";
    case Role::kManager:
      return "Manager";
    case Role::kPerformanceAnalyst:
      return "Performance analyst";
    case Role::kBoardMember:
      return "Board member";
    case Role::kAdministrator:
      return "Administrator";
  }
  return "";
}

std::string_view TemplateText(std::string_view name) {
  const std::string file = std::string(name) + ".mustache";
  const EmbeddedFile* found = FindEmbeddedFile(ServerTemplates(), file);
  return found == nullptr ? std::string_view() : found->data;
}

Result<HttpResponse> RenderPage(const RequestContext& ctx, Page page) {
  page.data.set("nonce", ctx.csp_nonce);
  if (ctx.signed_in) page.data.set("csrf_token", ctx.csrf_token);
  PROBATION_ASSIGN_OR_RETURN(std::string content, Render(page.template_name, &page.data));
  // The design system's pattern: a page showing a form's errors says so first in its title.
  const PageData* has_errors = page.data.get("has_errors");
  const bool with_errors = has_errors != nullptr && has_errors->is_true();
  PageData layout = LayoutData(ctx, with_errors ? "Error: " + page.title : page.title, page.nav);
  layout.set("content", content);
  PROBATION_ASSIGN_OR_RETURN(std::string html, Render("layout", &layout));
  return HtmlResponse(page.status, std::move(html));
}

HttpResponse ErrorPage(const RequestContext& ctx, int status, std::string_view message) {
  Page page;
  page.status = status;
  page.template_name = "error";
  switch (status) {
    case 404:
      page.title = "Page not found";
      break;
    case 403:
      page.title = "You cannot see this page";
      break;
    case 400:
    case 413:
    case 415:
      page.title = "Your request could not be read";
      break;
    case 409:
      page.title = "Someone else changed this record";
      break;
    default:
      page.title = status >= 500 ? "Sorry, there is a problem with the service"
                                 : "Your request could not be completed";
  }
  page.data.set("heading", page.title);
  page.data.set("message", std::string(message));
  page.data.set("not_found",
                status == 404 ? PageData::type::bool_true : PageData::type::bool_false);
  Result<HttpResponse> rendered = RenderPage(ctx, std::move(page));
  if (rendered.ok()) return std::move(*rendered);
  // The templates are part of the binary; this is reached only if one is broken.
  return HtmlResponse(status, "<!DOCTYPE html><html lang=\"en\"><title>Error</title><p>" +
                                  std::to_string(status) + "</p></html>");
}

HttpResponse Redirect(std::string_view location) {
  HttpResponse response;
  response.status = 303;
  response.content_type = "text/plain; charset=utf-8";
  response.SetHeader("Location", std::string(location));
  return response;
}

std::string SafeNext(std::string_view next) {
  // A path on this service: one leading '/', not "//host" or "/\host", no control characters.
  if (next.size() < 1 || next.size() > 2000 || next.front() != '/') return "/";
  if (next.size() > 1 && (next[1] == '/' || next[1] == '\\')) return "/";
  for (char c : next) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return "/";
  }
  return std::string(next);
}

}  // namespace probation
