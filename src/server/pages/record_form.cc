#include "server/pages/record_form.h"

namespace probation {

Result<HttpResponse> RenderWithRecordForm(const RequestContext& ctx, const RecordForm& form,
                                          bool may, Page page,
                                          const std::function<void(PageData*)>& add_fields) {
  page.data.set(form.allowed,
                PageData(may ? PageData::type::bool_true : PageData::type::bool_false));
  if (ctx.Query(form.done) == "1") page.data.set(form.done, PageData(PageData::type::bool_true));
  if (may) add_fields(&page.data);
  return RenderPage(ctx, std::move(page));
}

HttpResponse RecordedRedirect(const RecordForm& form, const std::string& href) {
  return Redirect(href + "?" + form.done + "=1");
}

std::string PostedField(const RequestContext& ctx, const char* name) {
  const auto it = ctx.form.find(name);
  if (it == ctx.form.end()) return {};
  std::string value = it->second;
  while (!value.empty() && (value.back() == ' ' || value.back() == '\n' || value.back() == '\r'))
    value.pop_back();
  while (!value.empty() && (value.front() == ' ' || value.front() == '\n')) value.erase(0, 1);
  return value;
}

std::string RecorderName(const Principal& principal) {
  return principal.display_name.empty() ? principal.username : principal.display_name;
}

}  // namespace probation
