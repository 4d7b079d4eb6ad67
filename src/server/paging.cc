#include "server/paging.h"

#include <charconv>

namespace probation {
namespace {

std::optional<int64_t> ParseCount(const std::string& text) {
  int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

std::optional<HttpResponse> ReadPage(const RequestContext& ctx, int64_t default_limit,
                                     int64_t max_limit, PageRequest* page) {
  page->limit = default_limit;
  page->offset = 0;
  if (const std::string l = ctx.Query("limit"); !l.empty() || ctx.query.count("limit") > 0) {
    const std::optional<int64_t> v = ParseCount(l);
    if (!v || *v < 1 || *v > max_limit) {
      return ErrorResponse(400, "invalid_argument",
                           "limit must be 1 to " + std::to_string(max_limit), "limit");
    }
    page->limit = *v;
  }
  if (const std::string o = ctx.Query("offset"); !o.empty() || ctx.query.count("offset") > 0) {
    const std::optional<int64_t> v = ParseCount(o);
    if (!v || *v < 0 || *v > kMaxOffset) {
      return ErrorResponse(400, "invalid_argument",
                           "offset must be 0 to " + std::to_string(kMaxOffset), "offset");
    }
    page->offset = *v;
  }
  return std::nullopt;
}

void PutPage(nlohmann::json* out, const std::string& name, const nlohmann::json& items,
             const PageRequest& page) {
  nlohmann::json slice = nlohmann::json::array();
  const int64_t total = static_cast<int64_t>(items.size());
  for (int64_t i = page.offset; i < total && i < page.offset + page.limit; ++i) {
    slice.push_back(items[static_cast<size_t>(i)]);
  }
  (*out)[name] = std::move(slice);
  (*out)["limit"] = page.limit;
  (*out)["offset"] = page.offset;
  (*out)["total"] = total;
}

std::vector<QueryParamDoc> PageParams(int64_t default_limit, int64_t max_limit) {
  return {{"limit", "page size, 1 to " + std::to_string(max_limit) + " (default " +
                        std::to_string(default_limit) + ")",
           false},
          {"offset", "entries to skip (default 0; past the end: an empty page)", false}};
}

}  // namespace probation
