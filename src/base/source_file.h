// SourceFile: an input file read safely while other programs may change it. The file is
// opened once; its size and modification time are noted then, its bytes are read with pread
// into memory the program owns (never mapped, so a file truncated under the reader cannot
// raise SIGBUS), and CheckUnchanged() says whether it has changed since it was opened (an
// extract job rewriting its output is an ordinary event). Movable, not copyable; not
// thread-safe.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"
#include "base/uninitialized_vector.h"

namespace probation {

class SourceFile {
 public:
  SourceFile() = default;
  // Opens a regular file for reading. IoError naming the path and the reason otherwise.
  static Result<SourceFile> Open(const std::string& path);
  SourceFile(SourceFile&& other) noexcept;
  SourceFile& operator=(SourceFile&& other) noexcept;
  SourceFile(const SourceFile&) = delete;
  SourceFile& operator=(const SourceFile&) = delete;
  ~SourceFile();

  // Reads the file's first bytes, at most `max` (fewer when the file is shorter).
  Result<std::string> ReadPrefix(size_t max) const;
  // Reads the whole file, as long as it was when opened, into memory; contents() is then its
  // bytes. IoError if it is shorter now (it changed while being read).
  Status ReadAll();
  // Releases the bytes ReadAll() read (contents() is then empty).
  void Release();
  std::string_view contents() const { return {bytes_.data(), bytes_.size()}; }

  // Ok while the file's size and modification time are what they were when it was opened;
  // else IoError saying what changed.
  Status CheckUnchanged() const;

  const std::string& path() const { return path_; }
  uint64_t size() const { return size_; }
  dev_t device() const { return device_; }
  ino_t inode() const { return inode_; }

 private:
  std::string path_;
  int fd_ = -1;
  uint64_t size_ = 0;
  int64_t mtime_ns_ = 0;
  dev_t device_ = 0;
  ino_t inode_ = 0;
  UninitializedVector<char> bytes_;
};

}  // namespace probation
