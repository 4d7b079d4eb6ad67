#include "server/import_upload.h"

#include "server/temp_folder.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <mutex>
#include <set>

namespace probation {
namespace {

std::mutex upload_mutex;  // one upload at a time in the process

constexpr size_t kMaxFileName = 100;

// The last segment of a name as a browser may send it (old browsers send a whole path).
std::string_view BaseName(std::string_view name) {
  const size_t slash = name.find_last_of("/\\");
  return slash == std::string_view::npos ? name : name.substr(slash + 1);
}

bool SafeCsvName(std::string_view name) {
  if (name.size() < 5 || name.size() > kMaxFileName) return false;
  if (name.substr(name.size() - 4) != ".csv" || name.front() == '.' || name.front() == '-') {
    return false;
  }
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

// Replaces every occurrence of `from` in `text` with `to`.
void ReplaceAll(std::string* text, std::string_view from, std::string_view to) {
  if (from.empty()) return;
  for (size_t at = 0; (at = text->find(from, at)) != std::string::npos; at += to.size()) {
    text->replace(at, from.size(), to);
  }
}

Status WriteNewFile(const std::string& path, std::string_view contents) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0) return IoError("cannot create a temporary file for the upload: " + std::string(std::strerror(errno)));
  size_t done = 0;
  while (done < contents.size()) {
    const ssize_t n = ::write(fd, contents.data() + done, contents.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      const int error = errno;
      ::close(fd);
      return IoError("cannot write the uploaded file: " + std::string(std::strerror(error)));
    }
    done += static_cast<size_t>(n);
  }
  if (::close(fd) != 0) return IoError("cannot write the uploaded file: " + std::string(std::strerror(errno)));
  return Status::Ok();
}

}  // namespace

Result<std::vector<UploadedFile>> UploadedFiles(const std::vector<MultipartPart>& parts) {
  std::vector<UploadedFile> files;
  std::set<std::string> names;
  for (const MultipartPart& part : parts) {
    if (!part.has_filename) continue;
    const std::string_view name = BaseName(part.filename);
    if (name.empty() && part.body.empty()) continue;  // a file input left empty
    if (!SafeCsvName(name)) {
      return InvalidArgument(
                    "an uploaded file must be named <type>.csv or <type>-<anything>.csv with "
                    "letters, digits, '.', '-' and '_' only (at most 100 characters)");
    }
    if (!names.insert(std::string(name)).second) {
      return InvalidArgument(std::string(name) + " is uploaded twice");
    }
    files.push_back({std::string(name), part.body});
  }
  if (files.empty()) return InvalidArgument("no file was uploaded: post each extract as a file part");
  return files;
}

Result<ImportUploadResult> RunUploadedImport(Database* db, const std::vector<UploadedFile>& files,
                                             const ImportUploadOptions& options) {
  std::unique_lock<std::mutex> lock(upload_mutex, std::try_to_lock);
  if (!lock.owns_lock()) return Conflict("another import upload is running; try again when it ends");
  if (files.empty()) return InvalidArgument("no file was uploaded");
  PROBATION_ASSIGN_OR_RETURN(TempFolder folder, TempFolder::Make("upload", options.temp_dir));
  const std::string prefix = folder.path() + "/";
  ImportOptions import;
  import.all_or_nothing = options.all_or_nothing;
  import.max_rejections_kept = options.max_rejections_listed;
  import.report_path = folder.path() + "/.rejections.csv";  // no upload can have this name
  for (const UploadedFile& file : files) {
    if (!SafeCsvName(file.filename)) return InvalidArgument("an uploaded file's name is not safe");
    PROBATION_RETURN_IF_ERROR(WriteNewFile(prefix + file.filename, file.contents));
    import.paths.push_back(prefix + file.filename);
  }
  Result<ImportResult> result = Import(db, import);
  if (!result.ok()) {
    std::string message = result.status().message();
    ReplaceAll(&message, prefix, "");
    return Status(result.status().code(), message);
  }
  ImportUploadResult out;
  out.result = std::move(*result);
  for (FileSummary& f : out.result.files) ReplaceAll(&f.path, prefix, "");
  for (Rejection& r : out.result.first_rejections) ReplaceAll(&r.file, prefix, "");
  ReplaceAll(&out.result.report_error, prefix, "");
  if (options.want_report_csv) {
    Result<std::string> report = ReadWholeFile(import.report_path);
    if (report.ok()) {
      out.report_csv = std::move(*report);
      // The file column holds the temporary paths: give back the uploaded names.
      ReplaceAll(&out.report_csv, prefix, "");
    } else {  // not expected: the importer writes a report whenever it is asked to
      out.report_csv = "file,line,last_line,column,value,reason\n";
    }
  }
  return out;
}

nlohmann::json ImportUploadJson(const ImportUploadResult& upload, bool all_or_nothing) {
  const ImportResult& r = upload.result;
  nlohmann::json files = nlohmann::json::array();
  for (const FileSummary& f : r.files) {
    files.push_back({{"file", f.path},
                     {"record_type", f.record_type},
                     {"lines", f.lines},
                     {"read", f.read},
                     {"accepted", f.accepted},
                     {"rejected", f.rejected},
                     {"inserted", f.inserted},
                     {"updated", f.updated},
                     {"unchanged", f.unchanged},
                     {"blank_lines", f.blank_lines}});
  }
  nlohmann::json rejections = nlohmann::json::array();
  for (const Rejection& x : r.first_rejections) {
    rejections.push_back({{"file", x.file},
                          {"line", x.line},
                          {"last_line", x.last_line},
                          {"field", x.column},
                          {"value", x.value},
                          {"reason", x.reason}});
  }
  nlohmann::json out{
      {"committed", r.committed},
      {"all_or_nothing", all_or_nothing},
      {"seconds", r.seconds},
      {"totals", {{"read", r.TotalRead()}, {"accepted", r.TotalAccepted()}, {"rejected", r.total_rejected}}},
      {"files", files},
      {"rejections", rejections},
      {"rejections_listed", rejections.size()},
      {"rejections_truncated", static_cast<int64_t>(rejections.size()) < r.total_rejected},
  };
  if (!r.report_error.empty()) out["report_error"] = r.report_error;
  return out;
}

}  // namespace probation
