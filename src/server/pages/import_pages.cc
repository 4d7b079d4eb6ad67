// The performance analyst's upload page (/imports/new): a form that posts CSV extracts as
// multipart/form-data (several files, the all-or-nothing option), loaded as the API's POST
// /api/v1/imports loads them (server/import_upload.h: the importer's validation,
// reconciliation and import_runs row), and the outcome: read, accepted and rejected per file,
// whether anything was committed, the rejections (file, line, field, reason) and the whole
// rejection report as a CSV download. Audited as the API's upload is: the files, the figures.
#include <cctype>
#include <string>
#include <vector>

#include <sodium.h>

#include "server/import_upload.h"
#include "server/page.h"
#include "server/routes.h"

namespace probation {
namespace {

const RoleSet kAnalyst = {Role::kPerformanceAnalyst};
// The rejections listed on the page; the CSV download has them all.
constexpr int kRejectionsListed = 500;
// The largest rejection report offered as a download from the page itself (a data: link).
constexpr size_t kMaxReportDownload = 4 * 1024 * 1024;

// `data` in Base64 (RFC 4648, padded), for the report's data: URL.
std::string Base64(std::string_view data) {
  constexpr int kVariant = sodium_base64_VARIANT_ORIGINAL;
  std::string out(sodium_base64_ENCODED_LEN(data.size(), kVariant), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(data.data()),
                    data.size(), kVariant);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

PageData Bool(bool value) {
  return PageData(value ? PageData::type::bool_true : PageData::type::bool_false);
}

Result<HttpResponse> UploadPage(const RequestContext& ctx, const std::string& error,
                                bool all_or_nothing, int status) {
  Page page{.title = "Upload extracts",
            .template_name = "import_new",
            .status = status,
            .nav = "/imports/new"};
  if (!error.empty()) {
    FormErrors errors;
    errors.Add("files", error);
    errors.AddTo(&page.data);
    page.data.set("files_error", error);
  }
  page.data.set("all_or_nothing", Bool(all_or_nothing));
  return RenderPage(ctx, std::move(page));
}

// A message as a sentence: a capital first letter, unless it begins with a file's name
// ("contacts.csv: ..."), which is shown as it was uploaded.
std::string Sentence(std::string message) {
  const std::string first = message.substr(0, message.find(' '));
  if (!message.empty() && first.find('.') == std::string::npos) {
    message[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(message[0])));
  }
  return message;
}

std::string Thousands(int64_t n) {
  std::string digits = std::to_string(n < 0 ? -n : n);
  for (int at = static_cast<int>(digits.size()) - 3; at > 0; at -= 3) digits.insert(at, ",");
  return (n < 0 ? "-" : "") + digits;
}

Result<HttpResponse> Upload(RequestContext& ctx) {
  ctx.audit.record_type = "import_runs";
  const bool all_or_nothing = FindFormField(ctx.parts, "all_or_nothing") != nullptr;
  Result<std::vector<UploadedFile>> files = UploadedFiles(ctx.parts);
  if (!files.ok()) {
    ctx.audit.detail = "nothing loaded: " + files.status().message();
    return UploadPage(ctx, Sentence(files.status().message()), all_or_nothing, 400);
  }
  std::string names;
  for (const UploadedFile& f : *files) names += (names.empty() ? "" : ",") + f.filename;
  ctx.audit.query = "files=" + names + " all_or_nothing=" + (all_or_nothing ? "true" : "false");
  ImportUploadOptions options;
  options.all_or_nothing = all_or_nothing;
  options.want_report_csv = true;
  options.max_rejections_listed = kRejectionsListed;
  Result<ImportUploadResult> upload = RunUploadedImport(ctx.db, *files, options);
  if (!upload.ok()) {
    // A fatal problem (a file name that is no record type, a header column unknown or
    // missing): nothing was loaded; the message names the file.
    if (upload.status().code() != StatusCode::kInvalidArgument &&
        upload.status().code() != StatusCode::kConflict) {
      return upload.status();
    }
    ctx.audit.detail = "nothing loaded: " + upload.status().message();
    return UploadPage(ctx, Sentence(upload.status().message()), all_or_nothing,
                      upload.status().code() == StatusCode::kConflict ? 409 : 400);
  }
  const ImportResult& r = upload->result;
  ctx.audit.detail = "read " + std::to_string(r.TotalRead()) + ", accepted " +
                     std::to_string(r.TotalAccepted()) + ", rejected " +
                     std::to_string(r.total_rejected) +
                     (r.committed ? ", committed" : ", nothing loaded");

  Page page{.title = r.committed ? "Extracts loaded" : "Nothing was loaded",
            .template_name = "import_result",
            .nav = "/imports/new"};
  page.data.set("heading", page.title);
  page.data.set("committed", Bool(r.committed));
  page.data.set("all_or_nothing", Bool(all_or_nothing));
  PageData rows(PageData::type::list);
  for (const FileSummary& f : r.files) {
    PageData row;
    row.set("file", f.path);
    row.set("record_type", f.record_type);
    row.set("read", Thousands(f.read));
    row.set("accepted", Thousands(f.accepted));
    row.set("rejected", Thousands(f.rejected));
    row.set("inserted", Thousands(f.inserted));
    row.set("updated", Thousands(f.updated));
    row.set("unchanged", Thousands(f.unchanged));
    rows.push_back(row);
  }
  page.data.set("files", rows);
  page.data.set("total_read", Thousands(r.TotalRead()));
  page.data.set("total_accepted", Thousands(r.TotalAccepted()));
  page.data.set("total_rejected", Thousands(r.total_rejected));
  PageData rejections(PageData::type::list);
  for (const Rejection& j : r.first_rejections) {
    PageData row;
    row.set("file", j.file);
    row.set("line", j.last_line > j.line
                        ? std::to_string(j.line) + " to " + std::to_string(j.last_line)
                        : std::to_string(j.line));
    row.set("field", j.column == kWholeRow ? "The whole row" : j.column);
    row.set("value", j.value);
    row.set("reason", j.reason);
    rejections.push_back(row);
  }
  page.data.set("rejections", rejections);
  page.data.set("has_rejections", Bool(r.total_rejected > 0));
  page.data.set("rejections_listed", std::to_string(r.first_rejections.size()));
  page.data.set("rejections_truncated",
                Bool(static_cast<int64_t>(r.first_rejections.size()) < r.total_rejected));
  if (r.total_rejected > 0 && upload->report_csv.size() <= kMaxReportDownload) {
    page.data.set("report_href",
                  "data:text/csv;charset=utf-8;base64," + Base64(upload->report_csv));
    page.data.set("report_size", Thousands(static_cast<int64_t>(upload->report_csv.size())));
  }
  return RenderPage(ctx, std::move(page));
}

}  // namespace

void AddImportPages(const ServiceContext& service) {
  service.router->Add(Route{
      .method = "GET",
      .pattern = "/imports/new",
      .handler = [](RequestContext& ctx) { return UploadPage(ctx, "", false, 200); },
      .roles = kAnalyst,
      .summary = "The upload-extracts form (page)",
      .response_type = "text/html",
      .page = true,
  });
  service.router->Add(Route{
      .method = "POST",
      .pattern = "/imports",
      .handler = [](RequestContext& ctx) { return Upload(ctx); },
      .roles = kAnalyst,
      .audited = true,
      .summary = "Upload extracts from the form (multipart/form-data) and load them as "
                 "POST /api/v1/imports does: the figures per file and the rejections (page)",
      .response_type = "text/html",
      .page = true,
      .body = BodyKind::kMultipart,
      .body_limit = kImportBodyLimit,
  });
}

}  // namespace probation
