// The front-end assets built into the binary (CMakeLists.txt: the stylesheet compiled from
// src/server/assets/application.scss, GOV.UK Frontend's fonts, images and script, MoJ
// Frontend's images and script, and src/server/assets/application.js), served by
// AddAssetRoutes (server/routes.h) at GET /assets/<name> to anyone, without a session.
//
// Each asset has an ETag (a hash of its bytes). A request that names the asset's current hash
// (?v=..., as AssetUrl writes it) or a file whose name already carries a hash (the fonts) may
// be cached for a year; any other is revalidated (Cache-Control: no-cache; a matching
// If-None-Match gets 304).
//
// Functions only; thread-safe (the table is built once, on first use).
#pragma once

#include <string>
#include <string_view>

namespace probation {

struct Asset {
  std::string_view name;          // below /assets/: "application.css", "fonts/bold-....woff2"
  std::string_view content_type;  // "text/css; charset=utf-8", "font/woff2", ...
  std::string_view bytes;         // the embedded bytes (static storage)
  std::string hash;               // the first 20 hex digits of the bytes' SHA-256
  bool fingerprinted = false;     // the file name carries a content hash of its own
};

// The asset called `name`, or null when there is none. A name that is not a plain relative
// path ("", a leading '/', "..", ".", an empty segment, a backslash) is never found.
const Asset* FindAsset(std::string_view name);

// The path a page links to for asset `name`: "/assets/<name>?v=<hash>", which the browser may
// keep for a year, since a new build of that asset has a new hash. REQUIRES: the asset exists.
std::string AssetUrl(std::string_view name);

// The Content-Type for a file name, by its extension; "application/octet-stream" when unknown.
std::string_view AssetContentType(std::string_view name);

// The number of embedded assets (for the tests).
size_t AssetCount();

}  // namespace probation
