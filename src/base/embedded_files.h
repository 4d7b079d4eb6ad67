// Files carried inside the binary (templates, web assets), written into generated sources at
// build time by tools/embed_files.cc through the CMake function probation_embed_files().
//
// Immutable data with static storage; thread-safe.
#pragma once

#include <span>
#include <string_view>

namespace probation {

struct EmbeddedFile {
  std::string_view name;  // the path relative to the embedded folder, '/'-separated
  std::string_view data;  // the file's bytes
};

// The file named `name` in `files`, or nullptr.
inline const EmbeddedFile* FindEmbeddedFile(std::span<const EmbeddedFile> files,
                                            std::string_view name) {
  for (const EmbeddedFile& file : files) {
    if (file.name == name) return &file;
  }
  return nullptr;
}

}  // namespace probation
