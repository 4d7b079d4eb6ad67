// Paging of the API's lists: ?limit= and ?offset= read the same way on every list endpoint,
// and "limit", "offset" and "total" in every list response. limit is 1 to the endpoint's
// maximum (default: the endpoint's default); offset is 0 to 1,000,000,000 and may run past the
// end (an empty page, with the total). Anything else is a 400 naming the field.
//
// Functions only; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "server/router.h"

namespace probation {

struct PageRequest {
  int64_t limit = 50;
  int64_t offset = 0;
};

inline constexpr int64_t kMaxOffset = 1000000000;

// Reads ?limit= and ?offset= into `page`, or returns the 400 to send instead.
std::optional<HttpResponse> ReadPage(const RequestContext& ctx, int64_t default_limit,
                                     int64_t max_limit, PageRequest* page);

// The page of `items` (a JSON array) that `page` asks for, and its "limit", "offset" and
// "total" (the whole array's size) added to `out` under `name`.
void PutPage(nlohmann::json* out, const std::string& name, const nlohmann::json& items,
             const PageRequest& page);

// The OpenAPI query parameters limit and offset, with the default and maximum stated.
std::vector<QueryParamDoc> PageParams(int64_t default_limit, int64_t max_limit);

}  // namespace probation
