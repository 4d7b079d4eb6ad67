// POST /api/v1/imports: the performance analyst uploads extracts as multipart/form-data (one
// file part per CSV file) and they are loaded as `probation import` loads them
// (server/import_upload.h). The answer is the figures per file and the rejections as JSON, or,
// with rejects=csv, the whole rejection report as a CSV attachment. Audited: the files named,
// the figures, and whether anything was committed.
#include <string>

#include "server/import_upload.h"
#include "server/routes.h"

namespace probation {
namespace {

// A yes/no option given as a query parameter or a form field ("true", "1", "on", "yes").
bool Flag(const RequestContext& ctx, const std::string& name, bool* bad) {
  std::string value = ctx.Query(name);
  if (const MultipartPart* field = FindFormField(ctx.parts, name)) value = std::string(field->body);
  if (value.empty() || value == "false" || value == "0" || value == "off" || value == "no") return false;
  if (value == "true" || value == "1" || value == "on" || value == "yes") return true;
  *bad = true;
  return false;
}

Result<HttpResponse> UploadImport(RequestContext& ctx) {
  ctx.audit.record_type = "import_runs";
  bool bad = false;
  const bool all_or_nothing = Flag(ctx, "all_or_nothing", &bad);
  if (bad) return ErrorResponse(400, "invalid_argument", "all_or_nothing must be true or false", "all_or_nothing");
  std::string rejects = ctx.Query("rejects");
  if (const MultipartPart* field = FindFormField(ctx.parts, "rejects")) rejects = std::string(field->body);
  if (!rejects.empty() && rejects != "json" && rejects != "csv") {
    return ErrorResponse(400, "invalid_argument", "rejects must be json or csv", "rejects");
  }
  Result<std::vector<UploadedFile>> files = UploadedFiles(ctx.parts);
  if (!files.ok()) return ErrorResponse(400, "invalid_argument", files.status().message(), "files");
  std::string names;
  for (const UploadedFile& f : *files) names += (names.empty() ? "" : ",") + f.filename;
  ctx.audit.query = "files=" + names + " all_or_nothing=" + (all_or_nothing ? "true" : "false");
  ImportUploadOptions options;
  options.all_or_nothing = all_or_nothing;
  options.want_report_csv = rejects == "csv";
  Result<ImportUploadResult> upload = RunUploadedImport(ctx.db, *files, options);
  if (!upload.ok()) {
    if (upload.status().code() == StatusCode::kInvalidArgument) {
      return ErrorResponse(400, "invalid_argument", upload.status().message(), "files");
    }
    return upload.status();
  }
  const ImportResult& r = upload->result;
  ctx.audit.detail = "read " + std::to_string(r.TotalRead()) + ", accepted " +
                     std::to_string(r.TotalAccepted()) + ", rejected " +
                     std::to_string(r.total_rejected) +
                     (r.committed ? ", committed" : ", nothing loaded");
  if (rejects == "csv") {
    HttpResponse response;
    response.content_type = "text/csv; charset=utf-8";
    response.body = std::move(upload->report_csv);
    response.SetHeader("Content-Disposition", "attachment; filename=\"rejections.csv\"");
    response.SetHeader("X-Import-Committed", r.committed ? "true" : "false");
    return response;
  }
  return JsonResponse(ImportUploadJson(*upload, all_or_nothing));
}

}  // namespace

void AddImportRoutes(const ServiceContext& service) {
  service.router->Add(Route{
      .method = "POST",
      .pattern = "/api/v1/imports",
      .handler = [](RequestContext& ctx) { return UploadImport(ctx); },
      .roles = {Role::kPerformanceAnalyst},
      .audited = true,
      .summary = "Upload extracts (multipart/form-data, one file part per CSV, named <type>.csv "
                 "or <type>-<anything>.csv) and load them as `probation import` does; returns "
                 "the figures per file and the rejections",
      .query_params = {{"all_or_nothing", "true: load nothing if any row is rejected (also a "
                                          "form field)", false},
                       {"rejects", "json (default) or csv: the whole rejection report as CSV "
                                   "(also a form field)", false}},
      .body = BodyKind::kMultipart,
      .body_limit = kImportBodyLimit,
  });
}

}  // namespace probation
