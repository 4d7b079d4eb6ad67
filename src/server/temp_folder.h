// TempFolder: a private temporary folder (mode 0700, made by mkdtemp under $TMPDIR or /tmp),
// removed with everything in it when the TempFolder is destroyed. For the service's uploads
// (files the importer reads by path) and downloads (workbooks libxlsxwriter writes to a path).
//
// Thread-compatible: one owner; distinct folders may be used from distinct threads.
#pragma once

#include <string>

#include "base/status.h"

namespace probation {

class TempFolder {
 public:
  // A fresh folder named probation-<purpose>-XXXXXX under `parent` ("" : $TMPDIR or /tmp).
  static Result<TempFolder> Make(const std::string& purpose, const std::string& parent = "");

  TempFolder() = default;
  TempFolder(TempFolder&& other) noexcept : path_(std::move(other.path_)) { other.path_.clear(); }
  TempFolder& operator=(TempFolder&&) = delete;
  TempFolder(const TempFolder&) = delete;
  ~TempFolder();

  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// Reads a whole file into memory.
Result<std::string> ReadWholeFile(const std::string& path);

}  // namespace probation
