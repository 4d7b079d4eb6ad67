// What the planning pages' record forms share: a plan item's progress (POST
// /plans/{plan}/items/{number}) and a risk's review (POST /risks/{register}/{reference}). Each is
// post/redirect/get on the page that shows the record: the page shows the form to those allowed
// and, after a recording, a banner; the POST reads the posted fields trimmed, and either renders
// the page again with the errors (400) or redirects to it with ?<done>=1.
//
// Functions only; thread-safe.
#pragma once

#include <functional>
#include <string>

#include "server/page.h"
#include "server/principal.h"
#include "server/router.h"

namespace probation {

// The page data names of one record form.
struct RecordForm {
  const char* allowed;  // the flag saying whether the form shows ("may_record")
  const char* done;     // the query parameter a recording redirects with, and the banner's flag
};

// Renders `page` with `form.allowed` set to `may`, `form.done` set when the request has
// ?<done>=1, and, when `may`, the fields `add_fields` puts on the page's data.
Result<HttpResponse> RenderWithRecordForm(const RequestContext& ctx, const RecordForm& form,
                                          bool may, Page page,
                                          const std::function<void(PageData*)>& add_fields);

// Where a recording sends the browser: the page at `href`, with ?<done>=1.
HttpResponse RecordedRedirect(const RecordForm& form, const std::string& href);

// The posted field `name` without leading spaces and line feeds or trailing spaces and line
// ends; empty when the form did not post it.
std::string PostedField(const RequestContext& ctx, const char* name);

// The name a record is signed with: the user's display name, or their username when it has none.
std::string RecorderName(const Principal& principal);

}  // namespace probation
