// MappedFile: a read-only view of a whole file's bytes (memory-mapped; empty files are an
// empty view). Movable, not copyable; the view is valid for the object's lifetime.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "base/status.h"

namespace probation {

class MappedFile {
 public:
  MappedFile() = default;  // an empty view
  static Result<MappedFile> Open(const std::string& path);
  MappedFile(MappedFile&& other) noexcept;
  MappedFile& operator=(MappedFile&& other) noexcept;
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  ~MappedFile();

  std::string_view contents() const { return {data_, size_}; }

 private:
  MappedFile(const char* data, size_t size) : data_(data), size_(size) {}
  const char* data_ = nullptr;
  size_t size_ = 0;
};

// Reads a whole (small) file into a string.
Result<std::string> ReadFileToString(const std::string& path);

}  // namespace probation
