// GET /assets/{path*}: the embedded front-end assets (server/asset_routes.h).
#include "server/asset_routes.h"

#include <algorithm>
#include <map>
#include <memory>
#include <span>

#include "base/crypto.h"
#include "base/embedded_files.h"
#include "server/routes.h"

namespace probation {

// The files CMake built into build/assets/ and compiled into the binary (CMakeLists.txt:
// probation_embed_files ... ServerAssets), named by their paths below /assets/.
std::span<const EmbeddedFile> ServerAssets();

namespace {

constexpr char kForever[] = "public, max-age=31536000, immutable";
constexpr char kRevalidate[] = "no-cache";

bool EndsWith(std::string_view text, std::string_view tail) {
  return text.size() >= tail.size() && text.substr(text.size() - tail.size()) == tail;
}

// Whether `name` is a plain relative path: segments separated by single slashes, none empty,
// "." or "..", and no backslash or NUL anywhere.
bool PlainRelativePath(std::string_view name) {
  if (name.empty() || name.find('\\') != std::string_view::npos ||
      name.find('\0') != std::string_view::npos) {
    return false;
  }
  size_t start = 0;
  while (true) {
    const size_t slash = name.find('/', start);
    const std::string_view segment = name.substr(
        start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
    if (segment.empty() || segment == "." || segment == "..") return false;
    if (slash == std::string_view::npos) return true;
    start = slash + 1;
  }
}

// GOV.UK Frontend's fonts carry a hash of their own ("bold-b542beb274-v2.woff2").
bool Fingerprinted(std::string_view name) {
  return name.rfind("fonts/", 0) == 0 && name.find('-') != std::string_view::npos;
}

struct AssetTable {
  std::map<std::string, Asset, std::less<>> by_name;
};

const AssetTable& Table() {
  static const AssetTable* table = [] {
    auto t = std::make_unique<AssetTable>();
    for (const EmbeddedFile& file : ServerAssets()) {
      Asset asset;
      asset.name = file.name;
      asset.content_type = AssetContentType(asset.name);
      asset.bytes = file.data;
      asset.hash = Sha256Hex(file.data).substr(0, 20);
      asset.fingerprinted = Fingerprinted(asset.name);
      t->by_name.emplace(std::string(asset.name), std::move(asset));
    }
    return t.release();
  }();
  return *table;
}

// Whether an If-None-Match value ("*", or a list of entity tags, weak or strong) names `etag`.
bool NoneMatchNames(std::string_view header, std::string_view etag) {
  size_t start = 0;
  while (start < header.size()) {
    size_t comma = header.find(',', start);
    if (comma == std::string_view::npos) comma = header.size();
    std::string_view tag = header.substr(start, comma - start);
    while (!tag.empty() && tag.front() == ' ') tag.remove_prefix(1);
    while (!tag.empty() && tag.back() == ' ') tag.remove_suffix(1);
    if (tag.rfind("W/", 0) == 0) tag.remove_prefix(2);
    if (tag == "*" || tag == etag) return true;
    start = comma + 1;
  }
  return false;
}

Result<HttpResponse> ServeAsset(RequestContext& ctx) {
  const Asset* asset = FindAsset(ctx.Param("path*"));
  if (asset == nullptr) return NotFound("there is no such asset");
  const std::string etag = "\"" + asset->hash + "\"";
  HttpResponse response;
  response.content_type = std::string(asset->content_type);
  response.SetHeader("ETag", etag);
  const bool versioned = ctx.Query("v") == asset->hash;
  response.SetHeader("Cache-Control", asset->fingerprinted || versioned ? kForever : kRevalidate);
  if (NoneMatchNames(ctx.request.Header("if-none-match"), etag)) {
    response.status = 304;
    return response;
  }
  response.body.assign(asset->bytes);
  return response;
}

}  // namespace

std::string_view AssetContentType(std::string_view name) {
  static constexpr std::pair<std::string_view, std::string_view> kTypes[] = {
      {".css", "text/css; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".map", "application/json"},
      {".json", "application/json"},
      {".woff2", "font/woff2"},
      {".woff", "font/woff"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
  };
  for (const auto& [extension, type] : kTypes) {
    if (EndsWith(name, extension)) return type;
  }
  return "application/octet-stream";
}

const Asset* FindAsset(std::string_view name) {
  if (!PlainRelativePath(name)) return nullptr;
  const AssetTable& table = Table();
  const auto it = table.by_name.find(name);
  return it == table.by_name.end() ? nullptr : &it->second;
}

std::string AssetUrl(std::string_view name) {
  const Asset* asset = FindAsset(name);
  return "/assets/" + std::string(name) + (asset != nullptr ? "?v=" + asset->hash : "");
}

size_t AssetCount() { return Table().by_name.size(); }

void AddAssetRoutes(const ServiceContext& service) {
  service.router->Add(Route{
      .method = "GET",
      .pattern = "/assets/{path*}",
      .handler = ServeAsset,
      .public_route = true,
      .summary = "The pages' stylesheet, scripts, fonts and images (built into the binary)",
      .response_type = "application/octet-stream",
  });
}

}  // namespace probation
