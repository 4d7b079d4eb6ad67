// Pages: HTML rendered on the server from the Mustache templates embedded in the binary
// (src/server/templates/, kainjow mustache), inside the one layout in the GOV.UK Design System's
// markup. A page route (Route::page, server/router.h) builds its data and returns RenderPage();
// the layout adds the header with the user's name, role and unit, the navigation for the
// user's role, the CSRF token for forms and the per-response nonce.
//
// Every {{value}} is HTML-escaped; {{{value}}} (unescaped) is used only for HTML the server
// built itself (the page body inside the layout, SVG charts). Every template is also a partial
// by its name ({{> error_summary}}).
//
// Functions only; thread-safe (templates are immutable and parsed per render).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <kainjow/mustache.hpp>

#include "base/status.h"
#include "server/http_types.h"
#include "server/router.h"

namespace probation {

using PageData = kainjow::mustache::data;

struct Page {
  std::string title;          // the <title> (with the service's name) and, by convention, the h1
  std::string template_name;  // "caseload" -> templates/caseload.mustache
  PageData data = PageData(PageData::type::object);
  int status = 200;
  std::string nav{};  // the href of the navigation item that is current ("/caseload")
};

// A form's errors in the design system's pattern: an error summary at the top (the partial
// error_summary reads `has_errors` and `errors`, a list of {href, text}) linking to each field,
// and the message beside the field (server/form_fields.h puts it on the field's data).
class FormErrors {
 public:
  // `anchor`: the id the summary links to when it is not the field's name (a date input's
  // NAME-day). The first message for a field is the one shown beside it.
  void Add(std::string field, std::string message, std::string anchor = {});
  bool empty() const { return errors_.empty(); }
  // The message for `field`, or "".
  std::string For(const std::string& field) const;
  // Sets `has_errors` and `errors` on `data`.
  void AddTo(PageData* data) const;

 private:
  struct Error {
    std::string field, message, anchor;
  };
  std::vector<Error> errors_;
};

// The page inside the layout, as a text/html response.
Result<HttpResponse> RenderPage(const RequestContext& ctx, Page page);

// The design system's error page (404 "Page not found", 403 "You cannot see this page", 500 ...)
// for `status`, with `message` below the heading. Used by the router for page routes.
HttpResponse ErrorPage(const RequestContext& ctx, int status, std::string_view message);

// 303 See Other to `location`, a path on this service.
HttpResponse Redirect(std::string_view location);

// `next` when it is a path on this service ("/cases/X1"), else "/": never another origin.
std::string SafeNext(std::string_view next);

// The role as people say it: "Offender manager", "Performance analyst", ...
std::string RoleTitle(Role role);

// The text of the template `name`, or an empty view when there is none.
std::string_view TemplateText(std::string_view name);

}  // namespace probation
