// multipart/form-data bodies for the upload tests (POST /api/v1/imports and the upload page):
// form fields and CSV files in one body, with one fixed boundary. Send a body with
// TestClient::Send(method, target, kMultipartType, MultipartBody({...})).
//
// Functions only; thread-safe.
#pragma once

#include <string>
#include <vector>

namespace probation::testing {

inline constexpr char kMultipartBoundary[] = "xYzBoundary42";
// The Content-Type of a body MultipartBody() builds.
inline constexpr char kMultipartType[] = "multipart/form-data; boundary=xYzBoundary42";

// One part: a form field when `filename` is empty, else a file (text/csv).
struct FormPart {
  std::string name, filename, contents;
};

// The parts in order, each with its Content-Disposition, and the closing boundary.
inline std::string MultipartBody(const std::vector<FormPart>& parts) {
  std::string out;
  for (const FormPart& p : parts) {
    out += std::string("--") + kMultipartBoundary + "\r\nContent-Disposition: form-data; name=\"" +
           p.name + "\"";
    if (!p.filename.empty()) out += "; filename=\"" + p.filename + "\"\r\nContent-Type: text/csv";
    out += "\r\n\r\n" + p.contents + "\r\n";
  }
  return out + "--" + kMultipartBoundary + "--\r\n";
}

}  // namespace probation::testing
